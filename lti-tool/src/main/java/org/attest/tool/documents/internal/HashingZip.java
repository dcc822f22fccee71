package org.attest.tool.documents.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A ZIP written straight to its destination, one entry at a time, that hashes every entry as it goes through: the
 * size and SHA-256 of each are known as soon as it is written, and nothing is held in memory but a fixed buffer.
 */
final class HashingZip {

    static final int BUFFER_BYTES = 64 * 1024;

    private final ZipOutputStream zip;
    private final List<Written> written = new ArrayList<>();

    HashingZip(OutputStream out) {
        this.zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
    }

    /** What went into the ZIP: its path, size in bytes and lower-case hex SHA-256. */
    record Written(String path, long size, String sha256) {
    }

    @FunctionalInterface
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes one entry; {@code compress} false for files that are compressed already (most evidence). */
    Written entry(String path, boolean compress, Content content) throws IOException {
        zip.setLevel(compress ? Deflater.DEFAULT_COMPRESSION : Deflater.BEST_SPEED);
        zip.putNextEntry(new ZipEntry(path));
        MessageDigest sha256 = sha256();
        Counting counting = new Counting(zip);
        try (DigestOutputStream out = new DigestOutputStream(counting, sha256)) {
            content.writeTo(out);
        }
        zip.closeEntry();
        Written entry = new Written(path, counting.count, HexFormat.of().formatHex(sha256.digest()));
        written.add(entry);
        return entry;
    }

    /** Copies a stream into one entry with a fixed buffer, and closes the stream. */
    Written copy(String path, InputStream in) throws IOException {
        try (in) {
            return entry(path, false, out -> {
                byte[] buffer = new byte[BUFFER_BYTES];
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    out.write(buffer, 0, read);
                }
            });
        }
    }

    Written text(String path, String text) throws IOException {
        return entry(path, true, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Everything written so far, in order. */
    List<Written> written() {
        return List.copyOf(written);
    }

    /**
     * Writes the ZIP's central directory; the destination stays open. Called only when every entry was written: an
     * export that failed half-way is left without its directory, so no unzip tool takes it for a whole one.
     */
    void finish() throws IOException {
        zip.finish();
        zip.flush();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Counts the bytes of one entry; closing it leaves the ZIP open. */
    private static final class Counting extends FilterOutputStream {
        long count;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
