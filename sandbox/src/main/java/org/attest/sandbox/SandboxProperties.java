package org.attest.sandbox;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The sandbox platform's settings under {@code attest.sandbox.}.
 *
 * <p>Whether the sandbox runs at all is {@code attest.sandbox.enabled} (auto, true or false), decided by {@link SandboxCondition}.
 * The defaults of {@code base-url} and {@code tool-url} follow Attest's port and base URL, so they are set with the
 * other sandbox defaults in {@link SandboxEnvironment}, not here.
 *
 * @param baseUrl the sandbox's public URL and issuer (by default {@code http://localhost:${server.port}/sandbox}); it must
 *     be another site than the tool's (localhost against 127.0.0.1) so the tool runs cross-site in its iframe, as in a
 *     real LMS
 * @param toolUrl where the sandbox reaches Attest ({@code attest.sandbox.tool-url}, by default Attest's own
 *     {@code attest.base-url}): its registration URL, token API and the origin of its pages
 * @param databaseUrl the sandbox's own H2 database ({@code attest.sandbox.database-url}), apart from Attest's
 * @param lms which LMS the sandbox plays ({@code attest.sandbox.lms}, moodle or canvas): its product family code in
 *     the OpenID configuration and launches, and how its gradebook takes scores ({@link SandboxLms})
 */
@ConfigurationProperties("attest.sandbox")
@ConditionalOnSandbox
record SandboxProperties(
        URI baseUrl,
        URI toolUrl,
        @DefaultValue("moodle") SandboxLms lms,
        @DefaultValue(DEFAULT_DATABASE) String databaseUrl) {

    static final String DEFAULT_DATABASE = "jdbc:h2:file:./data/sandbox;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";

    SandboxProperties {
        if (baseUrl == null || !baseUrl.isAbsolute() || baseUrl.getHost() == null
                || !("http".equals(baseUrl.getScheme()) || "https".equals(baseUrl.getScheme()))) {
            throw new IllegalArgumentException("attest.sandbox.base-url must be the sandbox's absolute http(s) URL, such as "
                    + "http://localhost:8080/sandbox; was '" + baseUrl + "'");
        }
        if (databaseUrl == null || !databaseUrl.startsWith("jdbc:h2:")) {
            throw new IllegalArgumentException("attest.sandbox.database-url must be an H2 JDBC URL (the sandbox keeps its own "
                    + "embedded database), such as " + DEFAULT_DATABASE + "; was '" + databaseUrl + "'");
        }
        if (toolUrl == null || !toolUrl.isAbsolute() || toolUrl.getHost() == null) {
            throw new IllegalArgumentException("attest.sandbox.tool-url must be Attest's absolute http(s) URL, such as "
                    + "http://127.0.0.1:8080; was '" + toolUrl + "'");
        }
    }

    /** Attest's base URL without a trailing slash. */
    String tool() {
        String s = toolUrl.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** The issuer, and the prefix of every sandbox URL, without a trailing slash. */
    String issuer() {
        String s = baseUrl.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    String url(String path) {
        return issuer() + path;
    }

    /** A line item's URL, Moodle-shaped: its {@code id}, the launch's {@code lineitem} claim. */
    String lineItemUrl(LineItems.LineItem item, String typeId) {
        return url("/ags/" + item.courseId() + "/lineitems/" + item.id() + "/lineitem?type_id=" + typeId);
    }

    String lineItemsUrl(String courseId, String typeId) {
        return url("/ags/" + courseId + "/lineitems?type_id=" + typeId);
    }

    String membershipsUrl(String courseId, String typeId) {
        return url("/nrps/CourseSection/" + courseId + "/bindings/" + typeId + "/memberships");
    }
}
