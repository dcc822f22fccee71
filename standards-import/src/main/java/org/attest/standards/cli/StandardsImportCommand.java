package org.attest.standards.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.attest.standards.ImportResult;
import org.attest.standards.Samples;
import org.attest.standards.StandardsImportException;
import org.attest.standards.read.DocumentLimits;
import org.attest.standards.read.ImportOptions;
import org.attest.standards.read.SourceDocument;
import org.attest.standards.read.StandardsImporter;
import org.attest.standards.write.CanvasOutcomesCsvWriter;
import org.attest.standards.write.CaseJsonWriter;
import org.attest.standards.write.MoodleCompetencyCsvWriter;
import org.attest.standards.write.MoodleOutcomesCsvWriter;
import org.attest.standards.write.SummaryWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code standards-import [--format ...] [--out FILE] [--unit-code C --unit-title T] [--push URL --token T] FILE...}.
 * Exit 0 when imported, 1 with {@code --strict} when there are warnings, 2 when a document is
 * unreadable or in no known layout (nothing is written then), 3 when {@code --push} could not
 * hand the framework to Attest.
 */
@Command(name = "standards-import", mixinStandardHelpOptions = true, version = "standards-import 0.1.0",
        description = "Reads awarding-body unit documents (text, markdown, PDF, DOCX, CASE 1.0 JSON) into one "
                + "outcome framework and writes it as a summary, CASE JSON, or Moodle/Canvas CSV.",
        exitCodeOnInvalidInput = 2, exitCodeOnExecutionException = 2)
public final class StandardsImportCommand implements Callable<Integer> {

