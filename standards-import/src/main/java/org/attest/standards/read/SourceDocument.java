package org.attest.standards.read;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A document to import: its name (for messages and as a last resort for the unit number) and
 * its bytes. The format is recognised from the content, never from the name.
 */
public record SourceDocument(String name, byte[] content) {

    public static SourceDocument of(Path file) throws IOException {
        return new SourceDocument(file.getFileName().toString(), Files.readAllBytes(file));
    }

    /** Bytes as the reader takes them as text: UTF-8 without a byte-order mark, or Windows-1252 where they are not UTF-8. */
    public static String text(byte[] content) {
        return DocumentText.decode(content);
    }
}
