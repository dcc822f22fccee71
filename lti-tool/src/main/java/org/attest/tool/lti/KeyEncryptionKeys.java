package org.attest.tool.lti;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the key-encryption key comes from: {@code attest.keys.encryption-key-file} or
 * {@code attest.keys.encryption-key} ({@code ATTEST_KEYS_ENCRYPTION_KEY}); outside the {@code prod} profile, when
 * neither is set, a key generated on first start into {@code attest.keys.generated-encryption-key-file} (mode 600),
 * so the embedded default starts with no setup. In {@code prod}, no configured key means no start.
 */
final class KeyEncryptionKeys {

    private static final Logger log = LoggerFactory.getLogger(KeyEncryptionKeys.class);

    private KeyEncryptionKeys() {
    }

    static KeyEncryption from(KeysProperties settings, boolean prod) {
        boolean inline = settings.encryptionKey() != null && !settings.encryptionKey().isBlank();
        if (inline && settings.encryptionKeyFile() != null) {
            throw new KeyEncryptionException("Both " + KeysProperties.ENCRYPTION_KEY + " and " + KeysProperties.ENCRYPTION_KEY_FILE
                    + " are set: set only one, so it is clear which key-encryption key seals the tool's keys");
        }
        byte[] current;
        if (inline) {
            current = decode(settings.encryptionKey(), KeysProperties.ENCRYPTION_KEY);
        } else if (settings.encryptionKeyFile() != null) {
            current = read(settings.encryptionKeyFile(), KeysProperties.ENCRYPTION_KEY_FILE);
        } else if (prod) {
            throw new KeyEncryptionException("The prod profile needs a key-encryption key for the tool's private keys: set "
                    + KeysProperties.ENCRYPTION_KEY_FILE + " to a file holding 32 random bytes in base64 (openssl rand -base64 32 > "
                    + "attest-kek; chmod 600 attest-kek), or the environment variable ATTEST_KEYS_ENCRYPTION_KEY. "
                    + "Keep a copy apart from the database backups: without it they cannot be used (docs/operations.md).");
        } else {
            current = generatedOrRead(settings.generatedEncryptionKeyFile());
        }
        List<byte[]> previous = new ArrayList<>();
        for (String key : settings.previousEncryptionKeys()) {
            previous.add(decode(key, KeysProperties.PREVIOUS_ENCRYPTION_KEYS));
        }
        for (Path file : settings.previousEncryptionKeyFiles()) {
            previous.add(read(file, KeysProperties.PREVIOUS_ENCRYPTION_KEY_FILES));
        }
        return new KeyEncryption(current, previous);
    }

    private static byte[] read(Path file, String setting) {
        try {
            return decode(Files.readString(file, StandardCharsets.US_ASCII), setting + " (" + file + ")");
        } catch (IOException e) {
            throw new KeyEncryptionException(setting + " names " + file.toAbsolutePath() + ", which cannot be read ("
                    + e.getMessage() + "); it must be a file holding 32 random bytes in base64", e);
        }
    }

    private static byte[] decode(String base64, String where) {
        byte[] key;
        try {
            String text = base64.strip();
            key = text.indexOf('-') >= 0 || text.indexOf('_') >= 0 ? Base64.getUrlDecoder().decode(text)
                    : Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new KeyEncryptionException(where + " is not base64; it must hold 32 random bytes in base64, such as the "
                    + "output of openssl rand -base64 32");
        }
        if (key.length != KeyEncryption.KEY_BYTES) {
            throw new KeyEncryptionException(where + " holds " + key.length + " bytes; a key-encryption key is "
                    + KeyEncryption.KEY_BYTES + " random bytes in base64 (openssl rand -base64 32)");
        }
        return key;
    }

    private static byte[] generatedOrRead(Path file) {
        if (Files.exists(file)) {
            log.info("Tool keys are encrypted with the key-encryption key generated in {}", file.toAbsolutePath());
            return read(file, "the generated key-encryption key");
        }
        byte[] key = new byte[KeyEncryption.KEY_BYTES];
        new SecureRandom().nextBytes(key);
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path written = ownerOnlyTempFile(dir);
            Files.writeString(written, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
            try {
                Files.move(written, file);
            } catch (FileAlreadyExistsException e) {
                Files.deleteIfExists(written); // another process on this machine made it first: use theirs
                return read(file, "the generated key-encryption key");
            }
        } catch (IOException e) {
            throw new KeyEncryptionException("No key-encryption key is configured and none could be generated in "
                    + file.toAbsolutePath() + " (" + e.getMessage() + "); set " + KeysProperties.ENCRYPTION_KEY_FILE, e);
        }
        log.warn("Generated a key-encryption key in {} (readable by this user only): it encrypts the tool's private keys "
                + "in the database, which cannot be used without it, so back it up apart from the database. In production "
                + "set {} instead (docs/operations.md, \"Keys at rest\").", file.toAbsolutePath(), KeysProperties.ENCRYPTION_KEY_FILE);
        return key;
    }

    private static Path ownerOnlyTempFile(Path dir) throws IOException {
        try {
            return Files.createTempFile(dir, ".key-encryption-key", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) { // not POSIX (Windows): the file inherits the folder's access list
            return Files.createTempFile(dir, ".key-encryption-key", ".tmp");
        }
    }
}
