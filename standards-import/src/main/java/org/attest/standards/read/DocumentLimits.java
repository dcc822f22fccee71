package org.attest.standards.read;

/**
 * How much of a document the importer is willing to read, checked before any text is extracted, so
 * that a hostile file is refused with a message instead of exhausting memory, time or the stack.
 *
 * @param maxPdfPages PDFs with more pages are refused from their page tree, before extraction (a unit
 *     handbook has tens of pages, a whole qualification a few hundred)
 * @param maxPageTreeDepth PDFs whose page tree nests deeper are refused (real files nest fewer than 10 levels)
 */
public record DocumentLimits(int maxPdfPages, int maxPageTreeDepth) {

    public static final int DEFAULT_MAX_PDF_PAGES = 2_000;
    public static final int DEFAULT_MAX_PAGE_TREE_DEPTH = 100;

    public DocumentLimits {
        if (maxPdfPages < 1 || maxPageTreeDepth < 1) {
            throw new IllegalArgumentException("the page limit and the page tree depth limit must be at least 1; were "
                    + maxPdfPages + " and " + maxPageTreeDepth);
        }
    }

    public static DocumentLimits defaults() {
        return new DocumentLimits(DEFAULT_MAX_PDF_PAGES, DEFAULT_MAX_PAGE_TREE_DEPTH);
    }
}
