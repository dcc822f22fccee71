package org.attest.tool.records.internal;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.attest.tool.documents.ExportContributor;
import org.attest.tool.documents.Pdfs;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.portfolio.AssessorEvidence;
import org.springframework.stereotype.Service;

/**
 * The assessor's records as PDF, through the documents renderer: one record for whoever may read it (as its page), and
 * every version of every record of a learner unit in the unit's export, as {@code records/<form>-<n>-v<version>.pdf}
 * ({@code n} numbers the records of one form in the order they were first written).
 */
@Service
public class RecordPdfs implements ExportContributor {

    /** Each form's print template, under templates/documents/records/. */
    private static final Map<RecordKind, String> TEMPLATES = new EnumMap<>(Map.of(
            RecordKind.ASSESSMENT_PLAN, "documents/records/assessment-plan",
            RecordKind.OBSERVATION, "documents/records/observation",
            RecordKind.ASSESSMENT_REPORT, "documents/records/assessment-report",
            RecordKind.FEEDBACK, "documents/records/feedback"));

    private final AssessorRecords records;
    private final Pdfs pdfs;

    RecordPdfs(AssessorRecords records, Pdfs pdfs) {
        this.records = records;
        this.pdfs = pdfs;
    }

    /** The record as printed, for whoever may see its page; "not found" ({@code PortfolioRefused}) as the page says. */
    public RecordPrint read(LtiPrincipal user, UUID recordId) {
        AssessorRecords.Shown shown = records.shown(user, recordId);
        return RecordPrint.of(shown.record(), shown.items());
    }

    /** Prints the record to {@code out} as it is rendered; {@code out} stays open. */
    public void write(RecordPrint print, OutputStream out) {
        pdfs.render(template(print.kind()), Map.of("print", print), out);
    }

    /** The print template of a form ("documents/records/observation"). */
    public static String template(RecordKind kind) {
        return TEMPLATES.get(kind);
    }

    /** Every version of every record of the unit (the current one and those it superseded), read before any is written. */
    @Override
    public List<ExportFile> files(LtiPrincipal user, UUID learnerUnitId) {
        AssessorRecords.OfUnit of = records.ofUnit(user, learnerUnitId);
        List<AssessorRecord> all = Stream.concat(of.current().stream(), of.superseded().stream()).toList();
        if (all.isEmpty()) {
            return List.of();
        }
        List<AssessorEvidence.Item> items = records.items(of.unit());
        Map<UUID, Integer> numbers = numbers(all);
        List<ExportFile> files = new ArrayList<>();
        all.stream().sorted(Comparator.comparing((AssessorRecord r) -> r.kind().ordinal())
                        .thenComparing(r -> numbers.get(r.lineageId())).thenComparing(AssessorRecord::version))
                .forEach(r -> {
                    RecordPrint print = RecordPrint.of(r, items);
                    int n = numbers.get(r.lineageId());
                    files.add(new ExportFile("records/" + slug(r.kind()) + "-" + n + "-v" + r.version() + ".pdf",
                            r.kind().title() + " " + n + ", version " + r.version() + " (" + print.status() + ")",
                            out -> write(print, out)));
                });
        return files;
    }

    /** Each record (lineage) numbered from 1 within its form, in the order the records were first written. */
    private static Map<UUID, Integer> numbers(List<AssessorRecord> all) {
        Map<UUID, java.time.Instant> first = new LinkedHashMap<>();
        Map<UUID, RecordKind> kinds = new LinkedHashMap<>();
        for (AssessorRecord r : all) {
            first.merge(r.lineageId(), r.createdAt(), (a, b) -> a.isBefore(b) ? a : b);
            kinds.put(r.lineageId(), r.kind());
        }
        Map<UUID, Integer> numbers = new LinkedHashMap<>();
        Map<RecordKind, Integer> counts = new EnumMap<>(RecordKind.class);
        first.entrySet().stream().sorted(Map.Entry.<UUID, java.time.Instant>comparingByValue()
                        .thenComparing(e -> e.getKey().toString()))
                .forEach(e -> numbers.put(e.getKey(), counts.merge(kinds.get(e.getKey()), 1, Integer::sum)));
        return numbers;
    }

    /** "observation-record", "assessment-action-plan": the form's title as a file name. */
    static String slug(RecordKind kind) {
        return kind.title().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }
}
