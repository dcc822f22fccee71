package org.attest.standards.read;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.attest.standards.Framework;
import org.attest.standards.ImportResult;
import org.attest.standards.ImportWarning;
import org.attest.standards.Samples;
import org.attest.standards.StandardsImportException;
import org.junit.jupiter.api.Test;

/**
 * The same units as PDF (PDFBox 3) and DOCX (Apache POI, tables included) must give the same
 * model as their text. The files are generated here from the samples, laid out the way awarding
 * bodies print them: lines wrapped at about 90 characters, the unit heading repeated at the top
 * of every page, criteria and range in two-column tables. Ids are derived from the content, so
 * the frameworks must be equal as records, ids included.
 */
class PdfAndDocxLayoutTest {

    private static final String UNIT_224_HEADING = "UNIT 224 (LEVEL 2 UNIT, 5 CREDITS)";
    private static final String UNIT_224_TITLE = "SUPPORT CUSTOMERS USING ONLINE CUSTOMER SERVICES";
    private static final List<String> UNIT_224_PAGE_HEADING = List.of(UNIT_224_HEADING, "", UNIT_224_TITLE, "");
    private static final int WRAP_COLUMN = 90;
    private static final int SHORT_PAGE_LINES = 12;

    private static final Pattern CRITERION_ROW = Pattern.compile("(\\d{1,4}\\.\\d{1,3}(?:\\.\\d{1,3})?)\\s+(\\S.*)");
    private static final Pattern RANGE_ROW = Pattern.compile("(\\d{1,2}|[a-z])\\s+(\\S.*)");
    private static final String TABLE_CELL_SEPARATOR = " | ";

    // ---------------------------------------------------------------- PDF

    @Test
    void unit224AsA4PdfGivesTheSameFrameworkAsTheMarkdown() throws Exception {
        byte[] pdf = unit224Pdf(PdfRenderer.A4_LINES);

        ImportResult fromPdf = importDocument("unit-224.pdf", pdf);

        assertSameImport(fromPdf, importMarkdown224());
    }

    @Test
    void unit224AsPdfWithPageBreaksInsideCriteriaGivesTheSameFrameworkAsTheMarkdown() throws Exception {
        // Short pages (the heading and title, then 8 lines), so that page breaks, each followed by
        // the repeated heading, fall inside wrapped criteria, notes and range items, as they do
        // somewhere in most units of a real handbook.
        byte[] pdf = unit224Pdf(SHORT_PAGE_LINES);

        ImportResult fromPdf = importDocument("unit-224.pdf", pdf);

        assertSameImport(fromPdf, importMarkdown224());
    }

    @Test
    void recordingFormsAsPdfGiveTheSameUnits() throws Exception {
        // A PDF keeps no tab characters: the tab-indented boxes that mark the general recording
        // forms of Appendix 2 become plain lines, so only the units (and the framework identity,
        // which comes from the qualification line) are compared here; the DOCX test compares all.
        List<String> lines = linesOf(Samples.RECORDING_FORMS.bytes()).stream()
                .map(line -> line.replace('\t', ' '))
                .toList();
        byte[] pdf = new PdfRenderer(List.of(), PdfRenderer.A4_LINES).render(List.of(lines), WRAP_COLUMN);

        Framework fromPdf = importDocument("recording-forms.pdf", pdf).framework();
        Framework fromText = importSample(Samples.RECORDING_FORMS).framework();

        assertThat(fromPdf.units()).hasSize(19);
        assertThat(fromPdf.criteria()).hasSize(254);
        assertThat(fromPdf.id()).isEqualTo(fromText.id());
        assertThat(fromPdf.title()).isEqualTo(fromText.title());
        assertThat(fromPdf.units()).usingRecursiveComparison().isEqualTo(fromText.units());
        assertThat(fromPdf.units()).isEqualTo(fromText.units());
    }

    // ---------------------------------------------------------------- DOCX

    @Test
    void unit224AsDocxWithCriteriaAndRangeTablesGivesTheSameFrameworkAsTheMarkdown() throws Exception {
        byte[] docx = unit224Docx();

        ImportResult fromDocx = importDocument("unit-224.docx", docx);

        assertSameImport(fromDocx, importMarkdown224());
    }

    @Test
    void recordingFormsAsDocxParagraphsWithTabsGiveTheSameFrameworkAsTheText() throws Exception {
        DocxWriter docx = new DocxWriter();
        linesOf(Samples.RECORDING_FORMS.bytes()).forEach(docx::paragraph);

        ImportResult fromDocx = importDocument("recording-forms.docx", docx.toBytes());
        ImportResult fromText = importSample(Samples.RECORDING_FORMS);

        assertThat(fromDocx.framework().units()).hasSize(19);
        assertThat(fromDocx.framework().criteria()).hasSize(254);
        assertSameImport(fromDocx, fromText);
    }

    // ---------------------------------------------------------------- unreadable files

