package org.attest.tool.documents.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.attest.tool.documents.ExportContributor;
import org.attest.tool.documents.Pdfs;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.portfolio.UnitContents;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The verifiable portfolio export (docs/recording-documents.md, "Portfolio export"): a ZIP, written as it is produced,
 * with a folder per learner unit (the index PDF, the recording form, the evidence files, the documents other modules
 * contribute and the unit's audit entries) and, at its root, how to verify it, a manifest and {@code SHA256SUMS}.
 * Everything is read and every permission checked before the first byte, and the export is recorded on each learner
 * unit it holds (who, in what role, which export) before the first byte too; then each file is hashed as it streams,
 * and the manifest, which needs every hash, goes last.
 */
@Service
public class PortfolioExports {

    static final String INDEX_TEMPLATE = "documents/export-index";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm:ss 'UTC'")
            .withZone(java.time.ZoneOffset.UTC);

    private final RecordingForms forms;
    private final UnitContents contents;
    private final List<ExportContributor> contributors;
    private final Pdfs pdfs;
    private final Clock clock;

    PortfolioExports(RecordingForms forms, UnitContents contents, List<ExportContributor> contributors, Pdfs pdfs,
            Clock clock) {
        this.forms = forms;
        this.contents = contents;
        this.contributors = List.copyOf(contributors);
        this.pdfs = pdfs;
        this.clock = clock;
    }

    /**
     * One learner unit's export, read and checked for the user ("not found" when they may not read it), and recorded
     * on the unit in the audit trail.
     */
    public UnitExport unit(LtiPrincipal user, UUID learnerUnitId) {
        UnitExport export = read(user, learnerUnitId);
        contents.recordExport(user, List.of(learnerUnitId), UnitContents.Export.UNIT);
        return export;
    }

    /** Every unit of the learner of this unit in its course that the user may read, read, checked and recorded. */
    public List<UnitExport> learner(LtiPrincipal user, UUID learnerUnitId) {
        return units(user, contents.sameLearnersUnits(user, learnerUnitId), UnitContents.Export.LEARNER);
    }

    /** Every learner unit of the assessor's course, read, checked and recorded. */
    public List<UnitExport> course(LtiPrincipal assessor) {
        return units(assessor, contents.courseUnits(assessor), UnitContents.Export.COURSE);
    }

    /**
     * These learner units, each read and checked for the user, then recorded as one export in the audit trail (an
     * entry on each unit, {@link UnitContents#recordExport}): all before the first byte is written, so a refusal
     * records nothing and sends nothing, and each unit's {@code audit.jsonl} holds the export's own entry.
     */
    public List<UnitExport> units(LtiPrincipal user, List<UUID> learnerUnitIds, UnitContents.Export export) {
        List<UnitExport> units = learnerUnitIds.stream().map(id -> read(user, id)).toList();
        contents.recordExport(user, learnerUnitIds, export);
        return units;
    }

    private UnitExport read(LtiPrincipal user, UUID learnerUnitId) {
        RecordingForm form = forms.read(user, learnerUnitId);
        List<UnitContents.EvidenceFile> files = contents.files(user, learnerUnitId);
        List<ExportContributor.ExportFile> contributed = new ArrayList<>();
        for (ExportContributor contributor : contributors) {
            contributed.addAll(contributor.files(user, learnerUnitId));
        }
        return new UnitExport(user, learnerUnitId, form, files, List.copyOf(contributed));
    }

    /** One learner unit's export, read and checked, ready to write. */
    public record UnitExport(LtiPrincipal user, UUID learnerUnitId, RecordingForm form,
            List<UnitContents.EvidenceFile> files, List<ExportContributor.ExportFile> contributed) {

        /** "Unit-224-Sam-Student": the ZIP's name, and the unit's folder in a ZIP of several. */
        public String name() {
            String pdf = form.fileName();
            return pdf.endsWith(".pdf") ? pdf.substring(0, pdf.length() - 4) : pdf;
        }
    }

    /** Writes the ZIP of one learner unit, its files at the root, to {@code out}, which stays open. */
    public void write(UnitExport export, OutputStream out) {
        write(List.of(export), false, out);
    }

    /** Writes the ZIP of several learner units, a folder each, to {@code out}, which stays open. */
    public void writeAll(List<UnitExport> exports, OutputStream out) {
        write(exports, true, out);
    }

    private void write(List<UnitExport> exports, boolean folders, OutputStream out) {
        ZipNames names = new ZipNames();
        UnitContents.ChainHead chainHead = contents.chainHead();
        // The root's own names first, so nothing a unit holds can take them.
        String verify = names.unique("", "VERIFY.txt");
        String script = names.unique("", "verify-audit.py");
        String manifest = names.unique("", "manifest.json");
        String sums = names.unique("", "SHA256SUMS");
        HashingZip zip = new HashingZip(out);
        try {
            for (UnitExport export : exports) {
                String folder = folders ? names.unique("", ZipNames.segment(export.name(), "unit")) : "";
                writeUnit(export, folder, names, zip, chainHead);
            }
            zip.text(verify, VerifyText.TEXT);
            zip.text(script, VerifyText.SCRIPT);
            List<HashingZip.Written> listed = zip.written();
            zip.text(manifest, manifest(exports, listed, chainHead));
            zip.text(sums, sha256sums(listed));
            zip.finish();
        } catch (IOException e) {
            throw new UncheckedIOException("the export broke off while writing (the download was probably cancelled)", e);
        }
    }

    private void writeUnit(UnitExport export, String folder, ZipNames names, HashingZip zip,
            UnitContents.ChainHead chainHead) throws IOException {
        int first = zip.written().size();
        String recordingForm = names.unique(folder, "recording-form.pdf");
        String audit = names.unique(folder, "audit.jsonl");
        String index = names.unique(folder, "index.pdf");
        zip.entry(recordingForm, true, out -> forms.write(export.form(), out));
        String evidenceFolder = prefixed(folder, "evidence");
        for (UnitContents.EvidenceFile file : export.files()) {
            String evidence = ZipNames.segment(file.evidenceNumber() + "-" + file.evidenceTitle(), "E" + file.evidenceNumber());
            String path = names.unique(evidenceFolder + "/" + evidence, ZipNames.segment(file.fileName(), "file"));
            zip.copy(path, contents.open(export.user(), file.fileId()));
        }
        for (ExportContributor.ExportFile file : export.contributed()) {
            String relative = ZipNames.relative(file.path(), "document");
            int slash = relative.lastIndexOf('/');
            String path = names.unique(prefixed(folder, slash < 0 ? "" : relative.substring(0, slash)),
                    relative.substring(slash + 1));
            zip.entry(path, true, out -> file.writer().writeTo(out));
        }
        String[] lastLine = new String[1];
        int[] count = new int[1];
        zip.entry(audit, true, out -> contents.auditLines(export.user(), export.learnerUnitId(),
                line -> {
                    try {
                        out.write(line.getBytes(StandardCharsets.UTF_8));
                        out.write('\n');
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    lastLine[0] = line;
                    count[0]++;
                }));
        List<HashingZip.Written> unitFiles = zip.written().subList(first, zip.written().size());
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("form", export.form());
        model.put("folder", folder);
        model.put("files", unitFiles.stream().map(w -> new IndexFile(w.path(), w.size(), w.sha256())).toList());
        model.put("contributed", export.contributed().stream().map(ExportContributor.ExportFile::description).toList());
        model.put("auditCount", count[0]);
        model.put("unitHead", lastLine[0] == null ? null : head(lastLine[0]));
        model.put("chainHead", chainHead);
        model.put("exportedAt", STAMP.format(clock.instant()));
        model.put("exportedBy", export.user().displayName());
        zip.entry(index, true, out -> pdfs.render(INDEX_TEMPLATE, model, out));
    }

    /** A file the index lists. */
    public record IndexFile(String path, long size, String sha256) {
    }

    private static UnitContents.ChainHead head(String line) {
        JsonNode entry = JSON.readTree(line);
        return new UnitContents.ChainHead(entry.get("seq").asLong(), entry.get("hash").asString());
    }

    private static String prefixed(String folder, String path) {
        if (folder.isEmpty()) {
            return path;
        }
        return path.isEmpty() ? folder : folder + "/" + path;
    }

    private String manifest(List<UnitExport> exports, List<HashingZip.Written> listed, UnitContents.ChainHead chainHead) {
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("format", "attest-portfolio-export/1");
        manifest.put("exportedAt", clock.instant().toString());
        manifest.put("learnerUnits", exports.stream().map(e -> Map.of("id", e.learnerUnitId().toString(),
                "learner", e.form().learnerName(), "unit", e.form().unitCode())).toList());
        manifest.put("auditChainHead", Map.of("seq", chainHead.seq(), "hash", chainHead.hash()));
        manifest.put("files", listed.stream().map(w -> {
            Map<String, Object> file = new LinkedHashMap<>();
            file.put("path", w.path());
            file.put("size", w.size());
            file.put("sha256", w.sha256());
            return file;
        }).toList());
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(manifest) + "\n";
    }

    private static String sha256sums(List<HashingZip.Written> listed) {
        StringBuilder sums = new StringBuilder();
        for (HashingZip.Written w : listed) {
            // Two spaces: binary-safe text mode, as sha256sum writes it; paths hold no newline or backslash.
            sums.append(w.sha256()).append("  ").append(w.path()).append('\n');
        }
        return sums.toString();
    }
}
