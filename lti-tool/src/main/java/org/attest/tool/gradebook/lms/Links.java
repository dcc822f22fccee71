package org.attest.tool.gradebook.lms;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads HTTP {@code Link} headers (RFC 8288), which AGS and NRPS use for paging ({@code rel="next"})
 * and for the roster's {@code rel="differences"}. A platform may send one header with several links
 * or several headers, with relative or absolute URLs.
 */
final class Links {

    private static final Pattern LINK = Pattern.compile("<([^>]*)>((?:\\s*;\\s*[^;,]*)*)");
    private static final Pattern REL = Pattern.compile("(?i)\\brel\\s*=\\s*(?:\"([^\"]*)\"|([^\\s;,]+))");

    private Links() {
    }

    /** Relation name (lower case) to absolute URL; the first link of a relation wins. */
    static Map<String, String> parse(List<String> headerValues, String requestUrl) {
        Map<String, String> links = new LinkedHashMap<>();
        for (String value : headerValues) {
            Matcher link = LINK.matcher(value);
            while (link.find()) {
                Matcher rel = REL.matcher(link.group(2));
                if (!rel.find()) {
                    continue;
                }
                String url = resolve(requestUrl, link.group(1).trim());
                String names = rel.group(1) != null ? rel.group(1) : rel.group(2);
                for (String name : names.trim().split("\\s+")) {
                    links.putIfAbsent(name.toLowerCase(), url);
                }
            }
        }
        return links;
    }

    private static String resolve(String base, String target) {
        try {
            return URI.create(base).resolve(target).toString();
        } catch (IllegalArgumentException e) {
            return target; // left as sent: calling it reports the bad URL with the platform's name
        }
    }
}
