package org.attest.tool.documents.internal;

import java.text.Normalizer;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The names inside an export ZIP, made safe to unpack anywhere (no "zip slip"): each segment of a path is a plain
 * name, never {@code ..}, {@code .} or empty, with no separator, drive colon, control or invisible character, no
 * name Windows reserves ({@code con.txt} becomes {@code _con.txt}), no leading or trailing dot or space, and at most
 * {@value #MAX_SEGMENT} characters with its extension kept. Names in one ZIP are unique, case-insensitively
 * ({@code "a.pdf"}, {@code "a (2).pdf"}), so unpacking never overwrites one file with another.
 */
final class ZipNames {

    static final int MAX_SEGMENT = 100;
    private static final int MAX_EXTENSION = 12;
    private static final Pattern UNSAFE = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}/\\\\<>:\"|?*]");
    private static final Pattern RESERVED = Pattern.compile("(CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³]|CONIN\\$|CONOUT\\$)");

    private final Set<String> taken = new HashSet<>();

    /** One path segment made safe; {@code fallback} when nothing is left of it. */
    static String segment(String name, String fallback) {
        String s = name == null ? "" : Normalizer.normalize(name, Normalizer.Form.NFC);
        s = UNSAFE.matcher(s).replaceAll("_").strip();
        s = s.replaceAll("^[. ]+", "").replaceAll("[. ]+$", "");
        if (s.isEmpty() || s.chars().allMatch(c -> c == '_')) {
            s = fallback;
        }
        String extension = extension(s);
        String base = s.substring(0, s.length() - extension.length());
        if (RESERVED.matcher(base.toUpperCase(Locale.ROOT).split("\\.", 2)[0].strip()).matches()) {
            base = "_" + base;
        }
        return shortened(base, extension, MAX_SEGMENT);
    }

    /**
     * A path of safe segments joined by {@code /}, unique in this ZIP: a name already used gets " (2)", " (3)"...
     * before its extension.
     */
    String unique(String folder, String segment) {
        String prefix = folder.isEmpty() ? "" : folder + "/";
        String candidate = prefix + segment;
        String extension = extension(segment);
        String base = segment.substring(0, segment.length() - extension.length());
        for (int n = 2; !taken.add(candidate.toLowerCase(Locale.ROOT)); n++) {
            String suffix = " (" + n + ")";
            candidate = prefix + shortened(base, suffix + extension, MAX_SEGMENT);
        }
        return candidate;
    }

    /** A contributed relative path: each segment made safe, empty segments dropped, never above its folder. */
    static String relative(String path, String fallback) {
        String[] parts = (path == null ? "" : path).split("[/\\\\]+");
        StringBuilder safe = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].isBlank() || parts[i].strip().matches("\\.+")) {
                continue;
            }
            if (!safe.isEmpty()) {
                safe.append('/');
            }
            safe.append(segment(parts[i], fallback));
        }
        return safe.isEmpty() ? fallback : safe.toString();
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        if (dot <= 0 || name.length() - dot > MAX_EXTENSION + 1 || name.substring(dot).contains(" ")) {
            return "";
        }
        return name.substring(dot);
    }

    private static String shortened(String base, String extension, int max) {
        int room = max - extension.length();
        if (base.codePointCount(0, base.length()) > room) {
            base = base.substring(0, base.offsetByCodePoints(0, room)).strip();
        }
        return base + extension;
    }
}
