package org.attest.tool.portfolio.internal.files;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Evidence file settings under {@code attest.files.} (documented in docs/configuration.md).
 *
 * @param directory where the filesystem store keeps files; uploads in progress go to its {@code .incoming}
 * @param maxSize largest file a learner may upload
 * @param allowedTypes media types, as sniffed from the bytes, that Attest accepts; aliases such as
 *     {@code audio/x-wav} count as their canonical type, and the first spelling listed is the one stored
 */
@ConfigurationProperties("attest.files")
record FileProperties(
        @DefaultValue("./data/files") Path directory,
        @DefaultValue("50MB") DataSize maxSize,
        @DefaultValue({
            "application/pdf",
            "image/jpeg", "image/png", "image/gif", "image/webp", "image/heic", "image/heif",
            "audio/mpeg", "audio/mp4", "audio/x-m4a", "audio/wav", "audio/x-wav",
            "video/mp4", "video/quicktime",
            "text/plain",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "application/vnd.oasis.opendocument.text",
            "application/vnd.oasis.opendocument.spreadsheet",
            "application/vnd.oasis.opendocument.presentation"}) List<String> allowedTypes) {

    FileProperties {
        if (maxSize.toBytes() <= 0) {
            throw new IllegalArgumentException("attest.files.max-size must be larger than 0, such as 50MB; was " + maxSize);
        }
        if (allowedTypes.isEmpty()) {
            throw new IllegalArgumentException("attest.files.allowed-types must name at least one media type, "
                    + "such as application/pdf");
        }
        allowedTypes = List.copyOf(allowedTypes);
    }
}
