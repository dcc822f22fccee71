package org.attest.tool.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.attest.tool.lti.Platform;
import org.attest.tool.lti.TestPlatform;
import org.attest.tool.portfolio.audit.AuditAction;
import org.attest.tool.portfolio.audit.AuditEntry;
import org.attest.tool.portfolio.audit.AuditTrail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * GET /s/{token}/admin/api/audit/verify: the audit trail check, for administrators only; a centre
 * administrator's report covers their platform's records and says nothing of another centre's.
 */
class AuditApiTest extends AdminIntegrationTest {

    static final String VERIFY = "/admin/api/audit/verify";

    @Autowired
    AuditTrail trail;

    @Autowired
    TransactionTemplate transactions;

    TestPlatform moodle;
    Platform a;
    Platform b;

    /** Rows 1-3 are the operator's, 4 and 5 platform A's, 6 platform B's. */
    @BeforeEach
    void twoPlatformsAndSixEvents() throws Exception {
        emptyAuditTrail();
        moodle = TestPlatform.start();
        a = moodle.register(registry);
        b = otherPlatform("b");
        transactions.executeWithoutResult(tx -> {
            for (int i = 0; i < 3; i++) {
                trail.append(new AuditEntry(null, null, null, "operator", "Operator", AuditAction.FRAMEWORK_IMPORTED,
                        UUID.randomUUID(), Map.of("framework", "224", "n", i)));
            }
            for (int i = 0; i < 2; i++) {
                trail.append(new AuditEntry(a.id(), "1", "course-a", "tutor-a", "Tutor A", AuditAction.DECISION_RECORDED,
                        UUID.randomUUID(), Map.of("criterion", "224.1." + i, "outcome", "MET")));
            }
            trail.append(new AuditEntry(b.id(), "1", "course-of-b", "tutor-of-b", "Tutor of B", AuditAction.DECISION_RECORDED,
                    UUID.randomUUID(), Map.of("criterion", "secret-of-b", "outcome", "MET")));
        });
    }

    @AfterEach
    void stopPlatform() {
        moodle.close();
        emptyAuditTrail();
    }

    /** Other tests share this database; leave an empty, intact chain behind. */
    void emptyAuditTrail() {
        jdbc.sql("DELETE FROM audit_event").update();
        jdbc.sql("UPDATE audit_head SET last_seq = 0, last_hash = ? WHERE id = 1").param("0".repeat(64)).update();
    }

    @Test
    void centreAdminGetsTheReportOfTheirOwnRecordsOnly() throws Exception {
        String admin = launchSession(moodle, INSTITUTION_ADMIN);
        String rowFiveHash = jdbc.sql("SELECT hash FROM audit_event WHERE seq = 5").query(String.class).single();

        HttpResponse<String> response = json("GET", admin + VERIFY, null);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode report = parse(response);
        assertThat(report.path("intact").asBoolean()).isTrue();
        assertThat(report.path("rowsChecked").asLong()).isEqualTo(2);
        assertThat(report.path("lastSeq").asLong()).isEqualTo(5);
        assertThat(report.path("lastHash").asString()).isEqualTo(rowFiveHash);
        assertThat(report.path("problems").isEmpty()).isTrue();
        assertThat(report.path("summary").asString())
                .isEqualTo("Audit trail of this centre's records intact: 2 rows checked, latest at row 5 with hash " + rowFiveHash + ".");
    }

    @Test
    void operatorGetsTheReportOfTheWholeInstallation() throws Exception {
        JsonNode report = parse(json("GET", operatorSession() + VERIFY, null));

        assertThat(report.path("intact").asBoolean()).isTrue();
        assertThat(report.path("rowsChecked").asLong()).isEqualTo(6);
        assertThat(report.path("lastSeq").asLong()).isEqualTo(6);
        assertThat(report.path("summary").asString()).startsWith("Audit trail intact: 6 rows checked, head at row 6");
    }

    @Test
    void centreAdminSeesProblemsInTheirRecordsAndOnlyThatThereAreSomeElsewhere() throws Exception {
        jdbc.sql("UPDATE audit_event SET detail = '{\"criterion\":\"224.1.9\",\"outcome\":\"MET\"}' WHERE seq = 4").update();
        jdbc.sql("UPDATE audit_event SET detail = '{\"criterion\":\"changed-of-b\",\"outcome\":\"MET\"}' WHERE seq = 6").update();
        jdbc.sql("DELETE FROM audit_event WHERE seq = 2").update();
        String admin = launchSession(moodle, INSTITUTION_ADMIN);

        HttpResponse<String> response = json("GET", admin + VERIFY, null);
        JsonNode operator = parse(json("GET", operatorSession() + VERIFY, null));

        JsonNode report = parse(response);
        assertThat(report.path("intact").asBoolean()).isFalse();
        assertThat(report.path("rowsChecked").asLong()).isEqualTo(2);
        assertThat(report.path("firstBrokenSeq").asLong()).isEqualTo(4);
        assertThat(report.path("problemCount").asInt()).isEqualTo(2);
        assertThat(report.path("problems").valueStream().map(JsonNode::asString)).containsExactly(
                "row 4: hash does not match its contents",
                "the chain is broken outside this centre's records (rows may have been deleted or changed; a deleted row "
                        + "may have been this centre's): ask the operator, whose check lists where");
        assertThat(response.body()).doesNotContain("row 2", "row 6", "rows 2", b.id().toString(), "of-b", "head");
        assertThat(operator.path("problems").valueStream().map(JsonNode::asString)).containsExactly(
                "row 2 missing", "row 4: hash does not match its contents", "row 6: hash does not match its contents");
        assertThat(operator.path("rowsChecked").asLong()).isEqualTo(5);
    }

    @Test
    void operatorSeesWhereATamperedTrailBreaks() throws Exception {
        jdbc.sql("UPDATE audit_event SET detail = '{\"framework\":\"225\",\"n\":1}' WHERE seq = 2").update();

        HttpResponse<String> response = json("GET", operatorSession() + VERIFY, null);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode report = parse(response);
        assertThat(report.path("intact").asBoolean()).isFalse();
        assertThat(report.path("firstBrokenSeq").asLong()).isEqualTo(2);
        assertThat(report.path("problems").get(0).asString()).isEqualTo("row 2: hash does not match its contents");
    }

    @Test
    void learnerIsRefused() throws Exception {
        String learner = launchSession(moodle, LEARNER);

        HttpResponse<String> response = json("GET", learner + VERIFY, null);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(parse(response).path("error").asString()).contains("your role does not give access");
    }

    @Test
    void instructorIsRefused() throws Exception {
        String instructor = launchSession(moodle, INSTRUCTOR);

        assertThat(json("GET", instructor + VERIFY, null).statusCode()).isEqualTo(403);
    }

    @Test
    void requestWithoutASessionIsRefused() throws Exception {
        assertThat(json("GET", "/s/" + "x".repeat(64) + VERIFY, null).statusCode()).isEqualTo(401);
    }
}
