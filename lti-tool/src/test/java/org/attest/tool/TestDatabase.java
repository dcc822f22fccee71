package org.attest.tool;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * A migrated database for store tests, without the application: an H2 database of its own, or with
 * {@code -Dattest.test.database=postgresql} a schema of its own on the PostgreSQL server that
 * {@link IntegrationTest} uses. Tag the test {@code database} so surefire runs it on both.
 */
public final class TestDatabase {

    private TestDatabase() {
    }

    /** A fresh database with every Flyway migration applied. */
    public static JdbcClient migrated() {
        DataSource dataSource;
        Flyway flyway;
        if ("postgresql".equals(IntegrationTest.DATABASE)) {
            if (!IntegrationTest.postgresReachable()) {
                if (!"true".equals(System.getenv("CI"))) {
                    Assumptions.abort("PostgreSQL is not reachable on 127.0.0.1:5432: the PostgreSQL run is skipped");
                }
                throw new IllegalStateException("PostgreSQL is not reachable on 127.0.0.1:5432; run deploy/local-postgres.sh");
            }
            String schema = "store_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            dataSource = new SimpleDriverDataSource(driver("org.postgresql.Driver"),
                    "jdbc:postgresql://127.0.0.1:5432/attest?currentSchema=" + schema, "attest", "attest");
            flyway = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").schemas(schema)
                    .createSchemas(true).load();
        } else {
            dataSource = new SimpleDriverDataSource(driver("org.h2.Driver"), "jdbc:h2:mem:store-" + UUID.randomUUID()
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa", "");
            flyway = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load();
        }
        flyway.migrate();
        return JdbcClient.create(dataSource);
    }

    /**
     * Spring properties that put several application contexts (replicas) on one new database: a schema of its own on
     * the PostgreSQL server in the PostgreSQL run, an in-memory H2 database of its own otherwise. Flyway creates it.
     */
    public static Map<String, Object> sharedByReplicas(String name) {
        Map<String, Object> shared = new HashMap<>();
        if ("postgresql".equals(IntegrationTest.DATABASE)) {
            String schema = name + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
            shared.put("spring.datasource.url", "jdbc:postgresql://127.0.0.1:5432/attest?currentSchema=" + schema);
            shared.put("spring.datasource.username", "attest");
            shared.put("spring.datasource.password", "attest");
            shared.put("spring.flyway.schemas", schema);
            shared.put("spring.flyway.create-schemas", "true");
        } else {
            shared.put("spring.datasource.url", "jdbc:h2:mem:" + name + "-" + UUID.randomUUID()
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        }
        return shared;
    }

    private static java.sql.Driver driver(String className) {
        try {
            return (java.sql.Driver) Class.forName(className).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the JDBC driver " + className + " is not on the test classpath", e);
        }
    }
}
