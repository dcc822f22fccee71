package org.attest.tool.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.attest.tool.IntegrationTest;
import org.attest.tool.RawHttp;
import org.attest.tool.RawHttp.Response;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Bodies over attest.http.max-request-size (4 KB here) are refused with a readable 413: at once when
 * the declared length is over it, while reading when the body comes in chunks; smaller bodies pass.
 */
// A context of its own: closed after the class, so its database connections go back (PostgreSQL run).
@DirtiesContext
@TestPropertySource(properties = "attest.http.max-request-size=4KB")
class RequestSizeTest extends IntegrationTest {

    private static final Map<String, String> FORM = Map.of("Content-Type", "application/x-www-form-urlencoded");

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedBeforeTheBodyIsSent() throws Exception {
        try (Socket socket = RawHttp.connect("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /lti/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    + "Content-Length: 1073741824\r\n\r\niss=").getBytes(StandardCharsets.US_ASCII));
            out.flush();

            Response response = RawHttp.read(socket.getInputStream()); // answered with 1 GB still to come

            assertThat(response.status()).isEqualTo(413);
            assertThat(response.header("Content-Type")).startsWith("text/html");
            assertThat(response.body()).contains("The request is too large", "larger than the 4 KB", "nothing was read or changed");
        }
    }

    @Test
    void aChunkedFormOverTheLimitIsRefusedWhileItIsRead() throws Exception {
        Response response = RawHttp.send("127.0.0.1", port, "POST", "/lti/login",
                Map.of("Content-Type", "application/x-www-form-urlencoded", "Transfer-Encoding", "chunked"),
                RawHttp.chunked(form(8 * 1024), 1000));

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.body()).contains("larger than the 4 KB");
    }

    @Test
    void aChunkedBodyOverTheLimitToTheApiIsRefusedInJson() throws Exception {
        byte[] json = new byte[8 * 1024];
        Arrays.fill(json, (byte) ' ');
        Response response = RawHttp.send("127.0.0.1", port, "POST", "/admin/api/platforms",
                Map.of("Content-Type", "application/json", "Transfer-Encoding", "chunked"), RawHttp.chunked(json, 1000));

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(response.body()).startsWith("{\"error\": \"The request is larger than the 4 KB");
    }

    @Test
    void bodiesUnderTheLimitAreReadAsBefore() throws Exception {
        Response chunked = RawHttp.send("127.0.0.1", port, "POST", "/lti/login",
                Map.of("Content-Type", "application/x-www-form-urlencoded", "Transfer-Encoding", "chunked"),
                RawHttp.chunked(form(2 * 1024), 500));
        Response sized = RawHttp.send("127.0.0.1", port, "POST", "/lti/login", FORM, form(2 * 1024));

        assertThat(chunked.status()).isEqualTo(400);
        assertThat(chunked.body()).contains("no platform is registered with issuer https://lms.example");
        assertThat(sized.status()).isEqualTo(400);
        assertThat(sized.body()).contains("no platform is registered with issuer https://lms.example");
    }

    @Test
    void errorPagesShowNoStackTrace() throws Exception {
        Response missing = RawHttp.get("127.0.0.1", port, "/no/such/page", Map.of("Accept", "text/html"));

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).contains("Page not found").doesNotContain("Exception", "\tat ");
    }

    /** A login form of about {@code size} bytes: a real issuer and a long login hint. */
    private static byte[] form(int size) {
        String head = "iss=https%3A%2F%2Flms.example&target_link_uri=x&login_hint=";
        return (head + "a".repeat(size - head.length())).getBytes(StandardCharsets.US_ASCII);
    }
}
