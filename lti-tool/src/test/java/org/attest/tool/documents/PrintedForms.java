package org.attest.tool.documents;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.attest.standards.AssessmentMethod;
import org.attest.standards.Samples;
import org.attest.standards.StandardsImportException;
import org.attest.standards.Unit;
import org.attest.standards.read.SourceDocument;
import org.attest.standards.read.StandardsImporter;
import org.attest.tool.documents.internal.RecordingForm;
import org.attest.tool.portfolio.Course;
import org.attest.tool.portfolio.LearnerUnit;
import org.attest.tool.portfolio.UnitRecord;
import org.attest.tool.quality.UnitVerifications;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/** Unit 224 from the seed, a learner unit's record of it, and the renderer as the tool configures it, without Spring. */
final class PrintedForms {

    static final Unit UNIT_224 = read224();
    static final Instant DECLARED = Instant.parse("2026-11-20T10:15:00Z");
    static final Instant SIGNED_OFF = Instant.parse("2026-11-23T14:30:00Z");
    static final Instant VERIFIED = Instant.parse("2026-11-27T09:00:00Z");

    private PrintedForms() {
    }

    static Pdfs pdfs() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
        return new Pdfs(engine);
    }

    /**
     * Sam's Unit 224: E1 covers every criterion and range item, E2 (another title) only the first criterion; declared
     * and signed off when {@code signed}.
     */
    static UnitRecord record(String firstTitle, boolean signed) {
        LearnerUnit learnerUnit = new LearnerUnit(UUID.randomUUID(), new Course(UUID.randomUUID(), "d1", "c1"), "sam",
                "Sam Student", UUID.randomUUID(), "224", UUID.randomUUID(), 0, 0, true, signed, 0, Instant.now());
        List<UnitRecord.ConfirmedMapping> everything = Stream.concat(
                        UNIT_224.criteria().map(c -> new UnitRecord.ConfirmedMapping(c.id(), c.code(), "Alex Assessor", SIGNED_OFF)),
                        UNIT_224.rangeItems().map(r -> new UnitRecord.ConfirmedMapping(r.id(), r.code(), "Alex Assessor", SIGNED_OFF)))
                .toList();
        UnitRecord.AssessedEvidence first = new UnitRecord.AssessedEvidence(UUID.randomUUID(), 1, firstTitle,
                LocalDate.of(2026, 11, 3), List.of(AssessmentMethod.OBSERVATION, AssessmentMethod.WITNESS_TESTIMONY), false,
                null, everything);
        UnitRecord.AssessedEvidence second = new UnitRecord.AssessedEvidence(UUID.randomUUID(), 3,
                "Witness testimony: delivery problem", LocalDate.of(2026, 11, 10), List.of(AssessmentMethod.WITNESS_TESTIMONY),
                false, "Team leader's file, drawer 2", List.of(everything.get(0)));
        return new UnitRecord(learnerUnit, UNIT_224, List.of(first, second),
                signed ? new UnitRecord.Signature("Sam Student", "Sam Student", DECLARED) : null,
                signed ? new UnitRecord.Signature("Alex Assessor", "A. Assessor", SIGNED_OFF) : null, null);
    }

    static UnitVerifications.Verified agreedByIvy() {
        return new UnitVerifications.Verified("Ivy Verifier", VERIFIED, null, null);
    }

    static byte[] print(RecordingForm form) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        pdfs().render("documents/recording-form", Map.of("form", form), out);
        return out.toByteArray();
    }

    private static Unit read224() {
        try {
            return StandardsImporter.read(new SourceDocument(Samples.UNIT_224.fileName(), Samples.UNIT_224.bytes()))
                    .framework().unit("224").orElseThrow();
        } catch (StandardsImportException e) {
            throw new IllegalStateException("the Unit 224 sample does not import", e);
        }
    }
}
