package org.attest.tool.portfolio.internal.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.util.unit.DataSize;

/**
 * Receives evidence uploads: streams each to a temporary file while counting and hashing it, refuses what
 * is too large, empty, of a type not accepted or not what its name says, and only then stores it under a
 * generated key. A refused or broken upload leaves nothing behind.
 */
@Service
public class EvidenceFiles {

    private static final Logger log = LoggerFactory.getLogger(EvidenceFiles.class);
    private static final int BUFFER_BYTES = 64 * 1024;
    // An upload still in .incoming after this long was cut off by a crash or a restart.
    private static final Duration ABANDONED_AFTER = Duration.ofDays(1);

    private final FileStore store;
    private final DataSize maxSize;
    private final Path incoming;
    private final FileTypes types;
    private final Clock clock;

    EvidenceFiles(FileStore store, FileProperties properties, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.maxSize = properties.maxSize();
        // Beside the stored files, so the store's final move is a rename on the same filesystem.
        this.incoming = properties.directory().toAbsolutePath().normalize().resolve(".incoming");
        this.types = new FileTypes(properties.allowedTypes());
        removeAbandonedUploads();
    }

    /**
     * Stores one upload. Reads {@code content} to its end (or until it is too large) and does not close it.
     *
     * @param originalName the name the browser sent; only its safe form is kept, as a display name
     * @param declaredContentType the type the browser sent; not trusted, the bytes decide
     * @throws UploadRejected when the file is refused or the upload broke off; nothing is stored then
     * @throws UncheckedIOException when Attest cannot write the file; nothing is stored then either
     */
    public StoredFile store(String originalName, String declaredContentType, InputStream content) {
        String safeName = SafeFileName.of(originalName);
        if (SafeFileName.hasControlCharacters(originalName)) {
            throw new UploadRejected(UploadRejected.Reason.NAME_NOT_ALLOWED, "the name of " + safeName + " contains a control "
                    + "character (such as NUL or a line break), which no ordinary file name has; nothing was saved. "
                    + "Rename the file and upload it again");
        }
        Path temporary = null;
        try {
            Files.createDirectories(incoming);
            temporary = Files.createTempFile(incoming, "upload-", ".part");
            Received received = receive(content, temporary, safeName);
            if (received.size() == 0) {
                throw new UploadRejected(UploadRejected.Reason.EMPTY, safeName
                        + " is empty; check that it is the file you meant and upload it again");
            }
            String contentType = types.sniff(temporary, safeName);
            if (declaredContentType != null && !declaredContentType.startsWith(contentType)) {
                log.debug("{} was sent as {} and stored as {}", safeName, declaredContentType, contentType);
            }
            String key = FileStore.newKey();
            store.put(key, temporary);
            return new StoredFile(key, SafeFileName.withExtension(safeName, FileTypes.extensionFor(contentType)),
                    contentType, received.size(), received.sha256());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store the upload of " + safeName, e);
        } finally {
            deleteQuietly(temporary);
        }
    }

    /** The bytes stored under a key from {@link StoredFile#storageKey()}; the caller closes the stream. */
    public InputStream open(String storageKey) {
        try {
            return store.open(storageKey);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not open evidence file " + storageKey, e);
        }
    }

    /** Deletes a stored file; deleting one that is already gone does nothing. */
    public void delete(String storageKey) {
        try {
            store.delete(storageKey);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete evidence file " + storageKey, e);
        }
    }

    /** The largest file {@link #store} accepts, for upload forms to show. */
    public DataSize maxSize() {
        return maxSize;
    }

    private record Received(long size, String sha256) {
    }

    private Received receive(InputStream content, Path temporary, String safeName) throws IOException {
        MessageDigest sha256 = sha256();
        byte[] buffer = new byte[BUFFER_BYTES];
        long size = 0;
        try (OutputStream out = Files.newOutputStream(temporary)) {
            while (true) {
                int read;
                try {
                    read = content.read(buffer);
                } catch (IOException e) {
                    // The client's side failed (connection dropped, request cancelled), not our disk.
                    throw new UploadRejected(UploadRejected.Reason.INTERRUPTED, "the upload of " + safeName
                            + " was interrupted; nothing was saved, please try again", e);
                }
                if (read < 0) {
                    return new Received(size, HexFormat.of().formatHex(sha256.digest()));
                }
                size += read;
                if (size > maxSize.toBytes()) {
                    throw new UploadRejected(UploadRejected.Reason.TOO_LARGE, safeName + " is larger than the "
                            + readable(maxSize) + " limit; compress it or split it into smaller files");
                }
                sha256.update(buffer, 0, read);
                out.write(buffer, 0, read);
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    static String readable(DataSize size) {
        long bytes = size.toBytes();
        if (bytes % DataSize.ofMegabytes(1).toBytes() == 0) {
            return size.toMegabytes() + " MB";
        }
        if (bytes % DataSize.ofKilobytes(1).toBytes() == 0) {
            return size.toKilobytes() + " KB";
        }
        return bytes + (bytes == 1 ? " byte" : " bytes");
    }

    private void removeAbandonedUploads() {
        if (!Files.isDirectory(incoming)) {
            return;
        }
        Instant cutoff = clock.instant().minus(ABANDONED_AFTER);
        try (Stream<Path> files = Files.list(incoming)) {
            files.filter(file -> isOlderThan(file, cutoff)).forEach(EvidenceFiles::deleteQuietly);
        } catch (IOException e) {
            log.warn("Could not clear abandoned uploads in {}: {}", incoming, e.toString());
        }
    }

    private static boolean isOlderThan(Path file, Instant cutoff) {
        try {
            return Files.getLastModifiedTime(file).toInstant().isBefore(cutoff);
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not delete the temporary upload {}: {}", file, e.toString());
        }
    }
}