    @Test
    void aTruncatedPdfIsRefusedAsUnreadable() throws Exception {
        byte[] pdf = unit224Pdf(PdfRenderer.A4_LINES);
        byte[] firstHalf = Arrays.copyOf(pdf, pdf.length / 2);

        assertThatThrownBy(() -> importDocument("unit-224-truncated.pdf", firstHalf))
                .isInstanceOf(StandardsImportException.class)
                .hasMessageContaining("unit-224-truncated.pdf")
                .hasMessageContaining("could not be read");
    }

    @Test
    void aZipThatIsNotAWordDocumentIsRefused() throws Exception {
        byte[] zip = zipWithEntry("notes/readme.txt", "UNIT 224 (LEVEL 2 UNIT, 5 CREDITS)\nWhat you must do\n");

        assertThatThrownBy(() -> importDocument("unit-224.zip", zip))
                .isInstanceOf(StandardsImportException.class)
                .hasMessageContaining("unit-224.zip")
                .hasMessageContaining("not a Word document");
    }

    @Test
    void anEmptyFileIsRefused() {
        assertThatThrownBy(() -> importDocument("unit-224.pdf", new byte[0]))
                .isInstanceOf(StandardsImportException.class)
                .hasMessageContaining("unit-224.pdf")
                .hasMessageContaining("empty");
    }

    // ---------------------------------------------------------------- importing and comparing

    private static ImportResult importDocument(String name, byte[] content) throws StandardsImportException {
        return StandardsImporter.read(new SourceDocument(name, content));
    }

    private static ImportResult importSample(Samples sample) throws StandardsImportException {
        return importDocument(sample.fileName(), sample.bytes());
    }

    private static ImportResult importMarkdown224() throws StandardsImportException {
        return importSample(Samples.UNIT_224);
    }

    /**
     * The frameworks must be equal records; the recursive comparison runs first because its
     * failure names the fields that differ. Warnings are compared by code only: their file names
     * and line numbers differ between formats.
     */
    private static void assertSameImport(ImportResult actual, ImportResult expected) {
        assertThat(actual.framework()).usingRecursiveComparison().isEqualTo(expected.framework());
        assertThat(actual.framework()).isEqualTo(expected.framework());
        assertThat(warningCodes(actual)).isEqualTo(warningCodes(expected));
    }

    private static List<String> warningCodes(ImportResult result) {
        return result.warnings().stream().map(ImportWarning::code).toList();
    }

    // ---------------------------------------------------------------- the samples as printed lines

    private static List<String> linesOf(byte[] text) {
        return Arrays.asList(new String(text, UTF_8).split("\r?\n", -1));
    }

    /** A markdown line as it is printed: no bullets, no emphasis markers. */
    private static String withoutMarkdown(String line) {
        return line.strip().replaceFirst("^- ", "").replace("**", "");
    }

    private static List<String> unit224PrintedLines() {
        return linesOf(Samples.UNIT_224.bytes()).stream().map(PdfAndDocxLayoutTest::withoutMarkdown).toList();
    }

    /**
     * Unit 224 split into the pages of the awarding body's document: a page starts where the
     * markdown repeats the unit heading. The heading and title are left out of the page bodies,
     * since the renderer prints them at the top of every page.
     */
    private static List<List<String>> unit224Pages() {
        List<List<String>> pages = new ArrayList<>();
        List<String> page = new ArrayList<>();
        for (String line : unit224PrintedLines()) {
            if (line.equals(UNIT_224_HEADING)) {
                if (page.stream().anyMatch(l -> !l.isBlank())) {
                    pages.add(page);
                }
                page = new ArrayList<>();
            } else if (!line.equals(UNIT_224_TITLE)) {
                page.add(line);
            }
        }
        pages.add(page);
        return pages;
    }

    /** Unit 224 printed on pages of {@code linesPerPage} lines, its heading at the top of each. */
    private static byte[] unit224Pdf(int linesPerPage) throws IOException {
        return new PdfRenderer(UNIT_224_PAGE_HEADING, linesPerPage).render(unit224Pages(), WRAP_COLUMN);
    }

