package org.attest.tool.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.Socket;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.attest.standards.Framework;
import org.attest.standards.StableIds;
import org.attest.standards.cli.StandardsImportCommand;
import org.attest.tool.RawHttp;
import org.attest.tool.lti.TestPlatform;
import org.attest.tool.standards.CasePackages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.JsonNode;

/** The Frameworks admin page and API, and pushing a package with the standards-import CLI and an API token. */
class FrameworkAdminTest extends AdminIntegrationTest {

    private static final Pattern NEW_TOKEN = Pattern.compile("id=\"new-token\">([^<]+)<");

    TestPlatform moodle;
    String operator;

    @TempDir
    Path dir;

    @BeforeEach
    void signIn() throws Exception {
        moodle = TestPlatform.start();
        moodle.register(registry);
        operator = operatorSession();
    }

    @AfterEach
    void stopPlatform() {
        moodle.close();
    }

    @Test
    void apiImportsANewFrameworkThenANewVersionAndListsBoth() throws Exception {
        Framework v1 = CasePackages.unit224(CasePackages.uniqueTitle("api"));

        HttpResponse<String> created = json("POST", operator + "/admin/api/frameworks", body(v1));
        HttpResponse<String> changed = json("POST", operator + "/admin/api/frameworks", body(CasePackages.modified(v1)));
        HttpResponse<String> same = json("POST", operator + "/admin/api/frameworks", body(CasePackages.modified(v1)));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(parse(created).path("result").asString()).isEqualTo("NEW_FRAMEWORK");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(201);
        JsonNode version2 = parse(changed);
        assertThat(version2.path("result").asString()).isEqualTo("NEW_VERSION");
        assertThat(version2.path("summary").asString()).isEqualTo("Imported version '1 (2)' of " + v1.title()
                + ", now current: 1 criterion changed, 1 added, 1 removed.");
        assertThat(version2.path("changes").valueStream().map(c -> c.path("criterionCode").asString() + " " + c.path("change").asString()))
                .containsExactly("224.1.1 CHANGED", "224.1.99 ADDED", "224.1.2 REMOVED");
        assertThat(same.statusCode()).isEqualTo(200);
        assertThat(parse(same).path("result").asString()).isEqualTo("NO_CHANGE");
        JsonNode listed = parse(json("GET", operator + "/admin/api/frameworks", null)).valueStream()
                .filter(f -> f.path("frameworkId").asString().equals(v1.id().toString())).findFirst().orElseThrow();
        assertThat(listed.path("versions").valueStream().map(v -> v.path("version").asString() + " " + v.path("current").asBoolean()))
                .containsExactly("1 (2) true", "1 false");
    }

