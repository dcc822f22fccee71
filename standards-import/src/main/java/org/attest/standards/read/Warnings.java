package org.attest.standards.read;

import java.util.ArrayList;
import java.util.List;
import org.attest.standards.ImportWarning;

/** Collects the warnings about one document. */
final class Warnings {

    private final String file;
    private final List<ImportWarning> list = new ArrayList<>();

    Warnings(String file) {
        this.file = file;
    }

    void add(int line, String code, String message) {
        list.add(new ImportWarning(file, line, code, message));
    }

    String file() {
        return file;
    }

    List<ImportWarning> list() {
        return list;
    }
}
