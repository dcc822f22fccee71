package org.attest.standards.write;

import java.util.List;

/** RFC 4180 rows with a chosen separator; fields are quoted when they need it. */
final class Csv {

    private final char separator;
    private final StringBuilder out = new StringBuilder();

    Csv(char separator) {
        this.separator = separator;
    }

    Csv row(List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(separator);
            }
            out.append(quote(fields.get(i)));
        }
        out.append("\r\n");
        return this;
    }

    Csv row(String... fields) {
        return row(List.of(fields));
    }

    private String quote(String field) {
        if (field == null) {
            return "";
        }
        boolean needs = field.indexOf(separator) >= 0 || field.indexOf('"') >= 0 || field.indexOf('\n') >= 0
                || field.indexOf('\r') >= 0 || field.startsWith(" ") || field.endsWith(" ");
        return needs ? '"' + field.replace("\"", "\"\"") + '"' : field;
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
