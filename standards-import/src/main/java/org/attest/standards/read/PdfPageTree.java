package org.attest.standards.read;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.attest.standards.StandardsImportException;

/**
 * Walks a PDF's page tree without recursion, before PDFBox does (recursively) to extract text: a
 * tree nested deeper than the limit, or with more pages than the limit, is refused with a message.
 * The declared /Count is checked first, so a huge document is refused without walking it at all.
 */
final class PdfPageTree {

    private record Node(COSDictionary dictionary, int depth) {
    }

    private PdfPageTree() {
    }

    /** @return the number of pages */
    static int check(PDDocument pdf, String name, DocumentLimits limits) throws StandardsImportException {
        COSBase pages = pdf.getDocumentCatalog().getCOSObject().getDictionaryObject(COSName.PAGES);
        if (!(pages instanceof COSDictionary root)) {
            throw new StandardsImportException(name, 0, "the PDF has no pages (its catalog has no page tree); is it complete?");
        }
        int declared = root.getInt(COSName.COUNT, 0);
        if (declared > limits.maxPdfPages()) {
            throw tooManyPages(name, "declares " + declared + " pages", limits);
        }
        // A tree of N pages needs far fewer than 4N page tree nodes; more is a file built to keep a reader busy.
        long maxNodes = 4L * limits.maxPdfPages() + limits.maxPageTreeDepth();
        Set<COSDictionary> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Node> toVisit = new ArrayDeque<>();
        toVisit.push(new Node(root, 1));
        int leaves = 0;
        while (!toVisit.isEmpty()) {
            Node node = toVisit.pop();
            if (!seen.add(node.dictionary())) {
                continue; // a page tree node listed twice, or a loop: PDFBox skips these too
            }
            if (node.depth() > limits.maxPageTreeDepth()) {
                throw new StandardsImportException(name, 0, "the PDF's page tree is nested more than " + limits.maxPageTreeDepth()
                        + " levels deep (real documents need fewer than 10), so it is not read; save the document "
                        + "again as PDF from its original program, or import its text");
            }
            if (seen.size() > maxNodes) {
                throw tooManyPages(name, "has a page tree of more than " + maxNodes + " nodes", limits);
            }
            COSArray kids = node.dictionary().getCOSArray(COSName.KIDS);
            boolean isPageTreeNode = COSName.PAGES.equals(node.dictionary().getCOSName(COSName.TYPE)) || kids != null;
            if (!isPageTreeNode) {
                if (++leaves > limits.maxPdfPages()) {
                    throw tooManyPages(name, "has more than " + limits.maxPdfPages() + " pages", limits);
                }
                continue;
            }
            if (kids == null) {
                continue;
            }
            for (int i = kids.size() - 1; i >= 0; i--) {
                if (kids.getObject(i) instanceof COSDictionary kid) {
                    toVisit.push(new Node(kid, node.depth() + 1));
                }
            }
        }
        return leaves;
    }

    private static StandardsImportException tooManyPages(String name, String what, DocumentLimits limits) {
        return new StandardsImportException(name, 0, "the PDF " + what + "; unit documents over " + limits.maxPdfPages()
                + " pages are refused before their text is read. Import the pages of the units you need (print them to a "
                + "new PDF), or raise the limit with --max-pages");
    }
}
