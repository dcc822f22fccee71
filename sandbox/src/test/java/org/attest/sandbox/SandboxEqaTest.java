package org.attest.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.attest.tool.IntegrationTest;
import org.attest.tool.lti.Platform;
import org.attest.tool.lti.PlatformRegistry;
import org.attest.tool.quality.internal.EqaGrant;
import org.attest.tool.quality.internal.EqaGrants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The sandbox's ready-made external verifier: at start it has Attest grant Erin Examiner (City &amp; Guilds) Unit 224
 * for 30 days on the sandbox's platform, and the course page shows her one-time link and access code, which sign in
 * to Attest's EQA pages; "New link and code" gives the same grant a new pair and the old link dies.
 */
@TestPropertySource(properties = {"attest.sandbox.enabled=true", "attest.sandbox.base-url=http://localhost:${server.port}/sandbox"})
class SandboxEqaTest extends IntegrationTest {

    private static final Pattern LINK = Pattern.compile("id=\"eqa-link\"[^>]*href=\"([^\"]+)\"");
    private static final Pattern CODE = Pattern.compile("id=\"eqa-code\">([A-Z0-9]{8})<");
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Autowired
    PlatformRegistry platforms;

    @Autowired
    EqaGrants grants;

    String sandbox() {
        return "http://localhost:" + port + "/sandbox";
    }

    private HttpResponse<String> get(String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, String form) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String find(Pattern pattern, String page) {
        Matcher m = pattern.matcher(page);
        assertThat(m.find()).as("the course page shows " + pattern + ":\n" + page).isTrue();
        return m.group(1);
    }

    @Test
    void theCoursePageShowsAnEqaLinkAndCodeThatSignInToTheGrantAttestKeeps() throws Exception {
        String page = get(sandbox()).body();
        assertThat(page).contains("External verifier access", "Erin Examiner", "City &amp; Guilds");
        String link = find(LINK, page);
        String code = find(CODE, page);
        assertThat(link).as("on localhost, where browsers make passkeys").startsWith("http://localhost:" + port + "/eqa/");

        List<Platform> sandboxPlatforms = platforms.findByIssuer(sandbox());
        List<EqaGrant> erins = sandboxPlatforms.stream().flatMap(p -> grants.onPlatform(p.id()).stream())
                .filter(g -> g.name().equals("Erin Examiner")).toList();
        // Other tests of this class's context may register the sandbox again (a platform each): one grant per platform.
        assertThat(erins).as("a grant, made through the token API").isNotEmpty();
        assertThat(erins.stream().map(EqaGrant::platformId).distinct().count()).as("one grant per sandbox platform")
                .isEqualTo(erins.size());
        EqaGrant grant = erins.stream().max(java.util.Comparator.comparing(EqaGrant::createdAt)).orElseThrow();
        assertThat(grant.awardingBody()).isEqualTo("City & Guilds");
        assertThat(grant.unitCodes()).containsExactly("224");
        assertThat(grant.status(LocalDate.now())).isEqualTo(EqaGrant.Status.ACTIVE);
        assertThat(grant.endsOn()).isEqualTo(grant.startsOn().plusDays(30));
        assertThat(get(sandbox()).body()).as("the page shows the same pair again, asking Attest nothing").contains(code);

        HttpResponse<String> renewed = post(sandbox() + "/eqa", "");
        assertThat(renewed.statusCode()).isEqualTo(302);
        String newPage = get(sandbox() + "?notice=x").body();
        String newLink = find(LINK, newPage);
        String newCode = find(CODE, newPage);
        assertThat(newLink).isNotEqualTo(link);
        assertThat(sandboxPlatforms.stream().flatMap(p -> grants.onPlatform(p.id()).stream())
                .filter(g -> g.name().equals("Erin Examiner")).toList()).as("still one grant per platform")
                .hasSize(erins.size());
        assertThat(post(link, "code=" + code).statusCode()).as("the old link died").isEqualTo(404);

        assertThat(get(newLink).statusCode()).isEqualTo(200);
        HttpResponse<String> signedIn = post(newLink, "code=" + newCode);
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(303);
        String home = signedIn.headers().firstValue("Location").orElseThrow();
        assertThat(home).matches(".*/s/[^/]+/eqa");
        HttpResponse<String> eqaHome = get(home.startsWith("http") ? home : baseUrl() + home);
        assertThat(eqaHome.statusCode()).isEqualTo(200);
        assertThat(eqaHome.body()).contains("External verification", "Erin Examiner");
    }
}
