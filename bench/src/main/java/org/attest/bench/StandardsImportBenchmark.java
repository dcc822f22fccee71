package org.attest.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.attest.standards.Framework;
import org.attest.standards.ImportResult;
import org.attest.standards.Samples;
import org.attest.standards.StandardsImportException;
import org.attest.standards.read.SourceDocument;
import org.attest.standards.read.StandardsImporter;
import org.attest.standards.write.CaseJsonWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Warm cost of the standards import: reading the shipped samples, reading back a CASE JSON
 * package and writing one. The documents are loaded once per fork; each operation is one
 * complete import or export as the CLI and the tool run it. See docs/benchmarks.md.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class StandardsImportBenchmark {

    private static final int RECORDING_FORMS_UNITS = 19;
    private static final int RECORDING_FORMS_CRITERIA = 254;
    private static final Instant LAST_CHANGE = Instant.parse("2024-01-01T00:00:00Z");

    private byte[] recordingForms;
    private byte[] unit224;
    private byte[] recordingFormsCaseJson;
    private Framework recordingFormsFramework;

    @Setup
    public void load() throws StandardsImportException {
        recordingForms = Samples.RECORDING_FORMS.bytes();
        unit224 = Samples.UNIT_224.bytes();
        recordingFormsFramework = read("recording-forms.txt", recordingForms).framework();
        check(recordingFormsFramework, "recording forms");
        recordingFormsCaseJson = CaseJsonWriter.write(recordingFormsFramework, LAST_CHANGE)
                .getBytes(StandardCharsets.UTF_8);
        check(read("recording-forms.json", recordingFormsCaseJson).framework(), "CASE JSON of the recording forms");
        if (read("unit-224.md", unit224).framework().units().size() != 1) {
            throw new IllegalStateException("Unit 224 markdown did not read as one unit");
        }
    }

    /** The 19-unit recording forms appendix (about 8,000 lines of text); target 20 ms or less. */
    @Benchmark
    public ImportResult parseRecordingForms() throws StandardsImportException {
        return read("recording-forms.txt", recordingForms);
    }

    /** One NVQ unit in markdown (Unit 224). */
    @Benchmark
    public ImportResult parseUnit224Markdown() throws StandardsImportException {
        return read("unit-224.md", unit224);
    }

    /** The recording-forms framework read back from the CASE JSON package Attest writes. */
    @Benchmark
    public ImportResult readRecordingFormsCaseJson() throws StandardsImportException {
        return read("recording-forms.json", recordingFormsCaseJson);
    }

    /** The recording-forms framework written as a CASE JSON package. */
    @Benchmark
    public String writeRecordingFormsCaseJson() {
        return CaseJsonWriter.write(recordingFormsFramework, LAST_CHANGE);
    }

    private static ImportResult read(String name, byte[] content) throws StandardsImportException {
        return StandardsImporter.read(new SourceDocument(name, content));
    }

    private static void check(Framework framework, String what) {
        int units = framework.units().size();
        long criteria = framework.criteria().count();
        if (units != RECORDING_FORMS_UNITS || criteria != RECORDING_FORMS_CRITERIA) {
            throw new IllegalStateException(what + " read as " + units + " units and " + criteria
                    + " criteria; expected " + RECORDING_FORMS_UNITS + " and " + RECORDING_FORMS_CRITERIA);
        }
    }
}
