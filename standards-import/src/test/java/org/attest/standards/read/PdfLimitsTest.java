package org.attest.standards.read;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.attest.standards.HostilePdfs;
import org.attest.standards.StandardsImportException;
import org.junit.jupiter.api.Test;

/**
 * PDFs too large or too deeply nested to read are refused from their page tree, before any text is
 * extracted: with a message, never a StackOverflowError or minutes spent extracting.
 */
class PdfLimitsTest {

    @Test
    void aPdfDeclaringTwoHundredThousandPagesIsRefusedFromItsPageCount() throws Exception {
        byte[] pdf = HostilePdfs.pages(1, 200_000);

        assertThatThrownBy(() -> StandardsImporter.read(new SourceDocument("huge.pdf", pdf)))
                .isInstanceOf(StandardsImportException.class)
                .hasMessageContaining("huge.pdf: the PDF declares 200000 pages; unit documents over 2000 pages are refused");
    }

    @Test
    void aPdfWithMorePagesThanItDeclaresIsRefusedWhenTheTreeIsWalked() throws Exception {
        byte[] pdf = HostilePdfs.pages(2_001, 1);

        assertThatThrownBy(() -> StandardsImporter.read(new SourceDocument("lying.pdf", pdf)))
                .isInstanceOf(StandardsImportException.class)
                .hasMessageContaining("lying.pdf: the PDF has more than 2000 pages");
    }

    @Test
    void thePageLimitIsConfigurable() throws Exception {
        byte[] pdf = HostilePdfs.pages(11, 11);

        assertThatThrownBy(() -> new StandardsImporter(ImportOptions.defaults(), new DocumentLimits(10, 100))
                .importDocuments(java.util.List.of(new SourceDocument("eleven.pdf", pdf))))
                .isInstanceOf(StandardsImportException.class)
                .hasMessageContaining("declares 11 pages; unit documents over 10 pages are refused");
    }

    @Test
    void aPageTreeTwentyThousandLevelsDeepIsRefusedWithoutAStackOverflow() throws Exception {
        byte[] pdf = HostilePdfs.nestedPageTree(20_000);

        assertThatThrownBy(() -> StandardsImporter.read(new SourceDocument("deep.pdf", pdf)))
                .isInstanceOf(StandardsImportException.class)
                .hasMessageContaining("deep.pdf: the PDF's page tree is nested more than 100 levels deep");
    }
}