    /**
     * Unit 224 as a Word document: headings and prose as paragraphs (no empty paragraphs, as
     * Word spaces paragraphs by style), the "What you must do / know" criteria as code | statement
     * rows, the "What you must cover" range as number-or-letter | statement rows, and the
     * sign-off boxes as a table.
     */
    private static byte[] unit224Docx() throws IOException {
        DocxWriter docx = new DocxWriter();
        String section = "";
        for (String line : unit224PrintedLines()) {
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("What you must") || line.equals("Unit sign-off")) {
                section = line;
                docx.paragraph(line);
                continue;
            }
            Matcher criterion = CRITERION_ROW.matcher(line);
            Matcher range = RANGE_ROW.matcher(line);
            if ((section.equals("What you must do") || section.equals("What you must know")) && criterion.matches()) {
                docx.tableRow(criterion.group(1), criterion.group(2));
            } else if (section.equals("What you must cover") && range.matches()) {
                docx.tableRow(range.group(1), range.group(2));
            } else if (line.contains(TABLE_CELL_SEPARATOR)) {
                docx.tableRow(line.split(Pattern.quote(TABLE_CELL_SEPARATOR)));
            } else {
                docx.paragraph(line);
            }
        }
        return docx.toBytes();
    }

    private static byte[] zipWithEntry(String name, String content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content.getBytes(UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    /** Words of a line packed into lines of at most {@code column} characters. */
    static List<String> wrap(String line, int column) {
        if (line.length() <= column) {
            return List.of(line);
        }
        List<String> wrapped = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String word : line.split(" ")) {
            if (current.length() > 0 && current.length() + 1 + word.length() > column) {
                wrapped.add(current.toString());
                current.setLength(0);
            }
            if (current.length() > 0) {
                current.append(' ');
            }
            current.append(word);
        }
        wrapped.add(current.toString());
        return wrapped;
    }

    // ---------------------------------------------------------------- writers

    /**
     * Prints lines on A4 pages in Helvetica, one text line per line slot, with a heading at the
     * top of every page; a page that is full continues on a new page under the same heading.
     */
    private static final class PdfRenderer {

        static final int A4_LINES = 52;
        private static final float FONT_SIZE = 10;
        private static final float LEADING = 14;
        private static final float MARGIN = 56;

        private final List<String> pageHeading;
        private final int linesPerPage;
        private final PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        private PDDocument document;
        private PDPageContentStream content;
        private int linesOnPage;

        PdfRenderer(List<String> pageHeading, int linesPerPage) {
            this.pageHeading = pageHeading;
            this.linesPerPage = linesPerPage;
        }

        /** Each list starts a new page; lines longer than {@code wrapColumn} are wrapped. */
        byte[] render(List<List<String>> pages, int wrapColumn) throws IOException {
            try (PDDocument pdf = new PDDocument()) {
                document = pdf;
                for (List<String> page : pages) {
                    startPage();
                    for (String line : page) {
                        for (String printed : wrap(line, wrapColumn)) {
                            printLine(printed);
                        }
                    }
                }
                content.close();
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                pdf.save(out);
                return out.toByteArray();
            }
        }

        private void startPage() throws IOException {
            if (content != null) {
                content.close();
            }
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            content = new PDPageContentStream(document, page);
            linesOnPage = 0;
            for (String heading : pageHeading) {
                printLine(heading);
            }
        }

        private void printLine(String text) throws IOException {
            if (linesOnPage == linesPerPage) {
                startPage();
            }
            if (!text.isBlank()) {
                float top = PDRectangle.A4.getHeight() - MARGIN;
                content.beginText();
                content.setFont(font, FONT_SIZE);
                content.newLineAtOffset(MARGIN, top - linesOnPage * LEADING);
                content.showText(encodable(text));
                content.endText();
            }
            linesOnPage++;
        }

        /** Helvetica's WinAnsiEncoding has no glyph for some characters: those print as '?'. */
        private String encodable(String text) throws IOException {
            StringBuilder sb = new StringBuilder(text.length());
            for (int i = 0; i < text.length(); ) {
                int codePoint = text.codePointAt(i);
                String character = new String(Character.toChars(codePoint));
                sb.append(canEncode(character) ? character : "?");
                i += Character.charCount(codePoint);
            }
            return sb.toString();
        }

        private boolean canEncode(String character) throws IOException {
            try {
                font.encode(character);
                return true;
            } catch (IllegalArgumentException noGlyph) {
                return false;
            }
        }
    }

    /** Builds a Word document of paragraphs and tables; consecutive rows form one table. */
    private static final class DocxWriter {

        private final XWPFDocument document = new XWPFDocument();
        private final List<String[]> pendingRows = new ArrayList<>();

        /** A paragraph; tab characters become Word tabs. */
        void paragraph(String text) {
            flushTable();
            XWPFParagraph paragraph = document.createParagraph();
            String[] parts = text.split("\t", -1);
            for (int i = 0; i < parts.length; i++) {
                if (i > 0) {
                    paragraph.createRun().addTab();
                }
                if (!parts[i].isEmpty()) {
                    paragraph.createRun().setText(parts[i]);
                }
            }
        }

        void tableRow(String... cells) {
            pendingRows.add(cells);
        }

        byte[] toBytes() throws IOException {
            flushTable();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (document) {
                document.write(out);
            }
            return out.toByteArray();
        }

        private void flushTable() {
            if (pendingRows.isEmpty()) {
                return;
            }
            int columns = pendingRows.stream().mapToInt(row -> row.length).max().orElseThrow();
            XWPFTable table = document.createTable(pendingRows.size(), columns);
            for (int r = 0; r < pendingRows.size(); r++) {
                String[] cells = pendingRows.get(r);
                for (int c = 0; c < cells.length; c++) {
                    table.getRow(r).getCell(c).setText(cells[c]);
                }
            }
            pendingRows.clear();
        }
    }
}
