package org.attest.tool.portfolio.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.attest.tool.portfolio.internal.Outcome;
import org.junit.jupiter.api.Test;

/** The serialization the audit hash is taken over: one spelling per value, as documented in {@link AuditTrail}. */
class AuditCanonicalFormTest {

    static final UUID PLATFORM = UUID.fromString("0b6f5a1e-8c1d-4c3e-9a57-2f0c4f1d9e01");
    static final UUID SUBJECT = UUID.fromString("5d2a7c3e-9b1f-4e6d-8a2c-1f3e5d7b9a0c");
    static final UUID EVIDENCE = UUID.fromString("7e4c2b9a-1f0d-4a8e-b3c5-6d7e8f9a0b1c");
    static final String PREV = "9c1e" + "ab".repeat(30);

    static Map<String, Object> decisionDetail() {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("version", 2);
        evidence.put("id", EVIDENCE);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("outcome", Outcome.MET);
        detail.put("criterion", "224.1.1");
        detail.put("note", "café\t✓ \u0001");
        detail.put("evidence", evidence);
        return detail;
    }

    static AuditRow row(String detail) {
        return new AuditRow(17, Instant.parse("2025-03-04T09:15:02.123400Z"), PLATFORM, "1", "course-7", "sub-123",
                "Ann \"Nan\" Assessor", "DECISION_RECORDED", SUBJECT, detail, PREV, null);
    }

    @Test
    void hashIsWhatTheDocumentedRecipeGives() {
        // Expected values computed independently with Python, following the class Javadoc of AuditTrail:
        // json.dumps(x, sort_keys=True, separators=(",", ":"), ensure_ascii=False), then SHA-256 of the UTF-8 bytes.
        String detail = CanonicalJson.write(decisionDetail());

        AuditRow row = row(detail);

        assertThat(detail).isEqualTo("{\"criterion\":\"224.1.1\",\"evidence\":{\"id\":\"7e4c2b9a-1f0d-4a8e-b3c5-6d7e8f9a0b1c\","
                + "\"version\":2},\"note\":\"café\\t✓ \\u0001\",\"outcome\":\"MET\"}");
        assertThat(row.hashInput()).startsWith("{\"action\":\"DECISION_RECORDED\",\"actor\":\"sub-123\",\"actorName\":\"Ann \\\"Nan\\\" Assessor\"")
                .contains("\"occurredAt\":\"2025-03-04T09:15:02.123400Z\"").endsWith("\"seq\":17,\"subjectId\":\"" + SUBJECT + "\"}");
        assertThat(row.computedHash()).isEqualTo("9d97fbb274c4d25c89ad77721088519905f42623d8b7036611dbd2de24a7758a");
    }

    @Test
    void nullColumnsAreWrittenAsJsonNull() {
        AuditRow row = new AuditRow(17, Instant.parse("2025-03-04T09:15:02.123400Z"), null, "1", "course-7", "sub-123", null,
                "DECISION_RECORDED", SUBJECT, CanonicalJson.write(decisionDetail()), PREV, null);

        assertThat(row.hashInput()).contains("\"actorName\":null").contains("\"platformId\":null");
        assertThat(row.computedHash()).isEqualTo("e8b4dc50e5eaa2795c94a1dcdf3985626a81c39492f34f75d0517c0fb88365e8");
    }

    @Test
    void sameFactsGiveTheSameHashWhateverTheKeyOrder() {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("id", EVIDENCE);
        evidence.put("version", 2);
        Map<String, Object> reordered = new LinkedHashMap<>();
        reordered.put("evidence", evidence);
        reordered.put("note", "café\t✓ \u0001");
        reordered.put("criterion", "224.1.1");
        reordered.put("outcome", Outcome.MET);

        String first = row(CanonicalJson.write(decisionDetail())).computedHash();
        String again = row(CanonicalJson.write(decisionDetail())).computedHash();
        String fromReordered = row(CanonicalJson.write(reordered)).computedHash();

        assertThat(again).isEqualTo(first);
        assertThat(fromReordered).isEqualTo(first);
    }

