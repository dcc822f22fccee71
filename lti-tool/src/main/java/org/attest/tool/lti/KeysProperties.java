package org.attest.tool.lti;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The key-encryption key (KEK) that seals the tool's private keys in the database (docs/configuration.md, "Keys at
 * rest"). Each key is 32 random bytes in base64 ({@code openssl rand -base64 32}).
 *
 * @param encryptionKey the KEK itself, usually from the environment ({@code ATTEST_KEYS_ENCRYPTION_KEY})
 * @param encryptionKeyFile a file holding the KEK (a mounted secret); set this or {@code encryptionKey}, not both
 * @param previousEncryptionKeys KEKs replaced by the current one: rows sealed with them are re-sealed at start
 * @param previousEncryptionKeyFiles files holding previous KEKs
 * @param generatedEncryptionKeyFile outside the {@code prod} profile, where a KEK is generated on first start when
 *     none is configured (and read again on later starts)
 */
@ConfigurationProperties("attest.keys")
record KeysProperties(
        String encryptionKey,
        Path encryptionKeyFile,
        @DefaultValue List<String> previousEncryptionKeys,
        @DefaultValue List<Path> previousEncryptionKeyFiles,
        @DefaultValue("./data/key-encryption-key") Path generatedEncryptionKeyFile) {

    static final String ENCRYPTION_KEY = "attest.keys.encryption-key";
    static final String ENCRYPTION_KEY_FILE = "attest.keys.encryption-key-file";
    static final String PREVIOUS_ENCRYPTION_KEYS = "attest.keys.previous-encryption-keys";
    static final String PREVIOUS_ENCRYPTION_KEY_FILES = "attest.keys.previous-encryption-key-files";

    boolean configured() {
        return (encryptionKey != null && !encryptionKey.isBlank()) || encryptionKeyFile != null;
    }
}
