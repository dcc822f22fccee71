package org.attest.tool.lti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the key-encryption key comes from: settings, a file, or, outside prod only, one generated on first start. */
class KeyEncryptionKeysTest {

    private static final String KEK = "aQ0bMjf0vOWL3FReNDz7Ky6azPtP6Nn5BIXHeb9Lh5c=";

    @TempDir Path data;

    @Test
    void withNoKeyConfiguredOutsideProdOneIsGeneratedReadableByItsOwnerOnlyAndReusedOnTheNextStart() throws Exception {
        Path file = data.resolve("data/key-encryption-key");

        KeyEncryption first = KeyEncryptionKeys.from(settings(null, null, file), false);
        KeyEncryption second = KeyEncryptionKeys.from(settings(null, null, file), false);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(second.currentId()).isEqualTo(first.currentId());
        assertThat(second.open(first.currentId(), "TOOL", "k1", first.seal("TOOL", "k1", "{}"))).isEqualTo("{}");
    }

    @Test
    void prodWithNoKeyConfiguredRefusesNamingTheSettingAndGeneratesNothing() {
        Path file = data.resolve("key-encryption-key");

        assertThatThrownBy(() -> KeyEncryptionKeys.from(settings(null, null, file), true))
                .hasMessageContaining("The prod profile needs a key-encryption key")
                .hasMessageContaining("attest.keys.encryption-key-file").hasMessageContaining("ATTEST_KEYS_ENCRYPTION_KEY");
        assertThat(file).doesNotExist();
    }

    @Test
    void aKeyFromAFileOrTheEnvironmentIsTheSameKey() throws Exception {
        Path file = Files.writeString(data.resolve("kek"), KEK + "\n");

        assertThat(KeyEncryptionKeys.from(settings(null, file, null), true).currentId())
                .isEqualTo(KeyEncryptionKeys.from(settings(KEK, null, null), true).currentId());
    }

    @Test
    void aKeyThatIsNot32BytesOfBase64IsRefusedNamingTheSetting() throws Exception {
        Path shortKey = Files.writeString(data.resolve("short"), "c2hvcnQ=");

        assertThatThrownBy(() -> KeyEncryptionKeys.from(settings(null, shortKey, null), true))
                .hasMessageContaining("attest.keys.encryption-key-file (" + shortKey + ") holds 5 bytes");
        assertThatThrownBy(() -> KeyEncryptionKeys.from(settings("not base64!", null, null), true))
                .hasMessageContaining("attest.keys.encryption-key is not base64");
        assertThatThrownBy(() -> KeyEncryptionKeys.from(settings(null, data.resolve("missing"), null), true))
                .hasMessageContaining("attest.keys.encryption-key-file names " + data.resolve("missing") + ", which cannot be read");
    }

    @Test
    void bothTheKeyAndTheKeyFileSetIsRefused() throws Exception {
        Path file = Files.writeString(data.resolve("kek"), KEK);

        assertThatThrownBy(() -> KeyEncryptionKeys.from(settings(KEK, file, null), true))
                .hasMessageContaining("Both attest.keys.encryption-key and attest.keys.encryption-key-file are set");
    }

    private static KeysProperties settings(String key, Path file, Path generated) {
        return new KeysProperties(key, file, List.of(), List.of(), generated);
    }
}
