package org.attest.tool.http;

import org.springframework.util.unit.DataSize;

/** Sizes as people read them: "1 MB", "512 KB". */
final class Sizes {

    private Sizes() {
    }

    static String describe(DataSize size) {
        long bytes = size.toBytes();
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
            return size.toMegabytes() + " MB";
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return size.toKilobytes() + " KB";
        }
        return bytes + " bytes";
    }
}