    @Test
    void badInputIsRefusedWith400AndASentenceAndChangesNothing() throws Exception {
        String before = snapshot();

        Map<String, String> bodies = Map.of(
                "malformed", "{\"CFDocument\": {",
                "not CASE", "{\"competencies\": []}",
                "empty", "",
                "a unit document", new String(org.attest.standards.Samples.UNIT_224.bytes(), StandardCharsets.UTF_8));
        Map<String, String> errors = new java.util.TreeMap<>();
        for (var e : bodies.entrySet()) {
            HttpResponse<String> response = json("POST", operator + "/admin/api/frameworks", e.getValue());
            assertThat(response.statusCode()).as(e.getKey() + ": " + response.body()).isEqualTo(400);
            errors.put(e.getKey(), parse(response).path("error").asString());
        }

        assertThat(errors.get("malformed")).contains("not valid JSON").endsWith("Nothing was changed.");
        assertThat(errors.get("not CASE")).contains("not a CASE 1.0 package: there is no CFDocument object");
        assertThat(errors.get("empty")).contains("it is empty");
        assertThat(errors.get("a unit document")).contains("not a CASE package", "standards-import");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void learnersAndTutorsAreRefusedTheFrameworksPageAndApi() throws Exception {
        String learner = launchSession(moodle, LEARNER);
        String tutor = launchSession(moodle, INSTRUCTOR);
        String before = snapshot();

        for (String session : List.of(learner, tutor)) {
            HttpResponse<String> post = json("POST", session + "/admin/api/frameworks",
                    body(CasePackages.unit224(CasePackages.uniqueTitle("refused"))));
            assertThat(post.statusCode()).isEqualTo(403);
            assertThat(parse(post).path("error").asString()).contains("your role does not give access");
            assertThat(json("GET", session + "/admin/api/frameworks", null).statusCode()).isEqualTo(403);
            assertThat(get(session + "/admin/frameworks").statusCode()).isEqualTo(403);
            assertThat(post(session + "/admin/frameworks/tokens", Map.of("label", "sneaky")).statusCode()).isEqualTo(403);
        }
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aCentreAdministratorImportsOnThePageAndSeesWhatChanged() throws Exception {
        String centreAdmin = launchSession(moodle, INSTITUTION_ADMIN);
        Framework v1 = CasePackages.unit224(CasePackages.uniqueTitle("page"));
        upload(centreAdmin, "unit-224.case.json", CasePackages.caseJson(v1));

        HttpResponse<String> page = upload(centreAdmin, "unit-224-v2.case.json", CasePackages.caseJson(CasePackages.modified(v1)));

        assertThat(page.statusCode()).isEqualTo(200);
        String html = HtmlUtils.htmlUnescape(page.body());
        assertThat(html).contains("data-result=\"NEW_VERSION\"", "1 criterion changed, 1 added, 1 removed",
                CasePackages.REWORDED_TO, CasePackages.ADDED_STATEMENT, "data-change=\"REMOVED\"");
        assertThat(html).contains(v1.title(), "1 changed, 1 added, 1 removed", "first version", "Frameworks");
        assertThat(html).contains(StableIds.framework("Unit 224").toString()).as("the seeded frameworks are listed");
        assertThat(html).contains("ATTEST_API_TOKEN=<token> standards-import --push " + baseUrl() + "/admin/api/frameworks");
    }

    @Test
    void aCentreAdministratorsUploadOfAToolWideFrameworksNewVersionIsRefusedOnThePage() throws Exception {
        String centreAdmin = launchSession(moodle, INSTITUTION_ADMIN);
        Framework toolWide = CasePackages.unit224(CasePackages.uniqueTitle("tool-wide upload"));
        assertThat(json("POST", operator + "/admin/api/frameworks", body(toolWide)).statusCode()).isEqualTo(201);
        String before = snapshot();

        HttpResponse<String> page = upload(centreAdmin, "v2.case.json", CasePackages.caseJson(CasePackages.modified(toolWide)));

        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(HtmlUtils.htmlUnescape(page.body())).contains(toolWide.title() + " is a tool-wide framework: only the "
                + "operator imports its new versions", "Nothing was changed.");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aBrokenUploadShowsTheProblemOnThePage() throws Exception {
        String before = snapshot();

        HttpResponse<String> page = upload(operator, "notes.json", "{\"CFDocument\": 3".getBytes(StandardCharsets.UTF_8));

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(HtmlUtils.htmlUnescape(page.body())).contains("notes.json: not valid JSON", "Nothing was changed.");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void uploadsWhoseFileNameHoldsControlCharactersAreRefusedWith400() throws Exception {
        String before = snapshot();
        byte[] content = CasePackages.caseJson(CasePackages.unit224(CasePackages.uniqueTitle("names")));

        for (String name : List.of("unit\u0007.json", "unit\u0000.json")) {
            HttpResponse<String> page = upload(operator, name, content);

            assertThat(page.statusCode()).as(name).isEqualTo(400);
            assertThat(HtmlUtils.htmlUnescape(page.body())).as(name).contains("control character").doesNotContain("Exception");
        }
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void theApiRefusesAPackageDeclaredOverFiftyMegabytesWithoutReadingIt() throws Exception {
        String before = snapshot();
        try (Socket socket = RawHttp.connect("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + operator + "/admin/api/frameworks HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 1073741824\r\n\r\n{\"CFDocument\": ").getBytes(StandardCharsets.US_ASCII));
            out.flush();

            RawHttp.Response response = RawHttp.read(socket.getInputStream()); // answered with 1 GB still to come

            assertThat(response.status()).isEqualTo(413);
            assertThat(response.header("Content-Type")).startsWith("application/json");
            assertThat(response.body()).contains("The package is larger than 50 MB", "Nothing was changed.");
        }
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void theApiStopsReadingAChunkedPackageAtFiftyMegabytes() throws Exception {
        long endless = 400L * 1024 * 1024;
        AtomicLong sent = new AtomicLong();
        try (Socket socket = RawHttp.connect("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + operator + "/admin/api/frameworks HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            Thread writer = new Thread(() -> {
                byte[] chunk = RawHttp.chunked(new byte[64 * 1024], 64 * 1024);
                byte[] oneChunk = java.util.Arrays.copyOf(chunk, chunk.length - 5); // without the closing 0-chunk
                try {
                    while (sent.get() < endless) {
                        out.write(oneChunk);
                        sent.addAndGet(64 * 1024);
                    }
                } catch (IOException closedByTheServer) {
                    // expected: Attest answered and closed the connection
                }
            });
            writer.start();

            RawHttp.Response response = RawHttp.read(socket.getInputStream());

            assertThat(response.status()).isEqualTo(413);
            assertThat(response.body()).contains("The package is larger than 50 MB");
            socket.close();
            writer.join(30_000);
        }
        assertThat(sent.get()).as("Attest stopped reading long before the end").isLessThan(endless);
    }

    @Test
    void theCliPushesWithAnApiTokenMadeOnThePage() throws Exception {
        String token = newToken(operator, "CI");
        String title = CasePackages.uniqueTitle("push");
        String url = baseUrl() + "/admin/api/frameworks";

        Cli first = cli("--sample", "unit-224", "--framework-title", title, "--push", url, "--token", token);
        Cli again = cli("--sample", "unit-224", "--framework-title", title, "--push", url, "--token", token);

        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.err()).contains("pushed to " + url + ": Imported " + title + ", version '1': a new framework with 1 unit and 18 criteria.");
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.err()).contains("No change");
        assertThat(jdbc.sql("SELECT imported_by FROM framework_version WHERE framework_id = ?").param(StableIds.framework(title))
                .query(String.class).list()).containsExactly("API token 'CI'");
        assertThat(get(operator + "/admin/frameworks").body()).contains("CI").doesNotContain(token);
    }

    @Test
    void aBadOrDeletedTokenGets401() throws Exception {
        String token = newToken(operator, "to delete");
        String url = baseUrl() + "/admin/api/frameworks";
        byte[] pkg = CasePackages.caseJson(CasePackages.unit224(CasePackages.uniqueTitle("bad token")));
        String id = jdbc.sql("SELECT token_hash FROM api_token WHERE label = 'to delete'").query(String.class).single();
        assertThat(post(operator + "/admin/frameworks/tokens/delete", Map.of("id", id)).statusCode()).isEqualTo(303);
        String before = snapshot();

        HttpResponse<String> deleted = bearer(url, token, pkg);
        HttpResponse<String> madeUp = bearer(url, "attest_" + "x".repeat(64), pkg);
        HttpResponse<String> none = bearer(url, null, pkg);
        Cli cli = cli("--sample", "unit-224", "--framework-title", "Bad token push", "--push", url, "--token", "attest_wrong");

        assertThat(List.of(deleted.statusCode(), madeUp.statusCode(), none.statusCode())).containsOnly(401);
        assertThat(parse(deleted).path("error").asString()).contains("unknown or was deleted");
        assertThat(parse(none).path("error").asString()).contains("Authorization: Bearer");
        assertThat(deleted.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(cli.exit()).isEqualTo(3);
        assertThat(cli.err()).contains("HTTP 401", "check --token");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void anApiTokenOpensOnlyTheFrameworksApi() throws Exception {
        String token = newToken(operator, "narrow");

        HttpResponse<String> list = bearer(baseUrl() + "/admin/api/frameworks", token, null);
        HttpResponse<String> platforms = bearer(baseUrl() + "/admin/api/platforms", token, null);

        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(platforms.statusCode()).isEqualTo(401);
    }

    record Cli(int exit, String out, String err) {
    }

    static Cli cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = StandardsImportCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Cli(exit, out.toString(), err.toString());
    }

    /** Makes a token on the page as an admin would, and reads it from the page that shows it once. */
    String newToken(String session, String label) throws Exception {
        HttpResponse<String> page = post(session + "/admin/frameworks/tokens", Map.of("label", label));
        assertThat(page.statusCode()).isEqualTo(200);
        Matcher m = NEW_TOKEN.matcher(page.body());
        assertThat(m.find()).as("the page shows the new token").isTrue();
        return m.group(1);
    }

    HttpResponse<String> upload(String session, String fileName, byte[] content) throws Exception {
        String boundary = "----attest" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/json\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + session + "/admin/frameworks"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArrays(List.of(head, content, tail)))
                .build();
        return TestPlatform.HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> bearer(String url, String token, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        request.method(body == null ? "GET" : "POST", body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        return TestPlatform.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String body(Framework framework) {
        return new String(CasePackages.caseJson(framework), StandardCharsets.UTF_8);
    }
}
