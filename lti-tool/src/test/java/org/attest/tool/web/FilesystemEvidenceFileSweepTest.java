package org.attest.tool.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.attest.tool.portfolio.internal.files.EvidenceFileSweep;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The sweep of unreferenced evidence files with the default filesystem store, files aged by their modification time. */
class FilesystemEvidenceFileSweepTest extends PortfolioTestSupport {

    static final Person SAM = new Person("fs-sweep-sam", "Sam Student", LEARNER);
    static final Path storeRoot = Path.of("target/test-files/sweep-" + UUID.randomUUID()).toAbsolutePath();

    @Autowired
    EvidenceFileSweep sweep;

    @DynamicPropertySource
    static void fileStore(DynamicPropertyRegistry registry) {
        registry.add("attest.files.directory", storeRoot::toString);
    }

    @Test
    void anOldFileNoRowRefersToGoesAndAReferencedOrYoungOneStays() throws Exception {
        Launched sam = launch(platform, SAM, "fs-sweep-" + UUID.randomUUID(), "act-" + UUID.randomUUID());
        UUID unit = idAfter(sam.landing(), "portfolio");
        UUID evidence = addEvidence(sam, unit, "Kept by its evidence", LocalDate.now(), "Customer 1");
        Path referenced = storeRoot.resolve(jdbc.sql("SELECT storage_key FROM evidence_file WHERE evidence_id = ?")
                .param(evidence).query(String.class).single());
        Path orphan = file();
        Path young = file();
        Path notAKey = Files.writeString(storeRoot.resolve("README.txt"), "an operator's note");
        FileTime twoDaysAgo = FileTime.from(Instant.now().minus(Duration.ofDays(2)));
        for (Path old : new Path[] {referenced, orphan, notAKey}) {
            Files.setLastModifiedTime(old, twoDaysAgo);
        }

        EvidenceFileSweep.Swept swept = sweep.sweep(Instant.now());

        assertThat(orphan).doesNotExist();
        assertThat(referenced).exists();
        assertThat(young).exists();
        assertThat(notAKey).as("only names of Attest's key shape are swept").exists();
        assertThat(swept.deleted()).isEqualTo(1);
    }

    private static Path file() throws Exception {
        String uuid = UUID.randomUUID().toString();
        Path file = storeRoot.resolve(uuid.substring(0, 2)).resolve(uuid.substring(2, 4)).resolve(uuid);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, "left by a crash");
    }
}
