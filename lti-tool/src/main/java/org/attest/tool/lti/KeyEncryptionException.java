package org.attest.tool.lti;

/**
 * The tool's private keys cannot be used as stored: no or a wrong key-encryption key, or a row that was changed. Its
 * message says which and what to do; Attest does not start ({@link KeyEncryptionFailureAnalyzer} prints it).
 */
class KeyEncryptionException extends IllegalStateException {

    KeyEncryptionException(String message) {
        super(message);
    }

    KeyEncryptionException(String message, Throwable cause) {
        super(message, cause);
    }
}
