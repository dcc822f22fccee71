package org.attest.tool.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.attest.tool.lti.TestPlatform;
import org.attest.tool.portfolio.AuditAction;
import org.attest.tool.portfolio.AuditEntry;
import org.attest.tool.portfolio.AuditTrail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** GET /s/{token}/admin/api/audit/verify: the audit trail check, for centre administrators only. */
class AuditApiTest extends AdminIntegrationTest {

    static final String VERIFY = "/admin/api/audit/verify";

    @Autowired
    AuditTrail trail;

    @Autowired
    TransactionTemplate transactions;

    TestPlatform moodle;

    @BeforeEach
    void platformAndThreeEvents() throws Exception {
        emptyAuditTrail();
        moodle = TestPlatform.start();
        moodle.register(registry);
        transactions.executeWithoutResult(tx -> {
            for (int i = 0; i < 3; i++) {
                trail.append(new AuditEntry(null, null, null, "operator", "Operator", AuditAction.FRAMEWORK_IMPORTED,
                        UUID.randomUUID(), Map.of("framework", "224", "n", i)));
            }
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
    void centreAdminGetsTheReportOfAnIntactTrail() throws Exception {
        String admin = launchSession(moodle, INSTITUTION_ADMIN);

        HttpResponse<String> response = json("GET", admin + VERIFY, null);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode report = parse(response);
        assertThat(report.path("intact").asBoolean()).isTrue();
        assertThat(report.path("rowsChecked").asLong()).isEqualTo(3);
        assertThat(report.path("lastSeq").asLong()).isEqualTo(3);
        assertThat(report.path("lastHash").asString()).hasSize(64);
        assertThat(report.path("problems").isEmpty()).isTrue();
        assertThat(report.path("summary").asString()).startsWith("Audit trail intact: 3 rows checked");
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
