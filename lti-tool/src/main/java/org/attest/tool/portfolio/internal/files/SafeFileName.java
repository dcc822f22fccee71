package org.attest.tool.portfolio.internal.files;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns the name a browser sent with an upload into one that is safe to show, to log and to offer as a
 * download name on any operating system. It never becomes a path: files are stored under generated keys.
 */
final class SafeFileName {

    static final int MAX_LENGTH = 120;
    static final String FALLBACK = "file";

    // An extension longer than this is more likely part of the name ("minutes.of the meeting").
    private static final int MAX_EXTENSION_LENGTH = 16;
    private static final Pattern WINDOWS_RESERVED = Pattern.compile("(CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³])");
    private static final Pattern WINDOWS_FORBIDDEN = Pattern.compile("[<>:\"|?*]");

    private SafeFileName() {
    }

    static String of(String original) {
        String name = original == null ? "" : Normalizer.normalize(original, Normalizer.Form.NFC);
        name = withoutInvisibleCharacters(name);
        // Browsers on Windows may send the whole client path; either separator ends a directory.
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = WINDOWS_FORBIDDEN.matcher(name).replaceAll("_");
        name = name.strip();
        name = trimLeading(name, ". ");
        // Windows drops trailing dots and spaces, so "x.exe." would open as "x.exe".
        name = trimTrailing(name, ". ");
        if (name.isEmpty()) {
            return FALLBACK;
        }
        String extension = extensionOf(name);
        String base = name.substring(0, name.length() - extension.length());
        if (WINDOWS_RESERVED.matcher(base.toUpperCase(Locale.ROOT).split("\\.", 2)[0].strip()).matches()) {
            base = "_" + base;
        }
        return shortened(base, extension);
    }

    /** Whether the name as sent holds a control character (NUL, CR, LF, tab, ...), which Attest refuses rather than cleans. */
    static boolean hasControlCharacters(String original) {
        return original != null && original.chars().anyMatch(Character::isISOControl);
    }

    /** The name with {@code extension} (such as ".pdf") added when it has none of its own. */
    static String withExtension(String safeName, String extension) {
        if (!extensionOf(safeName).isEmpty() || extension.isEmpty()) {
            return safeName;
        }
        return shortened(safeName, extension);
    }

    /** The extension with its dot (".pdf"), or "" when the name has none. */
    static String extensionOf(String name) {
        int dot = name.lastIndexOf('.');
        if (dot <= 0 || dot == name.length() - 1 || name.length() - dot > MAX_EXTENSION_LENGTH
                || name.substring(dot).contains(" ")) {
            return "";
        }
        return name.substring(dot);
    }

    private static String shortened(String base, String extension) {
        int room = MAX_LENGTH - extension.length();
        if (base.length() > room) {
            // Never cut between the two halves of a surrogate pair.
            int cut = Character.isLowSurrogate(base.charAt(room)) ? room - 1 : room;
            base = trimTrailing(base.substring(0, cut), ". ");
        }
        return base.isEmpty() ? FALLBACK + extension : base + extension;
    }

    // Control characters (NUL, newlines), and format characters such as the right-to-left override that
    // makes "invoice\u202Efdp.exe" look like "invoiceexe.pdf".
    private static String withoutInvisibleCharacters(String name) {
        StringBuilder kept = new StringBuilder(name.length());
        name.codePoints()
                .filter(c -> !Character.isISOControl(c) && Character.getType(c) != Character.FORMAT
                        && Character.getType(c) != Character.UNASSIGNED && Character.getType(c) != Character.SURROGATE)
                .forEach(kept::appendCodePoint);
        return kept.toString();
    }

    private static String trimLeading(String s, String characters) {
        int start = 0;
        while (start < s.length() && characters.indexOf(s.charAt(start)) >= 0) {
            start++;
        }
        return s.substring(start);
    }

    private static String trimTrailing(String s, String characters) {
        int end = s.length();
        while (end > 0 && characters.indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        return s.substring(0, end);
    }
}
