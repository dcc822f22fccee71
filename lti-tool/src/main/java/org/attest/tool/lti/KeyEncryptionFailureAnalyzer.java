package org.attest.tool.lti;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints why the tool's keys could not be used as the start's failure report, instead of a long stack trace. */
class KeyEncryptionFailureAnalyzer extends AbstractFailureAnalyzer<KeyEncryptionException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, KeyEncryptionException cause) {
        return new FailureAnalysis(cause.getMessage(), "See \"Keys at rest\" in docs/operations.md and docs/configuration.md.",
                cause);
    }
}
