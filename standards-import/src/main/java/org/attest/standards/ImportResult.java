package org.attest.standards;

import java.util.List;

/** A framework read from one or more documents, with what the admin should check. */
public record ImportResult(Framework framework, List<ImportWarning> warnings) {

    public ImportResult {
        warnings = List.copyOf(warnings);
    }
}
