package org.attest.tool.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.attest.standards.Criterion;
import org.attest.standards.RangeItem;
import org.attest.tool.portfolio.internal.Assessors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The caseload's "pieces of evidence to mark" and "awaiting countersignature" come from counts each
 * learner unit keeps (V6); they must always be the lengths of the queue pages they link to, and the
 * migration must fill them for portfolios that existed before it.
 */
class CaseloadCountsTest extends PortfolioTestSupport {

    static final Person SAM = new Person("learner-sam", "Sam Student", LEARNER);
    static final Person TOM = new Person("trainee-tom", "Tom Trainee", INSTRUCTOR);
    static final Person ALEX = new Person("assessor-alex", "Alex Assessor", INSTRUCTOR);
    static final Pattern QUEUED = Pattern.compile("id=\"queued\">(\\d+)<");
    static final Pattern TO_COUNTERSIGN = Pattern.compile("id=\"to-countersign\">(\\d+)<");

    @Autowired
    Assessors assessors;

    @Test
    void caseloadCountsFollowTheQueuesThroughReviewAndCountersignature() throws Exception {
        String course = "counts-" + UUID.randomUUID();
        Launched sam = launch(platform, SAM, course, "activity-" + course);
        UUID learnerUnit = idAfter(sam.landing(), "portfolio");
        Criterion first = unit224().criteria().findFirst().orElseThrow();
        UUID mapped = addEvidence(sam, learnerUnit, "Observation: account reset", "Customer 1");
        addEvidence(sam, learnerUnit, "Witness testimony: late delivery", "Customer 2");
        postFields(sam.base() + "/evidence/" + mapped + "/map", List.of(Map.entry("item", first.id().toString())));
        Launched tom = launch(platform, TOM, course, "activity-" + course);
        assessors.flag(registry.find(platform.issuer, platform.clientId).orElseThrow().id(), TOM.subject(), TOM.name(), false, "test");
        assertCounts(tom, 2, 0);

        postFields(tom.base() + "/evidence/" + mapped + "/review", List.of(
                Map.entry("verdict." + first.id(), "CONFIRMED"), Map.entry("outcome." + first.id(), "MET")));
        assertCounts(tom, 1, 1);

        Launched alex = launch(platform, ALEX, course, "activity-" + course);
        String decision = firstMatch(get(alex.base() + "/countersign").body(), "/countersign/decision/([0-9a-f-]{36})");
        assertThat(location(post(alex.base() + "/countersign/decision/" + decision, Map.of()))).contains("?done");
        assertCounts(alex, 1, 0);
    }

    @Test
    void traineesSignOffCountsUntilCountersigned() throws Exception {
        String course = "sign-off-" + UUID.randomUUID();
        Launched sam = launch(platform, SAM, course, "activity-" + course);
        UUID learnerUnit = idAfter(sam.landing(), "portfolio");
        List<Map.Entry<String, String>> everything = new ArrayList<>();
        unit224().criteria().map(Criterion::id).forEach(id -> everything.add(Map.entry("item", id.toString())));
        unit224().rangeItems().map(RangeItem::id).forEach(id -> everything.add(Map.entry("item", id.toString())));
        List<UUID> evidence = List.of(addEvidence(sam, learnerUnit, "Observation: account reset", "Customer 1"),
                addEvidence(sam, learnerUnit, "Witness testimony: late delivery", "Customer 2"));
        Launched alex = launch(platform, ALEX, course, "activity-" + course);
        for (UUID e : evidence) {
            postFields(sam.base() + "/evidence/" + e + "/map", everything);
            List<Map.Entry<String, String>> review = new ArrayList<>();
            everything.forEach(item -> review.add(Map.entry("verdict." + item.getValue(), "CONFIRMED")));
            unit224().criteria().forEach(c -> review.add(Map.entry("outcome." + c.id(), "MET")));
            assertThat(location(postFields(alex.base() + "/evidence/" + e + "/review", review))).contains("?reviewed");
        }
        assertThat(location(post(sam.base() + "/portfolio/" + learnerUnit + "/declaration", form("typedName", "Sam Student"))))
                .contains("?declared");
        Launched tom = launch(platform, TOM, course, "activity-" + course);
        assessors.flag(registry.find(platform.issuer, platform.clientId).orElseThrow().id(), TOM.subject(), TOM.name(), false, "test");
        assertCounts(tom, 0, 0);

        assertThat(location(post(tom.base() + "/portfolio/" + learnerUnit + "/sign-off", form("typedName", "Tom Trainee"))))
                .contains("?signedOff");
        assertCounts(tom, 0, 1);

        assertThat(location(post(alex.base() + "/countersign/sign-off/" + learnerUnit, form("typedName", "Alex Assessor"))))
                .contains("?countersigned");
        assertCounts(alex, 0, 0);
    }

