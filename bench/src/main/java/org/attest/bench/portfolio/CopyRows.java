package org.attest.bench.portfolio;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Rows for one table in PostgreSQL's COPY text format, buffered until {@link Copier#send} takes them. */
final class CopyRows {

    final String table;
    final String sql;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 22);
    private final StringBuilder line = new StringBuilder(1024);
    private boolean firstValue = true;
    private long rows;

    CopyRows(String table, String columns) {
        this.table = table;
        this.sql = "COPY " + table + " (" + columns + ") FROM STDIN";
    }

    /** The next value of the current row: null is SQL NULL, booleans t/f, anything else its text. */
    CopyRows add(Object value) {
        if (!firstValue) {
            line.append('\t');
        }
        firstValue = false;
        if (value == null) {
            line.append("\\N");
        } else if (value instanceof Boolean b) {
            line.append(b ? 't' : 'f');
        } else if (value instanceof Number n) {
            line.append(n);
        } else {
            String s = value.toString();
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '\\' -> line.append("\\\\");
                    case '\t' -> line.append("\\t");
                    case '\n' -> line.append("\\n");
                    case '\r' -> line.append("\\r");
                    default -> line.append(c);
                }
            }
        }
        return this;
    }

    void endRow() {
        line.append('\n');
        buffer.writeBytes(line.toString().getBytes(StandardCharsets.UTF_8));
        line.setLength(0);
        firstValue = true;
        rows++;
    }

    long rows() {
        return rows;
    }

    int bufferedBytes() {
        return buffer.size();
    }

    byte[] take() {
        byte[] bytes = buffer.toByteArray();
        buffer.reset();
        return bytes;
    }
}
