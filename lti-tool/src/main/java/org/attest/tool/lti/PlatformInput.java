package org.attest.tool.lti;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Checks what an administrator typed for a platform, collecting one problem per field so a form
 * can show each next to its field. Values come back trimmed; the limits are the column sizes.
 */
final class PlatformInput {

    static final int MAX_ISSUER = 500;
    static final int MAX_TEXT = 255;
    static final int MAX_URL = 1000;

    private final Map<String, String> problems = new LinkedHashMap<>();
    private final PlatformUrls urls;

    PlatformInput(PlatformUrls urls) {
        this.urls = urls;
    }

    String issuer(String value) {
        String v = trim(value);
        if (v.isEmpty()) {
            problems.put("issuer", "Issuer is blank: enter the platform ID the LMS shows, such as https://moodle.college.ac.uk");
        } else if (!isHttpUrl(v)) {
            problems.put("issuer", "Issuer '" + v + "' is not a web address: an LMS's issuer is its address, such as "
                    + "https://moodle.college.ac.uk (every Canvas hosted by Instructure uses https://canvas.instructure.com)");
        } else if (urls.problem(v).isPresent()) {
            problems.put("issuer", "Issuer '" + v + "' " + urls.problem(v).get());
        } else if (URI.create(v).getRawQuery() != null || v.contains("#")) {
            problems.put("issuer", "Issuer '" + v + "' has a query or fragment (after ? or #), which an issuer never has");
        } else if (v.length() > MAX_ISSUER) {
            problems.put("issuer", "Issuer is longer than " + MAX_ISSUER + " characters");
        }
        return v;
    }

    String clientId(String value) {
        return text("clientId", "Client id", value, "enter the client ID the LMS gave Attest");
    }

    String name(String value) {
        return text("name", "Name", value, "enter a name your colleagues will recognise, such as College Moodle");
    }

    String url(String field, String label, String value, String whatToEnter) {
        String v = trim(value);
        if (v.isEmpty()) {
            problems.put(field, label + " is blank: " + whatToEnter);
        } else if (!isHttpUrl(v)) {
            problems.put(field, label + " '" + v + "' is not a web address: it must start with https:// (or http://localhost on a test server)");
        } else if (urls.problem(v).isPresent()) {
            problems.put(field, label + " '" + v + "' " + urls.problem(v).get());
        } else if (v.length() > MAX_URL) {
            problems.put(field, label + " is longer than " + MAX_URL + " characters");
        }
        return v;
    }

    String authorizationEndpoint(String value) {
        return url("authorizationEndpoint", "Authorisation URL", value,
                "enter the LMS's authentication request URL (Moodle: .../mod/lti/auth.php)");
    }

    String tokenEndpoint(String value) {
        return url("tokenEndpoint", "Access token URL", value, "enter the LMS's access token URL (Moodle: .../mod/lti/token.php)");
    }

    String jwksUri(String value) {
        return url("jwksUri", "Public keyset URL", value, "enter the LMS's public keyset (JWKS) URL (Moodle: .../mod/lti/certs.php)");
    }

    /** Deployment ids as typed, blanks dropped, duplicates once; none is allowed (they can be added later). */
    List<String> deploymentIds(List<String> values) {
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        for (String value : values == null ? List.<String>of() : values) {
            String v = trim(value);
            if (v.length() > MAX_TEXT) {
                problems.put("deploymentIds", "Deployment id '" + v.substring(0, 20) + "...' is longer than " + MAX_TEXT + " characters");
            } else if (!v.isEmpty()) {
                ids.add(v);
            }
        }
        return new ArrayList<>(ids);
    }

    String deploymentId(String value) {
        return text("deploymentId", "Deployment id", value, "enter the deployment ID the LMS shows for this installation of Attest");
    }

    /** A deployment's optional name (a centre, a faculty). */
    String deploymentName(String value) {
        String v = trim(value);
        if (v.length() > MAX_TEXT) {
            problems.put("deploymentName", "Deployment name is longer than " + MAX_TEXT + " characters");
        }
        return v.isEmpty() ? null : v;
    }

    void problem(String field, String message) {
        problems.putIfAbsent(field, message);
    }

    /** Throws the problems found so far, if any. */
    void check() {
        if (!problems.isEmpty()) {
            throw AdminRefused.invalid(problems);
        }
    }

    private String text(String field, String label, String value, String whatToEnter) {
        String v = trim(value);
        if (v.isEmpty()) {
            problems.put(field, label + " is blank: " + whatToEnter);
        } else if (v.length() > MAX_TEXT) {
            problems.put(field, label + " is longer than " + MAX_TEXT + " characters");
        }
        return v;
    }

    private static String trim(String value) {
        return value == null ? "" : value.strip();
    }

    static boolean isHttpUrl(String value) {
        try {
            URI uri = new URI(value);
            return uri.isAbsolute() && uri.getHost() != null
                    && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
