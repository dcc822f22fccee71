package org.attest.tool.portfolio.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * The embedded H2 database plans a learner's page with the index that finds the learner, not a walk over the whole
 * course. Without statistics H2 guesses that every column tells rows apart, and then prefers the course index
 * (platform, deployment, context, unit), which sorts by unit, and reads every learner of the course to find one: 6 %
 * of the tool's CPU per launch in a course of 300. The shipped URL has H2 gather statistics after 100 changed rows
 * ({@code ANALYZE_AUTO=100}; it doubles the interval after each run, so the cost stays small).
 */
class EmbeddedDatabasePlanTest {

    private static final UUID PLATFORM = UUID.fromString("00000000-0000-0000-0000-0000000000a1");

    @Test
    void withTheShippedUrlOptionsALearnersUnitsAreFoundThroughTheLearner() throws IOException {
        String plan = planOfOfLearner(shippedUrlOptions());
        assertThat(plan).contains("learner_unit_once").doesNotContain("learner_unit_course");
    }

    /** The control: the same data without the option is planned as a walk over the course. */
    @Test
    void withoutStatisticsH2WalksTheCourse() {
        String plan = planOfOfLearner(";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        assertThat(plan).contains("learner_unit_course");
    }

    private static String shippedUrlOptions() throws IOException {
        Properties shipped = new Properties();
        try (InputStream in = EmbeddedDatabasePlanTest.class.getResourceAsStream("/application.properties")) {
            shipped.load(in);
        }
        String url = shipped.getProperty("spring.datasource.url");
        assertThat(url).startsWith("jdbc:h2:file:");
        return url.substring(url.indexOf(';'));
    }

    private static String planOfOfLearner(String options) {
        SimpleDriverDataSource dataSource = new SimpleDriverDataSource(new org.h2.Driver(),
                "jdbc:h2:mem:plan-" + UUID.randomUUID() + options + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        for (int i = 0; i < 150; i++) {
            jdbc.sql("""
                    INSERT INTO learner_unit (id, platform_id, deployment_id, context_id, learner_subject, learner_name,
                        framework_id, unit_code, version_id, criteria_met, criteria_total, ready_for_sign_off, complete,
                        awaiting_review, last_activity_at, created_at)
                    VALUES (?, ?, 'deployment', 'course', ?, 'Learner', ?, '224', ?, 0, 18, FALSE, FALSE, 0,
                        CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)""")
                    .params(UUID.randomUUID(), PLATFORM, "learner-" + i, PLATFORM, PLATFORM).update();
        }
        String plan = jdbc.sql("EXPLAIN " + LearnerUnitStore.OF_LEARNER)
                .params(PLATFORM, "deployment", "course", "learner-7").query(String.class).single();
        jdbc.sql("SHUTDOWN").update();
        return plan;
    }
}
