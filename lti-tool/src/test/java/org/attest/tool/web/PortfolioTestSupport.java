package org.attest.tool.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.attest.standards.Unit;
import org.attest.tool.IntegrationTest;
import org.attest.tool.lti.PlatformRegistry;
import org.attest.tool.lti.TestPlatform;
import org.attest.tool.standards.FrameworkCatalog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Launches people into courses from a WireMock platform and drives the portfolio pages over real
 * HTTP: forms, multipart uploads and redirects as a browser would send them.
 */
abstract class PortfolioTestSupport extends IntegrationTest {

    static final String LIS = "http://purl.imsglobal.org/vocab/lis/v2/";
    static final String LEARNER = LIS + "membership#Learner";
    static final String INSTRUCTOR = LIS + "membership#Instructor";
    static final String ROLES = "https://purl.imsglobal.org/spec/lti/claim/roles";
    static final String CONTEXT = "https://purl.imsglobal.org/spec/lti/claim/context";
    static final String RESOURCE_LINK = "https://purl.imsglobal.org/spec/lti/claim/resource_link";
    static final String CUSTOM = "https://purl.imsglobal.org/spec/lti/claim/custom";
    static final Pattern SESSION = Pattern.compile("(/s/[A-Za-z0-9_-]{64})/.*");

    static TestPlatform platform;

    @Autowired
    PlatformRegistry registry;

    @Autowired
    FrameworkCatalog catalog;

    @Autowired
    JdbcClient jdbc;

    /** A person in an LMS course. */
    record Person(String subject, String name, String... roles) {
    }

    /** A launched person: the session base path, where the launch landed, and where the launch's own redirect pointed. */
    record Launched(String base, String landing, String launchedTo) {
    }

