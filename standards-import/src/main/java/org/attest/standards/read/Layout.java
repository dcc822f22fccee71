package org.attest.standards.read;

import org.attest.standards.StandardsImportException;

/** One document layout Attest can read; chosen by what the text contains. */
interface Layout {

    /** A name an admin recognises, listed when no layout fits. */
    String description();

    boolean recognises(DocumentText text);

    DocumentContent read(DocumentText text, ImportOptions options, Warnings warnings) throws StandardsImportException;
}
