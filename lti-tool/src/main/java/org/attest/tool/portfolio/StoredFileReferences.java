package org.attest.tool.portfolio;

/**
 * Implemented by a module that keeps evidence file keys ({@code storageKey}s from {@link AssessorEvidence}) in tables of
 * its own, so the sweep of files no row refers to leaves them alone.
 */
public interface StoredFileReferences {

    /** Whether a row of this module still refers to the file stored under the key. */
    boolean references(String storageKey);
}