    @BeforeAll
    static void startPlatform() throws Exception {
        platform = TestPlatform.start();
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) { // null when the class was skipped before it started (no PostgreSQL outside CI)
            platform.close();
        }
    }

    @BeforeEach
    void registerPlatform() {
        if (registry.find(platform.issuer, platform.clientId).isEmpty()) {
            platform.register(registry);
        }
    }

    Unit unit224() {
        return catalog.unit(frameworkId(), "224").orElseThrow().unit();
    }

    String frameworkId() {
        return catalog.units(null).stream().filter(p -> p.unit().code().equals("224")).findFirst().orElseThrow()
                .framework().id().toString();
    }

    /** Launches a person from {@code from} into a course activity placed by Deep Linking for Unit 224. */
    Launched launch(TestPlatform from, Person person, String courseId, String activityId) throws Exception {
        return launch(from, person, courseId, activityId, frameworkId());
    }

    /** Launches into an activity placed for Unit 224 of the given framework (null: an activity added by hand, no unit). */
    Launched launch(TestPlatform from, Person person, String courseId, String activityId, String frameworkId) throws Exception {
        return launch(from, person, courseId, activityId, frameworkId, Map.of());
    }

    /** As above, with more custom parameters in the launch (as an LMS sends an activity's custom parameters). */
    Launched launch(TestPlatform from, Person person, String courseId, String activityId, String frameworkId,
            Map<String, String> moreCustom) throws Exception {
        return launch(from, person, courseId, activityId, frameworkId, moreCustom, Map.of());
    }

    /** As above, with claims of the id_token replaced or added (name to value). */
    Launched launch(TestPlatform from, Person person, String courseId, String activityId, String frameworkId,
            Map<String, String> moreCustom, Map<String, Object> claims) throws Exception {
        Map<String, String> custom = new LinkedHashMap<>(moreCustom);
        if (frameworkId != null) {
            custom.put("attest_framework", frameworkId);
            custom.put("attest_unit", "224");
        }
        TestPlatform.AuthRequest auth = from.login(baseUrl());
        var builder = from.resourceLinkClaims(baseUrl(), auth.nonce())
                .subject(person.subject())
                .claim("name", person.name())
                .claim("given_name", person.name().split(" ")[0])
                .claim(ROLES, List.of(person.roles()))
                .claim(CONTEXT, Map.of("id", courseId, "label", courseId.toUpperCase(), "title", "Course " + courseId))
                .claim(RESOURCE_LINK, Map.of("id", activityId, "title", "Unit 224"))
                .claim(CUSTOM, custom);
        claims.forEach(builder::claim);
        String idToken = from.sign(builder.build());
        HttpResponse<String> launch = from.launch(baseUrl(), idToken, auth.state());
        assertThat(launch.statusCode()).as(launch.body()).isEqualTo(302);
        String location = launch.headers().firstValue("Location").orElseThrow();
        Matcher m = SESSION.matcher(location);
        assertThat(m.matches()).as(location).isTrue();
        String landedAt = location;
        if (location.equals(m.group(1) + "/")) { // the landing URL: it shows a page or redirects once more
            HttpResponse<String> landing = get(location);
            landedAt = landing.statusCode() == 302 ? landing.headers().firstValue("Location").orElseThrow() : location;
        }
        return new Launched(m.group(1), landedAt, location);
    }

    Launched launch(Person person) throws Exception {
        return launch(platform, person, "course-1", "activity-224");
    }

    HttpResponse<String> get(String path) throws Exception {
        return TestPlatform.getPage(path.startsWith("http") ? path : baseUrl() + path);
    }

    HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
        return TestPlatform.post(baseUrl() + path, form);
    }

    /** Posts a form whose fields may repeat (several checkboxes of one name). */
    HttpResponse<String> postFields(String path, List<Map.Entry<String, String>> fields) throws Exception {
        StringBuilder body = new StringBuilder();
        for (Map.Entry<String, String> f : fields) {
            if (body.length() > 0) {
                body.append('&');
            }
            body.append(java.net.URLEncoder.encode(f.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(java.net.URLEncoder.encode(f.getValue(), StandardCharsets.UTF_8));
        }
        return TestPlatform.HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A file part of a multipart form. */
    record FilePart(String field, String fileName, String contentType, byte[] content) {
    }

    HttpResponse<String> multipart(String path, List<Map.Entry<String, String>> fields, List<FilePart> files) throws Exception {
        String boundary = "----attest" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, String> f : fields) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n"
                    + f.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        for (FilePart p : files) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + p.field() + "\"; filename=\""
                    + p.fileName() + "\"\r\nContent-Type: " + p.contentType() + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.write(p.content());
            body.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return TestPlatform.HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The evidence form fields for real work on one occasion with one customer. */
    static List<Map.Entry<String, String>> evidenceFields(String title, String date, String customer, String... methods) {
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        fields.add(Map.entry("title", title));
        fields.add(Map.entry("account", "I helped the customer with the online service."));
        fields.add(Map.entry("occasionDate", date));
        for (String m : methods) {
            fields.add(Map.entry("methods", m));
        }
        fields.add(Map.entry("customerReference", customer));
        fields.add(Map.entry("customerDescriptor", "new to the online service"));
        fields.add(Map.entry("location", "Contact centre, Leeds"));
        return fields;
    }

    static String location(HttpResponse<?> response) {
        assertThat(response.statusCode()).as(String.valueOf(response.body())).isIn(302, 303);
        return response.headers().firstValue("Location").orElseThrow();
    }

    /** The UUID after a path segment in a location ("/evidence/{id}/map"). */
    static UUID idAfter(String location, String segment) {
        Matcher m = Pattern.compile("/" + segment + "/([0-9a-f-]{36})").matcher(location);
        assertThat(m.find()).as(location).isTrue();
        return UUID.fromString(m.group(1));
    }

    /** Everything a portfolio request could change, to show that a refused one changed nothing. */
    String portfolioState() {
        StringBuilder state = new StringBuilder();
        for (String sql : List.of(
                "SELECT * FROM learner_unit ORDER BY id", "SELECT * FROM evidence ORDER BY id",
                "SELECT * FROM evidence_file ORDER BY id", "SELECT * FROM evidence_mapping ORDER BY evidence_id, item_id",
                "SELECT * FROM assessment_decision ORDER BY id", "SELECT * FROM unit_signature ORDER BY id",
                "SELECT seq, hash FROM audit_event ORDER BY seq")) {
            state.append(jdbc.sql(sql).query().listOfRows()).append('\n');
        }
        return state.toString();
    }

    static Map<String, String> form(String... pairs) {
        Map<String, String> form = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            form.put(pairs[i], pairs[i + 1]);
        }
        return form;
    }

    /** Two pieces of evidence, on different days with different customers, each confirmed for everything and decided MET. */
    List<UUID> everythingAssessed(Launched learner, Launched assessor, UUID unit) throws Exception {
        List<UUID> everything = new ArrayList<>();
        unit224().criteria().map(org.attest.standards.Criterion::id).forEach(everything::add);
        unit224().rangeItems().map(org.attest.standards.RangeItem::id).forEach(everything::add);
        List<UUID> added = List.of(
                addEvidence(learner, unit, "Observation: online account reset", java.time.LocalDate.now().minusDays(10), "Customer 14"),
                addEvidence(learner, unit, "Witness testimony: delivery problem", java.time.LocalDate.now().minusDays(3), "Customer 22"));
        for (UUID e : added) {
            postFields(learner.base() + "/evidence/" + e + "/map", everything.stream().map(id -> Map.entry("item", id.toString())).toList());
            List<Map.Entry<String, String>> review = new ArrayList<>();
            everything.forEach(id -> review.add(Map.entry("verdict." + id, "CONFIRMED")));
            unit224().criteria().forEach(c -> review.add(Map.entry("outcome." + c.id(), "MET")));
            assertThat(location(postFields(assessor.base() + "/evidence/" + e + "/review", review))).contains("?reviewed");
        }
        return added;
    }

    /** A piece of evidence (Observation and Witness testimony) with a small file, by the learner. */
    UUID addEvidence(Launched who, UUID unit, String title, java.time.LocalDate date, String customer) throws Exception {
        HttpResponse<String> added = multipart(who.base() + "/portfolio/" + unit + "/evidence",
                evidenceFields(title, date.toString(), customer, "OBSERVATION", "WITNESS_TESTIMONY"),
                List.of(new FilePart("files", "notes.txt", "text/plain", "What I did".getBytes(StandardCharsets.UTF_8))));
        return idAfter(location(added), "evidence");
    }

    /** The WireMock LMS grants service tokens and takes every score (any activity's scores service). */
    void lmsTakesScores() {
        platform.server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/moodle/mod/lti/token.php"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson(
                        "{\"access_token\":\"test-token\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
        platform.server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching(".*/scores"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(200)));
    }

    boolean complete(UUID unit) {
        return jdbc.sql("SELECT complete FROM learner_unit WHERE id = ?").param(unit).query(Boolean.class).single();
    }

    /** The newest score queued for the learner unit. */
    Map<String, Object> lastScore(UUID unit) {
        return jdbc.sql("SELECT reason, activity_progress, grading_progress, score_given, comment FROM score_outbox "
                + "WHERE learner_unit_id = ? ORDER BY created_at DESC, id DESC LIMIT 1").param(unit).query().singleRow();
    }

    /** Waits until no score of the learner unit waits to be sent. */
    void awaitDelivered(UUID unit) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> jdbc.sql("SELECT COUNT(*) "
                + "FROM score_outbox WHERE learner_unit_id = ? AND state = 'PENDING'").param(unit).query(Long.class).single() == 0);
    }
}
