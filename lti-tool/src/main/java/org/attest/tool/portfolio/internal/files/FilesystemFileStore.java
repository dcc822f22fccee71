package org.attest.tool.portfolio.internal.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** Keeps evidence files under {@code attest.files.directory}, one file per key in sharded directories. */
@Component
@ConditionalOnProperty(name = "attest.files.store", havingValue = "filesystem", matchIfMissing = true)
class FilesystemFileStore implements FileStore {

    private final Path root;

    FilesystemFileStore(FileProperties properties) {
        this.root = properties.directory().toAbsolutePath().normalize();
    }

    @Override
    public void put(String key, Path source) throws IOException {
        Path target = resolve(key);
        if (Files.exists(target)) {
            throw new FileAlreadyExistsException(key);
        }
        Path directory = Files.createDirectories(target.getParent());
        // Into a temporary name in the target's own directory first (a rename when the source is on the
        // same filesystem, a copy when not), then one atomic rename: readers never see half a file.
        Path temporary = Files.createTempFile(directory, ".", ".part");
        try {
            Files.move(source, temporary, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    @Override
    public InputStream open(String key) throws IOException {
        return Files.newInputStream(resolve(key));
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(resolve(key));
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(resolve(key));
    }

    @Override
    public Stream<Entry> entries() throws IOException {
        if (!Files.isDirectory(root)) {
            return Stream.empty();
        }
        // Depth 3 is ab/cd/<uuid>; .incoming and the .part files of a put in progress never match a key.
        return Files.find(root, 3, (path, attributes) -> attributes.isRegularFile())
                .map(path -> root.relativize(path).toString().replace('\\', '/'))
                .filter(key -> FileStore.KEY.matcher(key).matches())
                .map(key -> {
                    try {
                        return new Entry(key, Files.getLastModifiedTime(root.resolve(key)).toInstant());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    @Override
    public void check() throws IOException {
        Files.createDirectories(root);
        if (!Files.isWritable(root)) {
            throw new IOException("the evidence directory " + root + " (attest.files.directory) is not writable by "
                    + "the user Attest runs as; give that user write access");
        }
    }

    private Path resolve(String key) {
        return root.resolve(FileStore.checked(key));
    }
}
