package org.attest.tool.lti.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.attest.tool.AttestApplication;
import org.attest.tool.IntegrationTest;
import org.attest.tool.lti.TestPlatform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/** The operator's way in: a one-time setup link, logged on first start or printed on demand, never a default password. */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = "logging.level.org.attest.tool.lti.internal.OperatorSetup=INFO")
class OperatorSetupTest extends IntegrationTest {

    static final Pattern SESSION = Pattern.compile("/s/[A-Za-z0-9_-]{64}/admin");

    @Autowired
    OperatorSetup setup;

    @Autowired
    OneTimeTokens tokens;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSourceProperties dataSource;

    @Autowired
    Environment environment;

    @Test
    void setupLinkSignsTheOperatorInOnceThenSaysItNoLongerWorks() throws Exception {
        String link = setup.newLink();
        assertThat(link).startsWith(baseUrl() + "/admin/setup/");

        HttpResponse<String> first = TestPlatform.getPage(link);

        assertThat(first.statusCode()).isEqualTo(303);
        String admin = first.headers().firstValue("Location").orElseThrow();
        assertThat(admin).matches(SESSION);
        assertThat(first.headers().allValues("Set-Cookie")).isEmpty();
        HttpResponse<String> page = TestPlatform.getPage(baseUrl() + admin);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Platforms", "Operator: all platforms", "Add a platform by hand");
        // The operator is not an LTI launch and has no course: their landing page is the admin page.
        HttpResponse<String> landing = TestPlatform.getPage(baseUrl() + admin.replace("/admin", "/"));
        assertThat(landing.statusCode()).isEqualTo(302);
        assertThat(landing.headers().firstValue("Location").orElseThrow()).isEqualTo(admin);

        HttpResponse<String> again = TestPlatform.getPage(link);

        assertThat(again.statusCode()).isEqualTo(403);
        assertThat(again.body()).contains("This setup link no longer works", "unknown, has expired (links last 24 hours) or was used already",
                "--attest.admin.new-setup-link=true");
        assertThat(again.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void expiredUnknownAndRegistrationTokensAreNotSetupLinks() throws Exception {
        String expired = tokens.mint(OneTimeTokens.Purpose.OPERATOR_SETUP, Duration.ofSeconds(-1));
        String registration = tokens.mint(OneTimeTokens.Purpose.REGISTRATION, Duration.ofDays(7));

        for (String token : List.of(expired, registration, "x".repeat(64), "short")) {
            HttpResponse<String> response = TestPlatform.getPage(baseUrl() + "/admin/setup/" + token);
            assertThat(response.statusCode()).as(token).isEqualTo(403);
            assertThat(response.body()).contains("This setup link no longer works");
        }
        assertThat(tokens.isValid(registration, OneTimeTokens.Purpose.REGISTRATION)).isTrue();
    }

    @Test
    void everyStartLogsASetupLinkUntilOneHasBeenUsed(CapturedOutput output) throws Exception {
        jdbc.sql("DELETE FROM one_time_token WHERE purpose = 'OPERATOR_SETUP'").update();
        int from = output.getOut().length();

        setup.offerFirstStartLink();

        Matcher logged = Pattern.compile("First start: open (" + Pattern.quote(baseUrl())
                + "/admin/setup/[A-Za-z0-9_-]+) to administer Attest \\(one use, valid 24 hours\\)").matcher(output.getOut().substring(from));
        assertThat(logged.find()).as(output.getOut().substring(from)).isTrue();
        assertThat(output.getOut().substring(from)).contains("To register an LMS: sign in with the setup link, open Connect an LMS, "
                + "and make a one-time registration URL to paste into Moodle or Canvas (docs/admin.md)");
        assertThat(setup.firstStartLink()).as("not used yet, so the next start offers one again").isPresent();
        assertThat(TestPlatform.getPage(logged.group(1)).statusCode()).isEqualTo(303);
        int afterUse = output.getOut().length();

        setup.offerFirstStartLink();

        assertThat(output.getOut().substring(afterUse)).doesNotContain("First start");
        assertThat(setup.firstStartLink()).isEmpty();
    }

    @Test
    void newSetupLinkCommandPrintsAWorkingLinkAndExits(CapturedOutput output) throws Exception {
        List<String> args = new ArrayList<>(List.of("--attest.admin.new-setup-link=true", "--server.port=0", "--management.server.port=0",
                "--attest.base-url=" + baseUrl(), "--spring.main.banner-mode=off",
                "--spring.datasource.url=" + dataSource.getUrl(), "--spring.datasource.username=" + dataSource.getUsername(),
                "--spring.datasource.password=" + (dataSource.getPassword() == null ? "" : dataSource.getPassword())));
        args.add("--attest.keys.encryption-key=" + environment.getProperty("attest.keys.encryption-key"));
        String schemas = environment.getProperty("spring.flyway.schemas");
        if (schemas != null) {
            args.add("--spring.flyway.schemas=" + schemas);
        }
        int from = output.getOut().length();

        ConfigurableApplicationContext command = new SpringApplicationBuilder(AttestApplication.class).run(args.toArray(String[]::new));

        assertThat(command.isActive()).as("the command closes the application after printing the link").isFalse();
        Matcher printed = Pattern.compile("New setup link: open (" + Pattern.quote(baseUrl())
                + "/admin/setup/[A-Za-z0-9_-]+) to administer Attest \\(one use, valid 24 hours\\)").matcher(output.getOut().substring(from));
        assertThat(printed.find()).isTrue();
        HttpResponse<String> used = TestPlatform.getPage(printed.group(1));
        assertThat(used.statusCode()).isEqualTo(303);
        assertThat(used.headers().firstValue("Location").orElseThrow()).matches(SESSION);
    }
}
