package org.attest.tool.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.attest.tool.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the recording form's "Sampled by Internal verifier" box reads from the IQA's decisions, on H2 and again on
 * PostgreSQL: the latest decision counts, and a trainee IQA's agreement only once it is countersigned.
 */
@Tag("database")
class UnitVerificationsTest {

    private static final Instant FIRST = Instant.parse("2026-11-20T09:00:00Z");
    private static final Instant LATER = Instant.parse("2026-11-27T15:30:00Z");

    private static JdbcClient jdbc;
    private static UnitVerifications verifications;

    @BeforeAll
    static void migrate() {
        jdbc = TestDatabase.migrated();
        verifications = new UnitVerifications(jdbc);
    }

    @Test
    void aUnitNoIqaDecidedOnIsNotVerified() {
        assertThat(verifications.agreed(UUID.randomUUID())).isEmpty();
    }

    @Test
    void aQualifiedIqasAgreementVerifiesTheUnitWithTheirNameAndTime() {
        UUID unit = UUID.randomUUID();
        review(unit, "NOT_AGREE", FIRST, false);
        review(unit, "AGREE", LATER, false);

        assertThat(verifications.agreed(unit)).hasValue(new UnitVerifications.Verified("Ivy Verifier", LATER, null, null));
    }

    @Test
    void aLaterDisagreementTakesTheVerificationBack() {
        UUID unit = UUID.randomUUID();
        review(unit, "AGREE", FIRST, false);
        review(unit, "NOT_AGREE", LATER, false);

        assertThat(verifications.agreed(unit)).isEmpty();
    }

    @Test
    void aTraineeIqasAgreementCountsOnceAQualifiedIqaCountersignedIt() {
        UUID unit = UUID.randomUUID();
        UUID review = review(unit, "AGREE", FIRST, true);
        assertThat(verifications.agreed(unit)).isEmpty();

        jdbc.sql("UPDATE iqa_review SET countersigned_by = 'lena', countersigned_name = 'Lena Lead', countersigned_at = ? "
                + "WHERE id = ?").params(Timestamp.from(LATER), review).update();

        assertThat(verifications.agreed(unit))
                .hasValue(new UnitVerifications.Verified("Ivy Verifier", FIRST, "Lena Lead", LATER));
    }

    private static UUID review(UUID learnerUnit, String outcome, Instant at, boolean trainee) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO iqa_review (id, platform_id, learner_unit_id, stage, iqa_subject, iqa_name, outcome, feedback,
                            reviewed_at, countersign_needed) VALUES (?, ?, ?, 'SUMMATIVE', 'ivy', 'Ivy Verifier', ?, 'feedback', ?, ?)""")
                .params(id, UUID.randomUUID(), learnerUnit, outcome, Timestamp.from(at), trainee)
                .update();
        return id;
    }
}
