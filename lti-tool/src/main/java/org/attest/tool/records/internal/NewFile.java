package org.attest.tool.records.internal;

import java.io.IOException;
import java.io.InputStream;

/** A file the assessor attaches to a supplementary evidence box, as it arrives from the browser. */
public record NewFile(SupplementaryBox box, String originalName, String declaredType, Source source) {

    @FunctionalInterface
    public interface Source {
        InputStream open() throws IOException;
    }
}
