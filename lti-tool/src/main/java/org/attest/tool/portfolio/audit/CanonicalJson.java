package org.attest.tool.portfolio.audit;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * JSON with exactly one spelling per value, so that equal facts always hash alike: object keys in
 * ascending {@link String#compareTo} order, no whitespace, strings escaped as RFC 8785 does (only
 * {@code "}, {@code \} and control characters; {@code \b \f \n \r \t} or {@code \}{@code u00xx} with
 * lower-case hex), numbers as plain decimals without exponent or trailing fractional zeros.
 * Accepted values: null, text, booleans, integers, decimals, UUIDs, enums (their name), Instants and
 * LocalDates (ISO-8601), and maps with text keys, lists and sets (sorted by their JSON) of these.
 */
final class CanonicalJson {

    private CanonicalJson() {
    }

    static String write(Map<String, ?> object) {
        StringBuilder out = new StringBuilder();
        value(out, object, "detail");
        return out.toString();
    }

    /** The value as a JSON string literal. */
    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2);
        string(out, text);
        return out.toString();
    }

    private static void value(StringBuilder out, Object value, String path) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String text) {
            string(out, text);
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte || value instanceof BigInteger) {
            out.append(value);
        } else if (value instanceof BigDecimal d) {
            out.append(decimal(d));
        } else if (value instanceof Double || value instanceof Float) {
            out.append(decimal(finite(((Number) value).doubleValue(), path)));
        } else if (value instanceof UUID || value instanceof Instant || value instanceof LocalDate) {
            string(out, value.toString());
        } else if (value instanceof Enum<?> e) {
            string(out, e.name());
        } else if (value instanceof Map<?, ?> map) {
            object(out, map, path);
        } else if (value instanceof Set<?> set) {
            set(out, set, path);
        } else if (value instanceof Collection<?> list) {
            array(out, list, path);
        } else {
            throw new IllegalArgumentException("audit detail '" + path + "' is a " + value.getClass().getName()
                    + "; record facts as text, numbers, booleans, UUIDs, enums, Instants, LocalDates, or maps and lists of them");
        }
    }

    private static void object(StringBuilder out, Map<?, ?> map, String path) {
        TreeMap<String, Object> sorted = new TreeMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw new IllegalArgumentException("audit detail '" + path + "' has the key " + entry.getKey()
                        + "; keys must be text");
            }
            sorted.put(key, entry.getValue());
        }
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, Object> entry : sorted.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            string(out, entry.getKey());
            out.append(':');
            value(out, entry.getValue(), path + "." + entry.getKey());
        }
        out.append('}');
    }

    private static void array(StringBuilder out, Collection<?> items, String path) {
        out.append('[');
        int index = 0;
        for (Object item : items) {
            if (index > 0) {
                out.append(',');
            }
            value(out, item, path + "[" + index + "]");
            index++;
        }
        out.append(']');
    }

    /** A set has no order of its own, so its elements are ordered by their JSON. */
    private static void set(StringBuilder out, Set<?> set, String path) {
        List<String> items = new ArrayList<>(set.size());
        for (Object item : set) {
            StringBuilder json = new StringBuilder();
            value(json, item, path + "[]");
            items.add(json.toString());
        }
        items.sort(null);
        out.append('[').append(String.join(",", items)).append(']');
    }

    private static void string(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static String decimal(BigDecimal d) {
        return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }

    private static BigDecimal finite(double d, String path) {
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("audit detail '" + path + "' is " + d + "; JSON has no such number");
        }
        return BigDecimal.valueOf(d);
    }
}