    enum Format { summary, case_json, moodle_competency_csv, moodle_outcomes_csv, canvas_csv }

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "documents to import into one framework")
    List<Path> files = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "summary",
            description = "summary | case | moodle-competency-csv | moodle-outcomes-csv | canvas-csv (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--out", paramLabel = "FILE", description = "write here instead of standard output")
    Path out;

    @Option(names = "--unit-code", paramLabel = "C", description = "unit number for a document that prints none")
    String unitCode;

    @Option(names = "--unit-title", paramLabel = "T", description = "unit title for a document that prints none")
    String unitTitle;

    @Option(names = "--framework-title", paramLabel = "T", description = "framework title (also its identity: keep it stable)")
    String frameworkTitle;

    @Option(names = "--framework-version", paramLabel = "V", description = "framework version (default 1)")
    String frameworkVersion;

    @Option(names = "--creator", paramLabel = "NAME", description = "awarding body, written as the CASE creator")
    String creator;

    @Option(names = "--sample", paramLabel = "NAME", description = "import a bundled sample: unit-224, unit-224-from-pdf, recording-forms")
    List<String> samples = new ArrayList<>();

    @Option(names = "--strict", description = "exit 1 when there are warnings")
    boolean strict;

    @Option(names = "--max-pages", paramLabel = "N", description = "refuse PDFs of more pages, before reading them (default: ${DEFAULT-VALUE})")
    int maxPages = DocumentLimits.DEFAULT_MAX_PDF_PAGES;

    @Option(names = "--max-page-tree-depth", paramLabel = "N",
            description = "refuse PDFs whose page tree nests deeper (default: ${DEFAULT-VALUE})")
    int maxPageTreeDepth = DocumentLimits.DEFAULT_MAX_PAGE_TREE_DEPTH;

    @Option(names = "--push", paramLabel = "URL", description = "also send the framework as CASE JSON to Attest's framework "
            + "API, e.g. https://attest.example.ac.uk/admin/api/frameworks (exit 3 when Attest does not take it)")
    URI push;

    @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:ATTEST_API_TOKEN}",
            description = "API token for --push, made on Attest's Frameworks admin page (default: the ATTEST_API_TOKEN "
                    + "environment variable, which keeps it out of the process list)")
    String token;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8)));
    }

    /**
     * Runs the command; returns the exit code. Whatever goes wrong, even an {@link Error} from a hostile
     * document, ends as one line on {@code err} and exit code 2, never a stack trace.
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        try {
            CommandLine cli = new CommandLine(new StandardsImportCommand());
            cli.setOut(out);
            cli.setErr(err);
            cli.setExecutionExceptionHandler((e, command, parsed) -> failed(err, e));
            return cli.execute(args);
        } catch (Throwable e) {
            return failed(err, e);
        }
    }

    private static int failed(PrintWriter err, Throwable e) {
        String what;
        if (e instanceof StackOverflowError) {
            what = "a document is nested too deeply to read";
        } else if (e instanceof OutOfMemoryError) {
            what = "not enough memory to read the documents (give Java more with -Xmx, or import fewer at once)";
        } else {
            what = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
        }
        err.println("error: " + what.replaceAll("\\s*\\R\\s*", " ") + (e instanceof Error ? " (" + e.getClass().getSimpleName() + ")" : ""));
        err.flush();
        return 2;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Format chosen = parseFormat(format);
        if (chosen == null) {
            err.println("error: unknown --format '" + format
                    + "'; use summary, case, moodle-competency-csv, moodle-outcomes-csv or canvas-csv");
            return 2;
        }
        if (push != null && CasePush.problemWith(push) != null) {
            err.println("error: " + CasePush.problemWith(push));
            return 2;
        }
        List<SourceDocument> documents = new ArrayList<>();
        try {
            for (String sample : samples) {
                Samples s = Samples.byKey(sample);
                documents.add(new SourceDocument(s.fileName(), s.bytes()));
            }
            for (Path file : files) {
                documents.add(SourceDocument.of(file));
            }
        } catch (NoSuchFileException e) {
            err.println("error: no such file: " + e.getFile());
            return 2;
        } catch (IOException e) {
            err.println("error: cannot read " + e.getMessage());
            return 2;
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        if (documents.isEmpty()) {
            err.println("error: give at least one FILE (or --sample unit-224)");
            spec.commandLine().usage(err);
            return 2;
        }
        ImportOptions options = new ImportOptions(frameworkTitle, frameworkVersion, creator, unitCode, unitTitle);
        ImportResult result;
        try {
            result = new StandardsImporter(options, new DocumentLimits(maxPages, maxPageTreeDepth)).importDocuments(documents);
        } catch (StandardsImportException e) {
            err.println("error: " + e.getMessage().replaceAll("\\s*\\R\\s*", " "));
            return 2;
        }
        String output = switch (chosen) {
            case summary -> SummaryWriter.write(result.framework(), result.warnings());
            case case_json -> CaseJsonWriter.write(result.framework(), Instant.now());
            case moodle_competency_csv -> MoodleCompetencyCsvWriter.write(result.framework());
            case moodle_outcomes_csv -> MoodleOutcomesCsvWriter.write(result.framework());
            case canvas_csv -> CanvasOutcomesCsvWriter.write(result.framework());
        };
        try {
            if (out == null) {
                spec.commandLine().getOut().print(output);
                spec.commandLine().getOut().flush();
            } else {
                Files.writeString(out, output, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            err.println("error: cannot write " + out + ": " + e.getMessage());
            return 2;
        }
        if (chosen != Format.summary) {
            result.warnings().forEach(w -> err.println("warning: " + w));
        }
        if (push != null) {
            String caseJson = chosen == Format.case_json ? output : CaseJsonWriter.write(result.framework(), Instant.now());
            int pushed = CasePush.push(push, token, caseJson, err);
            if (pushed != 0) {
                return pushed;
            }
        }
        return strict && !result.warnings().isEmpty() ? 1 : 0;
    }

    private static Format parseFormat(String name) {
        return switch (name) {
            case "summary" -> Format.summary;
            case "case", "case-json" -> Format.case_json;
            case "moodle-competency-csv" -> Format.moodle_competency_csv;
            case "moodle-outcomes-csv" -> Format.moodle_outcomes_csv;
            case "canvas-csv" -> Format.canvas_csv;
            default -> null;
        };
    }
}
