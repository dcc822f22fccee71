package org.attest.standards.read;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.attest.standards.StandardsImportException;

/**
 * The text of a document as numbered lines, whatever it came as: plain text or markdown (UTF-8,
 * or Windows-1252 when it is not valid UTF-8), PDF (PDFBox) or DOCX (Apache POI, tables row by
 * row). The format is recognised from the content's first bytes.
 */
final class DocumentText {

    /** Refuse documents larger than any unit specification could be, before parsing them. */
    static final int MAX_BYTES = 50 * 1024 * 1024;
    static final int MAX_LINES = 200_000;

    enum Format { TEXT, PDF, DOCX, JSON }

    private final String name;
    private final Format format;
    private final List<TextLine> lines;
    private String lowerCaseText;

    private DocumentText(String name, Format format, List<TextLine> lines) {
        this.name = name;
        this.format = format;
        this.lines = lines;
    }

    String name() {
        return name;
    }

    Format format() {
        return format;
    }

    List<TextLine> lines() {
        return lines;
    }

    /** The whole cleaned text in lower case, for recognising layouts; built once. */
    String lowerCaseText() {
        if (lowerCaseText == null) {
            StringBuilder sb = new StringBuilder();
            for (TextLine l : lines) {
                sb.append(l.text()).append('\n');
            }
            lowerCaseText = sb.toString().toLowerCase(java.util.Locale.ROOT);
        }
        return lowerCaseText;
    }

    static Format detect(byte[] content) {
        if (startsWith(content, "%PDF-")) {
            return Format.PDF;
        }
        if (startsWith(content, "PK\u0003\u0004")) {
            return Format.DOCX;
        }
        for (byte b : content) {
            if (b == '{') {
                return Format.JSON;
            }
            if (!(b == ' ' || b == '\n' || b == '\r' || b == '\t' || b == (byte) 0xEF || b == (byte) 0xBB || b == (byte) 0xBF)) {
                break;
            }
        }
        return Format.TEXT;
    }

    /** Refuses empty and oversized documents before anything parses them. */
    static Format checkedFormat(SourceDocument doc) throws StandardsImportException {
        byte[] content = doc.content();
        if (content.length == 0) {
            throw new StandardsImportException(doc.name(), 0, "the document is empty");
        }
        if (content.length > MAX_BYTES) {
            throw new StandardsImportException(doc.name(), 0, "the document is " + content.length / (1024 * 1024)
                    + " MB; unit documents over " + MAX_BYTES / (1024 * 1024) + " MB are refused");
        }
        return detect(content);
    }

    /** The text of a PDF, DOCX or text document; JSON goes to the CASE reader instead. */
    static DocumentText read(SourceDocument doc) throws StandardsImportException {
        return read(doc, DocumentLimits.defaults());
    }

    static DocumentText read(SourceDocument doc, DocumentLimits limits) throws StandardsImportException {
        Format format = checkedFormat(doc);
        String text = switch (format) {
            case PDF -> pdfText(doc, limits);
            case DOCX -> docxText(doc);
            case TEXT, JSON -> decode(doc.content());
        };
        return new DocumentText(doc.name(), format, toLines(doc.name(), text));
    }

    static String decode(byte[] content) {
        int offset = startsWith(content, "\u00EF\u00BB\u00BF") ? 3 : 0;
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content, offset, content.length - offset))
                    .toString();
        } catch (CharacterCodingException notUtf8) {
            return new String(content, offset, content.length - offset, Charset.forName("windows-1252"));
        }
    }

    private static List<TextLine> toLines(String name, String text) throws StandardsImportException {
        String[] raw = text.split("\r\n|\r|\n", -1);
        if (raw.length > MAX_LINES) {
            throw new StandardsImportException(name, 0, "the document has " + raw.length
                    + " lines; unit documents over " + MAX_LINES + " lines are refused");
        }
        List<TextLine> lines = new ArrayList<>(raw.length);
        for (int i = 0; i < raw.length; i++) {
            String r = raw[i].replace('\f', ' ');
            lines.add(new TextLine(i + 1, r, TextCleaner.clean(r)));
        }
        return List.copyOf(lines);
    }

    private static String pdfText(SourceDocument doc, DocumentLimits limits) throws StandardsImportException {
        try (PDDocument pdf = Loader.loadPDF(doc.content())) {
            if (pdf.isEncrypted()) {
                throw new StandardsImportException(doc.name(), 0,
                        "the PDF is encrypted; save an unprotected copy from the awarding body's site and import that");
            }
            PdfPageTree.check(pdf, doc.name(), limits);
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            stripper.setParagraphEnd("\n");
            return stripper.getText(pdf);
        } catch (IOException | RuntimeException e) {
            throw new StandardsImportException(doc.name(), "the file starts like a PDF but could not be read as one ("
                    + e.getMessage() + "); is it complete?", e);
        } catch (StackOverflowError e) {
            // PDFBox parses nested objects recursively; a file nested deeper than any real one ends up here.
            throw new StandardsImportException(doc.name(), "the PDF's objects are nested too deeply to read; save the document "
                    + "again as PDF from its original program, or import its text", e);
        }
    }

    private static String docxText(SourceDocument doc) throws StandardsImportException {
        if (!zipHasEntry(doc.content(), "word/document.xml")) {
            throw new StandardsImportException(doc.name(), 0,
                    "the file is a ZIP archive but not a Word document (no word/document.xml); import the DOCX, PDF or text of the unit");
        }
        try (XWPFDocument docx = new XWPFDocument(new ByteArrayInputStream(doc.content()))) {
            StringBuilder sb = new StringBuilder();
            for (IBodyElement element : docx.getBodyElements()) {
                appendBodyElement(sb, element);
            }
            return sb.toString();
        } catch (IOException | RuntimeException e) {
            throw new StandardsImportException(doc.name(), "the Word document could not be read (" + e.getMessage()
                    + "); open it in Word and save it again as .docx", e);
        }
    }

    private static void appendBodyElement(StringBuilder sb, IBodyElement element) {
        if (element instanceof XWPFParagraph p) {
            sb.append(p.getText()).append('\n');
        } else if (element instanceof XWPFTable table) {
            // A row's cells share a line, tab-separated, as "1 | You must provide ..." reads in the printed table;
            // paragraphs inside a cell stay on lines of their own.
            for (XWPFTableRow row : table.getRows()) {
                List<XWPFTableCell> cells = row.getTableCells();
                for (int i = 0; i < cells.size(); i++) {
                    if (i > 0) {
                        sb.setLength(sb.length() - 1); // the previous cell's last newline
                        sb.append('\t');
                    }
                    StringBuilder cell = new StringBuilder();
                    for (IBodyElement inner : cells.get(i).getBodyElements()) {
                        appendBodyElement(cell, inner);
                    }
                    sb.append(cell.length() == 0 ? "\n" : cell);
                }
                sb.append('\n');
            }
        }
    }

    private static boolean zipHasEntry(byte[] content, String entryName) {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(content))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().equals(entryName)) {
                    return true;
                }
            }
            return false;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean startsWith(byte[] content, String prefix) {
        if (content.length < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (content[i] != (byte) prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