    @Test
    void everyFieldChangesTheHash() {
        AuditRow base = row(CanonicalJson.write(decisionDetail()));
        List<UnaryOperator<AuditRow>> changes = List.of(
                r -> new AuditRow(18, r.occurredAt(), r.platformId(), r.deploymentId(), r.contextId(), r.actor(), r.actorName(), r.action(), r.subjectId(), r.detail(), r.prevHash(), null),
                r -> new AuditRow(r.seq(), r.occurredAt().plusNanos(1000), r.platformId(), r.deploymentId(), r.contextId(), r.actor(), r.actorName(), r.action(), r.subjectId(), r.detail(), r.prevHash(), null),
                r -> new AuditRow(r.seq(), r.occurredAt(), UUID.randomUUID(), r.deploymentId(), r.contextId(), r.actor(), r.actorName(), r.action(), r.subjectId(), r.detail(), r.prevHash(), null),
                r -> new AuditRow(r.seq(), r.occurredAt(), r.platformId(), "2", r.contextId(), r.actor(), r.actorName(), r.action(), r.subjectId(), r.detail(), r.prevHash(), null),
                r -> new AuditRow(r.seq(), r.occurredAt(), r.platformId(), r.deploymentId(), "course-8", r.actor(), r.actorName(), r.action(), r.subjectId(), r.detail(), r.prevHash(), null),
                r -> new AuditRow(r.seq(), r.occurredAt(), r.platformId(), r.deploymentId(), r.contextId(), "sub-124", r.actorName(), r.action(), r.subjectId(), r.detail(), r.prevHash(), null),
                r -> new AuditRow(r.seq(), r.occurredAt(), r.platformId(), r.deploymentId(), r.contextId(), r.actor(), "Ann Assessor", r.action(), r.subjectId(), r.detail(), r.prevHash(), null),
                r -> new AuditRow(r.seq(), r.occurredAt(), r.platformId(), r.deploymentId(), r.contextId(), r.actor(), r.actorName(), "DECISION_COUNTERSIGNED", r.subjectId(), r.detail(), r.prevHash(), null),
                r -> new AuditRow(r.seq(), r.occurredAt(), r.platformId(), r.deploymentId(), r.contextId(), r.actor(), r.actorName(), r.action(), UUID.randomUUID(), r.detail(), r.prevHash(), null),
                r -> new AuditRow(r.seq(), r.occurredAt(), r.platformId(), r.deploymentId(), r.contextId(), r.actor(), r.actorName(), r.action(), r.subjectId(), r.detail().replace("MET", "NOT_YET"), r.prevHash(), null),
                r -> new AuditRow(r.seq(), r.occurredAt(), r.platformId(), r.deploymentId(), r.contextId(), r.actor(), r.actorName(), r.action(), r.subjectId(), r.detail(), "0".repeat(64), null));

        List<String> hashes = changes.stream().map(change -> change.apply(base).computedHash()).toList();

        assertThat(hashes).doesNotContain(base.computedHash()).doesNotHaveDuplicates();
    }

    @Test
    void movingTextBetweenFieldsChangesTheHash() {
        AuditRow a = new AuditRow(1, Instant.EPOCH, null, "1", "x", "sub", null, "EVIDENCE_ADDED", null, "{}", AuditRow.GENESIS_HASH, null);
        AuditRow b = new AuditRow(1, Instant.EPOCH, null, "1\",\"contextId\":\"x", null, "sub", null, "EVIDENCE_ADDED", null, "{}",
                AuditRow.GENESIS_HASH, null);

        assertThat(a.computedHash()).isNotEqualTo(b.computedHash());
    }

    @Test
    void numbersHaveOneSpelling() {
        String asInteger = CanonicalJson.write(Map.of("occasions", 3, "score", new BigDecimal("1.50")));
        String asDecimals = CanonicalJson.write(Map.of("occasions", 3.0, "score", 1.5));

        assertThat(asInteger).isEqualTo("{\"occasions\":3,\"score\":1.5}");
        assertThat(asDecimals).isEqualTo(asInteger);
        assertThat(CanonicalJson.write(Map.of("big", new BigDecimal("1E+3"), "zero", new BigDecimal("0.000"))))
                .isEqualTo("{\"big\":1000,\"zero\":0}");
    }

    @Test
    void setsAreSortedListsKeepTheirOrderAndDatesAreIso() {
        Set<String> criteria = new LinkedHashSet<>(List.of("224.2.1", "224.1.3", "224.1.1"));
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("criteria", criteria);
        detail.put("files", List.of("b.pdf", "a.pdf"));
        detail.put("on", LocalDate.of(2025, 3, 4));
        detail.put("at", Instant.parse("2025-03-04T09:15:02Z"));
        detail.put("witness", null);

        assertThat(CanonicalJson.write(detail)).isEqualTo("{\"at\":\"2025-03-04T09:15:02Z\",\"criteria\":[\"224.1.1\",\"224.1.3\","
                + "\"224.2.1\"],\"files\":[\"b.pdf\",\"a.pdf\"],\"on\":\"2025-03-04\",\"witness\":null}");
    }

    @Test
    void refusesValuesWithoutACanonicalFormNamingWhereTheyAre() {
        Map<String, Object> withFile = Map.of("evidence", Map.of("files", List.of("a.pdf", new File("b.pdf"))));

        assertThatThrownBy(() -> CanonicalJson.write(withFile)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'detail.evidence.files[1]' is a java.io.File");
        assertThatThrownBy(() -> CanonicalJson.write(Map.of("score", Double.NaN)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'detail.score' is NaN");
        assertThatThrownBy(() -> CanonicalJson.write(Map.of("nested", Map.of(1, "x"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keys must be text");
    }
}
