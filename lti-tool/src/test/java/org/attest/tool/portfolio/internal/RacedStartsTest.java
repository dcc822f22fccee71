package org.attest.tool.portfolio.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.attest.tool.IntegrationTest;
import org.attest.tool.portfolio.Course;
import org.attest.tool.portfolio.LearnerUnit;
import org.attest.tool.portfolio.UnitBinding;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A start that lost a race (a second request started the same learner unit, or bound the same activity, first) reads
 * the winner's row in the same transaction. On PostgreSQL a failed INSERT aborts its transaction, so the store must
 * report the race without the statement failing.
 */
class RacedStartsTest extends IntegrationTest {

    private static final Instant NOW = Instant.parse("2026-03-04T09:15:02Z");

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    LearnerUnitStore learnerUnits;

    @Autowired
    UnitBindingStore bindings;

    private final Course course = new Course(UUID.randomUUID(), "1", "course-" + UUID.randomUUID());

    @Test
    void aLearnerUnitStartedTwiceInOneTransactionReadsTheFirstAfterTheSecondStartIsRefused() {
        UUID framework = UUID.randomUUID();
        UUID first = UUID.randomUUID();
        LearnerUnit found = transactions.execute(tx -> {
            assertThat(learnerUnits.insert(first, course, "learner-1", "Lee Learner", framework, "R101", UUID.randomUUID(), 3,
                    NOW)).isTrue();
            assertThat(learnerUnits.insert(UUID.randomUUID(), course, "learner-1", "Lee Learner", framework, "R101",
                    UUID.randomUUID(), 3, NOW)).isFalse();
            return learnerUnits.find(course, "learner-1", framework, "R101").orElseThrow();
        });
        assertThat(found.id()).isEqualTo(first);
    }

    @Test
    void anActivityBoundTwiceInOneTransactionReadsTheFirstBindingAfterTheSecondIsRefused() {
        UnitBinding first = new UnitBinding(course, "link-" + UUID.randomUUID(), UUID.randomUUID(), "R101", "Unit R101");
        UnitBinding second = new UnitBinding(course, first.resourceLinkId(), UUID.randomUUID(), "R102", "Unit R102");
        UnitBinding found = transactions.execute(tx -> {
            assertThat(bindings.insert(first, "tutor-1", NOW)).isTrue();
            assertThat(bindings.insert(second, "tutor-2", NOW)).isFalse();
            return bindings.find(course.platformId(), first.resourceLinkId()).orElseThrow();
        });
        assertThat(found.unitCode()).isEqualTo("R101");
    }
}
