package org.attest.standards;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;

/** PDFs built to hurt a reader, made here from PDFBox objects so that no such file is kept in the repository. */
public final class HostilePdfs {

    private HostilePdfs() {
    }

    /** {@code pages} blank pages under one page tree node that declares {@code declaredCount} pages. */
    public static byte[] pages(int pages, int declaredCount) throws IOException {
        COSArray kids = new COSArray();
        for (int i = 0; i < pages; i++) {
            kids.add(new PDPage().getCOSObject());
        }
        return withPageTree(node(kids, declaredCount));
    }

    /** One blank page at the bottom of a chain of {@code depth} page tree nodes. */
    public static byte[] nestedPageTree(int depth) throws IOException {
        try (PDDocument pdf = new PDDocument()) {
            // Built from the top down, inside the document: PDFBox walks a subtree recursively when it is attached.
            COSDictionary node = node(new COSArray(), 1);
            pdf.getDocumentCatalog().getCOSObject().setItem(COSName.PAGES, node);
            for (int i = 1; i < depth; i++) {
                COSDictionary child = node(new COSArray(), 1);
                node.getCOSArray(COSName.KIDS).add(child);
                node = child;
            }
            node.getCOSArray(COSName.KIDS).add(new PDPage().getCOSObject());
            return saved(pdf);
        }
    }

    private static COSDictionary node(COSArray kids, int count) {
        COSDictionary node = new COSDictionary();
        node.setItem(COSName.TYPE, COSName.PAGES);
        node.setItem(COSName.KIDS, kids);
        node.setInt(COSName.COUNT, count);
        return node;
    }

    private static byte[] withPageTree(COSDictionary root) throws IOException {
        try (PDDocument pdf = new PDDocument()) {
            pdf.getDocumentCatalog().getCOSObject().setItem(COSName.PAGES, root);
            return saved(pdf);
        }
    }

    private static byte[] saved(PDDocument pdf) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        pdf.save(out, CompressParameters.NO_COMPRESSION);
        return out.toByteArray();
    }
}
