package org.attest.tool.standards.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.attest.standards.Framework;
import org.attest.standards.Samples;
import org.attest.standards.StandardsImportException;
import org.attest.standards.read.SourceDocument;
import org.attest.standards.read.StandardsImporter;
import org.attest.standards.write.CaseJsonWriter;
import org.attest.tool.lti.AdminScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * On a start with no framework yet, imports the bundled samples (Unit 224 and the recording-forms
 * units) the way the operator would: as tool-wide CASE packages. So a first look at Attest (and the sandbox LMS of
 * attest-sandbox.jar) has something to place. Runs before the application is ready, so a program that asks the
 * framework API once Attest is ready finds Unit 224; replicas
 * starting together import the same content, which the import stores once.
 */
@Component
class FrameworkSeeding {

    static final List<Samples> SAMPLES = List.of(Samples.UNIT_224, Samples.RECORDING_FORMS);
    static final String IMPORTED_BY = "Attest (bundled sample)";

    private static final Logger log = LoggerFactory.getLogger(FrameworkSeeding.class);

    private final JdbcClient jdbc;
    private final FrameworkImport imports;
    private final Clock clock;

    FrameworkSeeding(JdbcClient jdbc, FrameworkImport imports, Clock clock) {
        this.jdbc = jdbc;
        this.imports = imports;
        this.clock = clock;
    }

    @EventListener(ApplicationStartedEvent.class)
    void seedWhenEmpty() throws StandardsImportException {
        if (jdbc.sql("SELECT COUNT(*) FROM framework_version").query(Long.class).single() > 0) {
            return;
        }
        for (Samples sample : SAMPLES) {
            Framework framework = StandardsImporter.read(new SourceDocument(sample.fileName(), sample.bytes())).framework();
            byte[] caseJson = CaseJsonWriter.write(framework, clock.instant()).getBytes(StandardCharsets.UTF_8);
            ImportOutcome outcome = imports.importCase(AdminScope.TOOL, sample.fileName() + " (bundled sample)", caseJson,
                    IMPORTED_BY);
            log.info("Bundled sample {}: {}", sample.key(), outcome.summary());
        }
    }
}
