package org.attest.tool.portfolio.internal;

import java.io.IOException;
import java.io.InputStream;

/** A file as it arrives from the browser: the name and type it claims, and its bytes as a stream. */
public record Upload(String originalName, String declaredContentType, Source source) {

    @FunctionalInterface
    public interface Source {
        InputStream open() throws IOException;
    }
}
