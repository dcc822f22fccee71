package org.attest.tool;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of tests that run the whole tool on a random port, on H2 by default. Surefire runs them a
 * second time with {@code -Dattest.test.database=postgresql} against the PostgreSQL server on
 * 127.0.0.1:5432 (deploy/local-postgres.sh starts one), each application context in a schema of its own. When that
 * server is unreachable the PostgreSQL run is skipped, except with {@code CI=true}, where it fails.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ActiveProfiles("test")
@Tag("database")
public abstract class IntegrationTest {

    public static final String DATABASE = System.getProperty("attest.test.database", "h2");

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        // The tool checks target_link_uri against its base URL, so the port must be known before it starts.
        int serverPort = freePort();
        registry.add("server.port", () -> serverPort);
        registry.add("attest.base-url", () -> "http://127.0.0.1:" + serverPort);
        if (!"postgresql".equals(DATABASE)) {
            return;
        }
        if (!postgresReachable()) {
            throw new IllegalStateException("PostgreSQL is not reachable on 127.0.0.1:5432; run deploy/local-postgres.sh");
        }
        schemaOfItsOwn(registry);
    }

    /**
     * On the PostgreSQL run, a schema per application context, as H2 gives each context a database of its own: the score
     * delivery workers of contexts cached from other test classes must not pick up this context's rows. For test classes
     * that start a context of their own without extending this class.
     */
    public static void schemaOfItsOwn(DynamicPropertyRegistry registry) {
        if (!"postgresql".equals(DATABASE)) {
            return;
        }
        String schema = "test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        registry.add("spring.datasource.url", () -> "jdbc:postgresql://127.0.0.1:5432/attest?currentSchema=" + schema);
        registry.add("spring.datasource.username", () -> "attest");
        registry.add("spring.datasource.password", () -> "attest");
        registry.add("spring.flyway.schemas", () -> schema);
        registry.add("spring.flyway.create-schemas", () -> "true");
    }

    @BeforeAll
    static void requireDatabase() {
        if ("postgresql".equals(DATABASE) && !postgresReachable() && !"true".equals(System.getenv("CI"))) {
            Assumptions.abort("PostgreSQL is not reachable on 127.0.0.1:5432: the PostgreSQL run is skipped (CI=true makes it mandatory)");
        }
    }

    protected String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port on 127.0.0.1", e);
        }
    }

    public static boolean postgresReachable() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 5432), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
