package org.attest.tool.portfolio.internal.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/** Keeps evidence files under {@code attest.files.directory}, one file per key in sharded directories. */
@Component
class FilesystemFileStore implements FileStore {

    // Only keys of FileStore.newKey()'s shape resolve, so no stored key can name a path outside the root.
    private static final Pattern KEY = Pattern.compile(
            "([0-9a-f]{2})/([0-9a-f]{2})/\\1\\2[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

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

    private Path resolve(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("'" + key + "' is not an evidence file key such as "
                    + "ab/cd/abcd1234-5678-4abc-8def-0123456789ab");
        }
        return root.resolve(key);
    }
}
