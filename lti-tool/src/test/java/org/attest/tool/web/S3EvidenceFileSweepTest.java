package org.attest.tool.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.attest.tool.S3MockServer;
import org.attest.tool.portfolio.internal.files.EvidenceFileSweep;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The sweep of evidence files left in the bucket by a crash between store and commit: a file no row refers to goes
 * once older than the grace period (24 h); one that evidence or an assessor record refers to stays, as does a young
 * one whose upload may still be committing. One replica sweeps per interval.
 */
@Import(S3MockServer.TrustingHttpClient.class)
class S3EvidenceFileSweepTest extends PortfolioTestSupport {

    static final Person SAM = new Person("sweep-sam", "Sam Student", LEARNER);
    static String bucket;

    @Autowired
    EvidenceFileSweep sweep;

    @DynamicPropertySource
    static void s3(DynamicPropertyRegistry registry) {
        bucket = S3MockServer.get().useFor(registry);
    }

    @Test
    void filesNoRowRefersToGoOnceOlderThanTheGraceAndReferencedOrYoungOnesStay() throws Exception {
        Launched sam = launch(platform, SAM, "sweep-" + UUID.randomUUID(), "act-" + UUID.randomUUID());
        UUID unit = idAfter(sam.landing(), "portfolio");
        UUID evidence = addEvidence(sam, unit, "Kept by its evidence", LocalDate.now(), "Customer 1");
        String ofEvidence = jdbc.sql("SELECT storage_key FROM evidence_file WHERE evidence_id = ?").param(evidence)
                .query(String.class).single();
        String ofRecord = putObject();
        jdbc.sql("""
                INSERT INTO assessor_record (id, lineage_id, version, kind, learner_unit_id, platform_id, deployment_id,
                    context_id, learner_name, unit_code, assessor_subject, assessor_name, content, created_at, updated_at)
                SELECT ?, ?, 1, 'OBSERVATION', id, platform_id, deployment_id, context_id, learner_name, unit_code,
                    'alex', 'Alex Assessor', ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP FROM learner_unit WHERE id = ?""")
                .params(UUID.randomUUID(), UUID.randomUUID(),
                        "{\"attachments\":[{\"box\":\"OTHER\",\"storageKey\":\"" + ofRecord + "\"}]}", unit).update();
        String orphan = putObject();
        Instant oldest = written(orphan);
        // S3 keeps times to the second: the young file is written a second later than the old ones.
        await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().getEpochSecond() > oldest.getEpochSecond() + 1);
        String young = putObject();
        Instant sweptAt = written(young).plus(Duration.ofHours(24));

        EvidenceFileSweep.Swept swept = sweep.sweep(sweptAt);

        assertThat(keys()).contains(ofEvidence, ofRecord, young).doesNotContain(orphan);
        assertThat(swept.deleted()).isEqualTo(1);
        try (var download = S3MockServer.get().client().getObject(r -> r.bucket(bucket).key("evidence/" + ofEvidence))) {
            assertThat(download.readAllBytes()).asString().isEqualTo("What I did");
        }
    }

    @Test
    void oneReplicaClaimsEachRun() {
        Instant now = Instant.now().plus(Duration.ofDays(3650)); // past any run another test claimed
        assertThat(sweep.claim(now)).isTrue();
        assertThat(sweep.claim(now)).as("a second replica at the same moment").isFalse();
        assertThat(sweep.claim(now.plus(Duration.ofHours(6)))).as("the next interval").isTrue();
    }

    private static String putObject() {
        String uuid = UUID.randomUUID().toString();
        String key = uuid.substring(0, 2) + "/" + uuid.substring(2, 4) + "/" + uuid;
        try (S3Client s3 = S3MockServer.get().client()) {
            s3.putObject(r -> r.bucket(bucket).key("evidence/" + key), RequestBody.fromString("left by a crash"));
        }
        return key;
    }

    private static Instant written(String key) {
        try (S3Client s3 = S3MockServer.get().client()) {
            return s3.headObject(r -> r.bucket(bucket).key("evidence/" + key)).lastModified();
        }
    }

    private static List<String> keys() {
        try (S3Client s3 = S3MockServer.get().client()) {
            return s3.listObjectsV2Paginator(r -> r.bucket(bucket)).contents().stream()
                    .map(o -> o.key().substring("evidence/".length())).toList();
        }
    }
}
