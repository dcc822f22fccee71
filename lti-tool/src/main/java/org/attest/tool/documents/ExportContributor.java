package org.attest.tool.documents;

import java.io.OutputStream;
import java.util.List;
import java.util.UUID;
import org.attest.tool.lti.LtiPrincipal;

/**
 * A module's documents for a learner unit's export (docs/recording-documents.md, "Portfolio export"): a module that
 * keeps records of a learner unit (assessment plans, observation records, witness records...) implements this as a
 * Spring bean, and every export of the unit then holds its files, listed in the index and the manifest with their
 * SHA-256 like the rest.
 * <p>The export has already checked that the user may read the portfolio; a contributor answers only what this user
 * may see of its own records.
 */
public interface ExportContributor {

    /**
     * The files this module adds for the learner unit, in the order they go into the ZIP; none when it has nothing.
     * Called before the first byte of the export is written, so a refusal here still refuses the whole export.
     */
    List<ExportFile> files(LtiPrincipal user, UUID learnerUnitId);

    /**
     * One file: its path in the unit's folder ({@code "records/observation-1.pdf"}, made safe by the export whatever
     * it holds), a line for the index saying what it is, and how to write its bytes, as they are produced.
     */
    record ExportFile(String path, String description, Writer writer) {
    }

    /** Writes a file's bytes to the export; must not close {@code out}. */
    @FunctionalInterface
    interface Writer {
        void writeTo(OutputStream out) throws java.io.IOException;
    }
}
