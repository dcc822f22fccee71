package org.attest.tool.portfolio.internal.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypeException;
import org.apache.tika.mime.MimeTypes;

/**
 * Decides what an uploaded file really is from its bytes (Tika's magic numbers), checks that its name
 * does not claim something else, and that the type is on the allow-list.
 */
final class FileTypes {

    private static final MimeTypes TIKA = MimeTypes.getDefaultMimeTypes();
    private static final MediaTypeRegistry REGISTRY = TIKA.getMediaTypeRegistry();
    private static final MediaType ZIP = MediaType.application("zip");

    // tika-core has no magic for OOXML (it takes the zip container's parsers); its [Content_Types].xml
    // names the main part's type, which a zip renamed .docx, or a macro-enabled .docm renamed, lacks.
    private static final Map<MediaType, String> OOXML_MAIN_PARTS = Map.of(
            MediaType.parse("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
            MediaType.parse("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
            MediaType.parse("application/vnd.openxmlformats-officedocument.presentationml.presentation"),
            "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml");
    private static final int MAX_CONTAINER_ENTRY_BYTES = 256 * 1024;

    /** Canonical type to the spelling the configuration gave it first, which is the one stored. */
    private final Map<MediaType, String> allowed = new LinkedHashMap<>();
    private final String acceptedKinds;

    FileTypes(List<String> allowedTypes) {
        for (String type : allowedTypes) {
            MediaType parsed = MediaType.parse(type.strip());
            if (parsed == null) {
                throw new IllegalArgumentException("attest.files.allowed-types: '" + type
                        + "' is not a media type such as application/pdf");
            }
            allowed.putIfAbsent(REGISTRY.normalize(parsed.getBaseType()), parsed.getBaseType().toString());
        }
        acceptedKinds = kindsOf(allowed.keySet());
    }

    /**
     * The type to store and serve the file as.
     *
     * @param file the complete upload
     * @param safeName its safe name, whose extension is the type the learner believes it has
     * @throws UploadRejected with TYPE_MISMATCH or TYPE_NOT_ALLOWED
     */
    String sniff(Path file, String safeName) throws IOException {
        MediaType bytes = fromBytes(file);
        MediaType named = fromName(safeName);
        MediaType type = bytes;
        if (!named.equals(MediaType.OCTET_STREAM)) {
            if (bytes.equals(MediaType.OCTET_STREAM)) {
                throw mismatch(safeName, named, "not recognisable");
            }
            if (REGISTRY.isSpecializationOf(named, bytes)) {
                // The bytes say only "zip" or "ISO video" or "text"; the name says which kind. Believe it where
                // the container can be checked, or within the same family (an .mp4 of brand isom, a .csv).
                boolean believable = REGISTRY.isSpecializationOf(named, ZIP)
                        ? containerHolds(file, named)
                        : named.getType().equals(bytes.getType());
                if (!believable) {
                    throw mismatch(safeName, named, bytes.toString());
                }
                type = named;
            } else if (!named.equals(bytes) && !REGISTRY.isSpecializationOf(bytes, named)) {
                throw mismatch(safeName, named, bytes.toString());
            }
        }
        String stored = allowed.get(type);
        if (stored == null) {
            throw notAllowed(safeName, type);
        }
        return stored;
    }

    /** The usual extension of a type, with its dot (".pdf"), or "" when Tika knows none. */
    static String extensionFor(String type) {
        try {
            return TIKA.forName(type).getExtension();
        } catch (MimeTypeException e) {
            return "";
        }
    }

    private static MediaType fromBytes(Path file) throws IOException {
        // No name in the metadata: the bytes alone decide, or a renamed file would be taken at its word.
        try (InputStream in = TikaInputStream.get(file)) {
            return REGISTRY.normalize(TIKA.detect(in, new Metadata()));
        }
    }

    private static MediaType fromName(String safeName) throws IOException {
        // No stream: the name's extension alone decides.
        Metadata metadata = new Metadata();
        metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, safeName);
        return REGISTRY.normalize(TIKA.detect(null, metadata));
    }

    private static boolean containerHolds(Path file, MediaType claimed) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry mimetype = zip.getEntry("mimetype");
            if (mimetype != null) {
                // ODF: the first entry names the document's type.
                return claimed.toString().equals(read(zip, mimetype).strip());
            }
            ZipEntry contentTypes = zip.getEntry("[Content_Types].xml");
            String mainPart = OOXML_MAIN_PARTS.get(claimed);
            return contentTypes != null && mainPart != null && read(zip, contentTypes).contains(mainPart);
        } catch (IOException e) {
            return false;
        }
    }

    // Bounded, so a small entry that inflates to gigabytes cannot exhaust memory.
    private static String read(ZipFile zip, ZipEntry entry) throws IOException {
        try (InputStream in = zip.getInputStream(entry)) {
            return new String(in.readNBytes(MAX_CONTAINER_ENTRY_BYTES), StandardCharsets.UTF_8);
        }
    }

    private UploadRejected mismatch(String safeName, MediaType named, String contents) {
        return new UploadRejected(UploadRejected.Reason.TYPE_MISMATCH, safeName + " is named like " + named
                + " but its contents are " + contents + "; upload the original file rather than a renamed one");
    }

    private UploadRejected notAllowed(String safeName, MediaType type) {
        if (type.equals(MediaType.OCTET_STREAM)) {
            return new UploadRejected(UploadRejected.Reason.TYPE_NOT_ALLOWED, "Attest cannot tell what kind of file "
                    + safeName + " is; upload " + acceptedKinds);
        }
        return new UploadRejected(UploadRejected.Reason.TYPE_NOT_ALLOWED, safeName
                + " is not a file type Attest accepts (" + type + "); upload " + acceptedKinds);
    }

    // "a PDF, image, audio, video, text or office document", from whatever the allow-list holds.
    private static String kindsOf(Set<MediaType> types) {
        Set<String> kinds = new LinkedHashSet<>();
        for (MediaType type : types) {
            String subtype = type.getSubtype();
            kinds.add(switch (type.getType()) {
                case "image", "audio", "video", "text" -> type.getType();
                default -> subtype.equals("pdf") ? "PDF"
                        : subtype.startsWith("vnd.openxmlformats") || subtype.startsWith("vnd.oasis.opendocument")
                                ? "office document"
                        : type.toString();
            });
        }
        List<String> list = List.copyOf(kinds);
        String joined = list.size() == 1 ? list.get(0)
                : String.join(", ", list.subList(0, list.size() - 1)) + " or " + list.get(list.size() - 1);
        return ("aeiou".indexOf(joined.charAt(0)) >= 0 ? "an " : "a ") + joined;
    }
}
