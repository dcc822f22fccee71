package org.attest.standards.read;

import java.util.regex.Pattern;

/**
 * Cleans one line of text extracted from a PDF, DOCX or markdown file: stray replacement
 * characters, non-breaking spaces, typographic quotes, markdown emphasis and bullets.
 */
final class TextCleaner {

    private static final String BULLETS = "-*+\u2022\u25AA\u25E6";
    private static final Pattern MARKDOWN_HEADING = Pattern.compile("^#{1,6}\\s+");
    private static final Pattern SPACES = Pattern.compile("[\\s\\u00a0\\u2000-\\u200b\\u202f\\u205f\\u3000]+");
    private static final Pattern SPACE_BEFORE_PUNCTUATION = Pattern.compile("\\s+([,.;:?!)])");

    private TextCleaner() {
    }

    static String clean(String raw) {
        if (raw.isEmpty()) {
            return raw;
        }
        StringBuilder sb = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            switch (c) {
                case '\uFFFD', '\uF0B7', '\uF0A7', '\u0000' -> sb.append(' '); // lost glyphs and symbol-font bullets
                case '\u2018', '\u2019', '\u201B', '\u2032' -> sb.append('\'');
                case '\u201C', '\u201D', '\u201F', '\u2033' -> sb.append('"');
                case '\u00AD', '\u200B', '\uFEFF' -> { } // soft hyphen, zero-width space, byte order mark
                default -> sb.append(Character.isISOControl(c) && c != '\t' ? ' ' : c);
            }
        }
        String s = sb.toString().replace("**", "").replace("__", "");
        s = SPACES.matcher(s).replaceAll(" ").trim();
        s = MARKDOWN_HEADING.matcher(s).replaceFirst("");
        s = withoutBullets(s);
        if (s.endsWith("\\")) { // markdown hard line break
            s = s.substring(0, s.length() - 1).trim();
        }
        return s;
    }

    /** "- - item" becomes "item"; a loop, because a regex over thousands of bullets recurses too deep. */
    private static String withoutBullets(String s) {
        int i = 0;
        while (i + 1 < s.length() && BULLETS.indexOf(s.charAt(i)) >= 0 && s.charAt(i + 1) == ' ') {
            i += 2;
        }
        return i == 0 ? s : s.substring(i).trim();
    }

    /** Collapses the spaces left by joined lines and removes those before punctuation. */
    static String tidy(String statement) {
        String s = SPACES.matcher(statement).replaceAll(" ").trim();
        return SPACE_BEFORE_PUNCTUATION.matcher(s).replaceAll("$1");
    }

    /** "SUPPORT CUSTOMERS USING ONLINE" becomes "Support customers using online". */
    static String sentenceCase(String title) {
        boolean hasLower = title.chars().anyMatch(Character::isLowerCase);
        if (hasLower || title.isEmpty()) {
            return title;
        }
        String lower = title.toLowerCase(java.util.Locale.ROOT);
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }
}