    @Test
    void migrationFillsTheCountsOfExistingPortfolios() throws Exception {
        String course = "backfill-" + UUID.randomUUID();
        Launched sam = launch(platform, SAM, course, "activity-" + course);
        UUID learnerUnit = idAfter(sam.landing(), "portfolio");
        Criterion first = unit224().criteria().findFirst().orElseThrow();
        UUID mapped = addEvidence(sam, learnerUnit, "Observation: account reset", "Customer 1");
        addEvidence(sam, learnerUnit, "Witness testimony: late delivery", "Customer 2");
        postFields(sam.base() + "/evidence/" + mapped + "/map", List.of(Map.entry("item", first.id().toString())));
        Launched tom = launch(platform, TOM, course, "activity-" + course);
        assessors.flag(registry.find(platform.issuer, platform.clientId).orElseThrow().id(), TOM.subject(), TOM.name(), false, "test");
        postFields(tom.base() + "/evidence/" + mapped + "/review", List.of(
                Map.entry("verdict." + first.id(), "CONFIRMED"), Map.entry("outcome." + first.id(), "MET")));
        String counts = "SELECT evidence_to_mark, awaiting_countersignature FROM learner_unit WHERE id = ?";
        Map<String, Object> kept = jdbc.sql(counts).param(learnerUnit).query().singleRow();
        assertThat(kept).containsEntry("evidence_to_mark", 1).containsEntry("awaiting_countersignature", 1);
        jdbc.sql("UPDATE learner_unit SET evidence_to_mark = 0, awaiting_countersignature = 0 WHERE id = ?").param(learnerUnit).update();

        jdbc.sql(backfill()).update();

        assertThat(jdbc.sql(counts).param(learnerUnit).query().singleRow()).isEqualTo(kept);
    }

    /** The caseload's two numbers, the queue pages' lengths, and the expected counts all agree. */
    void assertCounts(Launched assessor, int toMark, int toCountersign) throws Exception {
        String caseload = get(assessor.base() + "/caseload").body();
        assertThat(Integer.parseInt(firstMatch(caseload, QUEUED.pattern()))).as("pieces of evidence to mark").isEqualTo(toMark);
        assertThat(Integer.parseInt(firstMatch(caseload, TO_COUNTERSIGN.pattern()))).as("awaiting countersignature")
                .isEqualTo(toCountersign);
        assertThat(occurrences(get(assessor.base() + "/queue").body(), "data-label=\"Evidence\"")).as("marking queue")
                .isEqualTo(toMark);
        assertThat(occurrences(get(assessor.base() + "/countersign").body(), "data-label=\"Learner\"")).as("countersignature queue")
                .isEqualTo(toCountersign);
    }

    /** Evidence from its own occasion: customer "Customer 2" worked with the learner two days ago. */
    UUID addEvidence(Launched learner, UUID learnerUnit, String title, String customer) throws Exception {
        String day = LocalDate.now().minusDays(Integer.parseInt(customer.replaceAll("\\D", ""))).toString();
        String added = location(multipart(learner.base() + "/portfolio/" + learnerUnit + "/evidence",
                evidenceFields(title, day, customer, "OBSERVATION"), List.of()));
        return idAfter(added, "evidence");
    }

    /** V6's UPDATE statement, which fills the counts of learner units that existed before the migration. */
    static String backfill() throws IOException {
        try (InputStream in = CaseloadCountsTest.class.getResourceAsStream("/db/migration/V6__caseload_counts.sql")) {
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return Arrays.stream(sql.split(";")).map(s -> s.replaceAll("(?m)^--.*$", "").strip())
                    .filter(s -> s.startsWith("UPDATE")).findFirst().orElseThrow();
        }
    }

    static String firstMatch(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as(regex).isTrue();
        return m.group(1);
    }

    static int occurrences(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + what.length())) {
            n++;
        }
        return n;
    }
}
