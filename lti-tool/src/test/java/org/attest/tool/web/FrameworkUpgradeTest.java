package org.attest.tool.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.attest.standards.Framework;
import org.attest.tool.lti.AdminScope;
import org.attest.tool.standards.CasePackages;
import org.attest.tool.standards.internal.FrameworkImport;
import org.attest.tool.standards.internal.ImportOutcome;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A new version of a unit arrives while learners are part way through: they move to it, decisions
 * on unchanged criteria stand, and decisions on reworded criteria wait for the assessor's review.
 */
class FrameworkUpgradeTest extends PortfolioTestSupport {

    static final Person SAM = new Person("upgrade-sam", "Sam Student", LEARNER);
    static final Person ALEX = new Person("upgrade-alex", "Alex Assessor", INSTRUCTOR);

    @Autowired
    FrameworkImport frameworks;

    @Test
    void reimportKeepsDecisionsOnUnchangedCriteriaAndFlagsChangedOnes() throws Exception {
        Framework original = CasePackages.unit224(CasePackages.uniqueTitle("upgrade"));
        ImportOutcome first = frameworks.importCase(AdminScope.TOOL, CasePackages.caseJson(original), "test");
        String course = "upgrade-" + UUID.randomUUID();
        Launched sam = launch(platform, SAM, course, "act-" + course, original.id().toString());
        UUID learnerUnit = idAfter(sam.landing(), "portfolio");
        UUID reworded = CasePackages.criterionId(original, CasePackages.REWORDED);
        UUID unchanged = CasePackages.criterionId(original, "224.1.3");

        HttpResponse<String> added = multipart(sam.base() + "/portfolio/" + learnerUnit + "/evidence",
                evidenceFields("Observation", LocalDate.now().minusDays(1).toString(), "C1", "OBSERVATION"), List.of());
        UUID evidence = idAfter(location(added), "evidence");
        postFields(sam.base() + "/evidence/" + evidence + "/map",
                List.of(Map.entry("item", reworded.toString()), Map.entry("item", unchanged.toString())));
        Launched alex = launch(platform, ALEX, course, "act-" + course, original.id().toString());
        postFields(alex.base() + "/evidence/" + evidence + "/review", List.of(
                Map.entry("verdict." + reworded, "CONFIRMED"), Map.entry("outcome." + reworded, "MET"),
                Map.entry("verdict." + unchanged, "CONFIRMED"), Map.entry("outcome." + unchanged, "MET")));
        assertThat(get(alex.base() + "/portfolio/" + learnerUnit).body()).contains("2 of 18 criteria met");

        ImportOutcome second = frameworks.importCase(AdminScope.TOOL, CasePackages.caseJson(CasePackages.modified(original)), "test");

        assertThat(second.result()).isEqualTo(ImportOutcome.Result.NEW_VERSION);
        assertThat(jdbc.sql("SELECT version_id FROM learner_unit WHERE id = ?").param(learnerUnit).query(UUID.class).single())
                .isEqualTo(second.versionId()).isNotEqualTo(first.versionId());
        assertThat(jdbc.sql("SELECT needs_review FROM assessment_decision WHERE criterion_id = ? AND is_current = TRUE")
                .param(reworded).query(Boolean.class).single()).isTrue();
        assertThat(jdbc.sql("SELECT needs_review FROM assessment_decision WHERE criterion_id = ? AND is_current = TRUE")
                .param(unchanged).query(Boolean.class).single()).isFalse();
        String overview = get(alex.base() + "/portfolio/" + learnerUnit).body();
        assertThat(overview).contains("1 of 18 criteria met", CasePackages.REWORDED_TO, "224.1.99")
                .contains("224.1.1 changed in the new version of the unit; the assessor must review the decision")
                .doesNotContain(">224.1.2<");

        postFields(alex.base() + "/evidence/" + evidence + "/review", List.of(
                Map.entry("verdict." + reworded, "CONFIRMED"), Map.entry("outcome." + reworded, "MET"),
                Map.entry("feedback." + reworded, "Still met against the new wording")));
        assertThat(get(alex.base() + "/portfolio/" + learnerUnit).body()).contains("2 of 18 criteria met");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE subject_id = ? AND action = 'LEARNERS_MOVED_TO_NEW_VERSION'")
                .param(learnerUnit).query(Integer.class).single()).isEqualTo(1);
    }
}
