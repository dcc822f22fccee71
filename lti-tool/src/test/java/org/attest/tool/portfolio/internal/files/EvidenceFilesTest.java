package org.attest.tool.portfolio.internal.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.attest.tool.portfolio.internal.files.UploadRejected.Reason;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

/**
 * Evidence uploads: what is stored (sniffed type, size, SHA-256, safe name, generated key) and that every
 * refused or broken upload leaves no file behind, in the store or in its temporary folder.
 */
class EvidenceFilesTest {

    @TempDir
    Path temp;

    // Inside the temporary folder, so a test can show nothing was written beside the store either.
    private Path root;
    private FileProperties defaults;
    private EvidenceFiles files;

    @BeforeEach
    void setUp() {
        root = temp.resolve("files");
        // Bound as Spring binds it, so the tests run against the real defaults.
        defaults = new Binder(new MapConfigurationPropertySource(Map.of("attest.files.directory", root.toString())))
                .bindOrCreate("attest.files", FileProperties.class);
        files = evidenceFiles(defaults);
    }

    private static EvidenceFiles evidenceFiles(FileProperties properties) {
        return new EvidenceFiles(new FilesystemFileStore(properties), properties, Clock.systemUTC());
    }

    @Test
    void defaultsAreFiftyMegabytesUnderDataFilesOnceConfigured() {
        FileProperties unset = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("attest.files", FileProperties.class);

        assertThat(unset.directory().normalize()).isEqualTo(Path.of("data", "files"));
        assertThat(unset.maxSize()).isEqualTo(DataSize.ofMegabytes(50));
        assertThat(unset.allowedTypes()).contains("application/pdf", "image/png", "text/plain", "audio/x-wav");
    }

    @Test
    void storesAPdfWithItsSniffedTypeSizeAndHash() throws IOException {
        byte[] pdf = pdf();

        StoredFile stored = files.store("Witness statement.pdf", "application/pdf", new ByteArrayInputStream(pdf));

        assertThat(stored.contentType()).isEqualTo("application/pdf");
        assertThat(stored.safeName()).isEqualTo("Witness statement.pdf");
        assertThat(stored.size()).isEqualTo(pdf.length);
        assertThat(stored.sha256()).isEqualTo(sha256(pdf));
        assertThat(Files.readAllBytes(root.resolve(stored.storageKey()))).isEqualTo(pdf);
    }

    @Test
    void storesAPngWithItsSniffedTypeSizeAndHash() throws IOException {
        byte[] png = png();

        StoredFile stored = files.store("site photo.png", "image/png", new ByteArrayInputStream(png));

        assertThat(stored.contentType()).isEqualTo("image/png");
        assertThat(stored.size()).isEqualTo(png.length);
        assertThat(stored.sha256()).isEqualTo(sha256(png));
    }

    @Test
    void storesPlainTextWithItsSniffedTypeSizeAndHash() {
        byte[] text = "Observed the candidate isolate the supply before testing.\n".getBytes(StandardCharsets.UTF_8);

        StoredFile stored = files.store("notes.txt", "text/plain", new ByteArrayInputStream(text));

        assertThat(stored.contentType()).isEqualTo("text/plain");
        assertThat(stored.size()).isEqualTo(text.length);
        assertThat(stored.sha256()).isEqualTo(sha256(text));
    }

    @Test
    void theBytesDecideTheTypeNotWhatTheBrowserDeclared() throws IOException {
        StoredFile stored = files.store("photo.png", "application/octet-stream", new ByteArrayInputStream(png()));

        assertThat(stored.contentType()).isEqualTo("image/png");
    }

    static Stream<Arguments> acceptedKinds() throws IOException {
        return Stream.of(
                Arguments.of("report.docx", docx(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
                Arguments.of("report.odt", odt(), "application/vnd.oasis.opendocument.text"),
                Arguments.of("interview.wav", wav(), "audio/wav"),
                Arguments.of("demonstration.mp4", isoMedia("isom"), "video/mp4"),
                Arguments.of("demonstration.mov", isoMedia("qt  "), "video/quicktime"),
                Arguments.of("voice note.m4a", isoMedia("M4A "), "audio/mp4"));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("acceptedKinds")
    void acceptsOfficeAudioAndVideoFilesWhoseBytesMatchTheirName(String name, byte[] content, String type) {
        StoredFile stored = files.store(name, null, new ByteArrayInputStream(content));

        assertThat(stored.contentType()).isEqualTo(type);
    }

    @Test
    void openReturnsTheStoredBytes() throws IOException {
        byte[] pdf = pdf();
        StoredFile stored = files.store("plan.pdf", "application/pdf", new ByteArrayInputStream(pdf));

        try (InputStream in = files.open(stored.storageKey())) {
            assertThat(in.readAllBytes()).isEqualTo(pdf);
        }
    }

    @Test
    void deleteRemovesTheFileAndMayBeRepeated() {
        StoredFile stored = files.store("notes.txt", "text/plain", text("notes"));

        files.delete(stored.storageKey());
        files.delete(stored.storageKey());

        assertThat(storedFiles()).isEmpty();
        assertThatThrownBy(() -> files.open(stored.storageKey())).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void keysAreGeneratedAndShardedNeverTheUploadedName() {
        StoredFile first = files.store("notes.txt", "text/plain", text("one"));
        StoredFile second = files.store("notes.txt", "text/plain", text("two"));

        assertThat(first.storageKey()).matches("[0-9a-f]{2}/[0-9a-f]{2}/[0-9a-f-]{36}")
                .doesNotContain("notes").isNotEqualTo(second.storageKey());
        assertThat(first.storageKey().substring(6).replace("-", ""))
                .startsWith(first.storageKey().substring(0, 2) + first.storageKey().substring(3, 5));
        assertThat(storedFiles()).hasSize(2);
    }

    @Test
    void theStoreRefusesKeysItDidNotMake() {
        FilesystemFileStore store = new FilesystemFileStore(defaults);

        assertThatThrownBy(() -> store.open("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.put("ab/cd/../../../x", root)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.exists("ab/cd/not-a-key")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsAFileLargerThanTheLimitAndKeepsNothing() {
        EvidenceFiles limited = evidenceFiles(new FileProperties(root, DataSize.ofKilobytes(1), defaults.allowedTypes()));

        UploadRejected rejected = catchThrowableOfType(UploadRejected.class,
                () -> limited.store("report.txt", "text/plain", text("x".repeat(1025))));

        assertThat(rejected.reason()).isEqualTo(Reason.TOO_LARGE);
        assertThat(rejected).hasMessage("report.txt is larger than the 1 KB limit; compress it or split it into smaller files");
        assertNothingStored();
    }

    @Test
    void acceptsAFileOfExactlyTheLimit() {
        EvidenceFiles limited = evidenceFiles(new FileProperties(root, DataSize.ofKilobytes(1), defaults.allowedTypes()));

        StoredFile stored = limited.store("report.txt", "text/plain", text("x".repeat(1024)));

        assertThat(stored.size()).isEqualTo(1024);
    }

    @Test
    void stopsReadingAsSoonAsTheLimitIsPassed() {
        EvidenceFiles limited = evidenceFiles(new FileProperties(root, DataSize.ofKilobytes(100), defaults.allowedTypes()));
        EndlessText endless = new EndlessText();

        UploadRejected rejected = catchThrowableOfType(UploadRejected.class,
                () -> limited.store("huge.txt", "text/plain", endless));

        assertThat(rejected.reason()).isEqualTo(Reason.TOO_LARGE);
        assertThat(endless.served).isLessThanOrEqualTo(200 * 1024);
        assertNothingStored();
    }

    @Test
    void rejectsAnEmptyFile() {
        UploadRejected rejected = catchThrowableOfType(UploadRejected.class,
                () -> files.store("notes.txt", "text/plain", new ByteArrayInputStream(new byte[0])));

        assertThat(rejected.reason()).isEqualTo(Reason.EMPTY);
        assertThat(rejected).hasMessageStartingWith("notes.txt is empty");
        assertNothingStored();
    }

    @Test
    void rejectsAnUploadThatBreaksOffAndKeepsNothing() {
        InputStream breaksOff = new BreaksOffAfter(100_000);

        UploadRejected rejected = catchThrowableOfType(UploadRejected.class,
                () -> files.store("video.mp4", "video/mp4", breaksOff));

        assertThat(rejected.reason()).isEqualTo(Reason.INTERRUPTED);
        assertThat(rejected).hasMessage("the upload of video.mp4 was interrupted; nothing was saved, please try again")
                .hasCauseInstanceOf(IOException.class);
        assertNothingStored();
    }

    static Stream<Arguments> disguisedFiles() throws IOException {
        byte[] elf = withHeader(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0}, 512);
        byte[] html = "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
                .getBytes(StandardCharsets.UTF_8);
        return Stream.of(
                Arguments.of("report.pdf", elf, "application/x-executable"),
                Arguments.of("photo.jpg", windowsExecutable(), "application/x-msdownload"),
                Arguments.of("report.pdf", html, "text/html"),
                Arguments.of("report.pdf", zip("payload.exe"), "application/zip"),
                Arguments.of("photo.jpg", zip("payload.exe"), "application/zip"),
                Arguments.of("report.docx", zip("word/document.xml"), "application/zip"),
                Arguments.of("photo.jpg", png(), "image/png"),
                Arguments.of("photo.heic", isoMedia("qt  "), "video/quicktime"),
                Arguments.of("notes.txt", pdf(), "application/pdf"),
                Arguments.of("report.pdf", "just some text".getBytes(StandardCharsets.UTF_8), "text/plain"),
                Arguments.of("report.pdf", withHeader(new byte[] {0, 1, 2, 3}, 64), "not recognisable"));
    }

    @ParameterizedTest(name = "{2} named {0}")
    @MethodSource("disguisedFiles")
    void rejectsAFileWhoseNameClaimsAnotherTypeThanItsBytes(String name, byte[] content, String actual) {
        UploadRejected rejected = catchThrowableOfType(UploadRejected.class,
                () -> files.store(name, null, new ByteArrayInputStream(content)));

        assertThat(rejected.reason()).isEqualTo(Reason.TYPE_MISMATCH);
        assertThat(rejected).hasMessageStartingWith(name + " is named like ")
                .hasMessageContaining("its contents are " + actual)
                .hasMessageEndingWith("upload the original file rather than a renamed one");
        assertNothingStored();
    }

    static Stream<Arguments> typesNotAllowed() throws IOException {
        return Stream.of(
                Arguments.of("evidence.exe", windowsExecutable(), "application/x-dosexec"),
                Arguments.of("page.html", "<html><body>hi</body></html>".getBytes(StandardCharsets.UTF_8), "text/html"),
                Arguments.of("bundle.zip", zip("a.txt"), "application/zip"),
                Arguments.of("script.sh", "#!/bin/sh\nrm -rf /\n".getBytes(StandardCharsets.UTF_8), "application/x-sh"),
                Arguments.of("old.doc", withHeader(new byte[] {(byte) 0xd0, (byte) 0xcf, 0x11, (byte) 0xe0,
                        (byte) 0xa1, (byte) 0xb1, 0x1a, (byte) 0xe1}, 1024), "application/msword"));
    }

    @ParameterizedTest(name = "{0} ({2})")
    @MethodSource("typesNotAllowed")
    void rejectsATypeNotOnTheAllowList(String name, byte[] content, String type) {
        UploadRejected rejected = catchThrowableOfType(UploadRejected.class,
                () -> files.store(name, null, new ByteArrayInputStream(content)));

        assertThat(rejected.reason()).isEqualTo(Reason.TYPE_NOT_ALLOWED);
        assertThat(rejected).hasMessage(name + " is not a file type Attest accepts (" + type
                + "); upload a PDF, image, audio, video, text or office document");
        assertNothingStored();
    }

    @Test
    void rejectsBytesOfNoKnownTypeSayingSo() {
        UploadRejected rejected = catchThrowableOfType(UploadRejected.class,
                () -> files.store("scan", null, new ByteArrayInputStream(withHeader(new byte[] {0, 1, 2, 3}, 64))));

        assertThat(rejected.reason()).isEqualTo(Reason.TYPE_NOT_ALLOWED);
        assertThat(rejected).hasMessageStartingWith("Attest cannot tell what kind of file scan is; upload a PDF");
        assertNothingStored();
    }

    @Test
    void aNarrowerAllowListIsEnforcedAndDescribed() throws IOException {
        EvidenceFiles pdfOnly = evidenceFiles(new FileProperties(root, DataSize.ofMegabytes(1), List.of("application/pdf")));

        UploadRejected rejected = catchThrowableOfType(UploadRejected.class,
                () -> pdfOnly.store("photo.png", "image/png", new ByteArrayInputStream(png())));

        assertThat(rejected.reason()).isEqualTo(Reason.TYPE_NOT_ALLOWED);
        assertThat(rejected).hasMessage("photo.png is not a file type Attest accepts (image/png); upload a PDF");
        assertNothingStored();
    }

    static Stream<Arguments> hostileNames() {
        return Stream.of(
                Arguments.of("../../etc/passwd.txt", "passwd.txt"),
                Arguments.of("..\\..\\x.txt", "x.txt"),
                Arguments.of("/abs/x.txt", "x.txt"),
                Arguments.of("C:\\Users\\learner\\Desktop\\notes.txt", "notes.txt"),
                Arguments.of("invoice\u202Etxt.exe.txt", "invoicetxt.exe.txt"),
                Arguments.of("CON.txt", "_CON.txt"),
                Arguments.of("lpt1.backup.txt", "_lpt1.backup.txt"),
                Arguments.of("nul", "_nul.txt"),
                Arguments.of(".hidden.txt", "hidden.txt"),
                Arguments.of("what?.txt", "what_.txt"),
                Arguments.of("notes.txt. . ", "notes.txt"),
                Arguments.of("../", "file.txt"),
                Arguments.of("", "file.txt"),
                Arguments.of(null, "file.txt"),
                Arguments.of("a".repeat(300) + ".txt", "a".repeat(116) + ".txt"),
                Arguments.of("\uD83D\uDE00".repeat(150) + ".txt", "\uD83D\uDE00".repeat(58) + ".txt"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("hostileNames")
    void hostileNamesBecomeSafeNamesAndTheFileLandsOnlyUnderTheRoot(String name, String safeName) throws IOException {
        StoredFile stored = files.store(name, "text/plain", text("evidence"));

        assertThat(stored.safeName()).isEqualTo(safeName).hasSizeLessThanOrEqualTo(120);
        try (Stream<Path> all = Files.walk(temp)) {
            assertThat(all.filter(Files::isRegularFile).toList())
                    .containsExactly(root.resolve(stored.storageKey()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"notes\u0000.txt", "line\r\nbreak.txt", "tab\t.txt", "bell\u0007.txt"})
    void namesWithControlCharactersAreRefusedAndNothingIsStored(String name) throws IOException {
        UploadRejected rejected = catchThrowableOfType(UploadRejected.class,
                () -> files.store(name, "text/plain", text("evidence")));

        assertThat(rejected.reason()).isEqualTo(Reason.NAME_NOT_ALLOWED);
        assertThat(rejected).hasMessageContaining("contains a control character (such as NUL or a line break)")
                .hasMessageContaining("Rename the file and upload it again");
        try (Stream<Path> all = Files.walk(temp)) {
            assertThat(all.filter(Files::isRegularFile).toList()).as("refused before anything was written").isEmpty();
        }
    }

    @Test
    void aLongNameKeepsItsExtension() {
        StoredFile stored = files.store("x".repeat(300) + ".pdf", null, new ByteArrayInputStream(pdf()));

        assertThat(stored.safeName()).hasSize(120).endsWith("x.pdf");
    }

    private void assertNothingStored() {
        assertThat(storedFiles()).as("files left in the store or its .incoming folder").isEmpty();
    }

    private List<Path> storedFiles() {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream text(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] pdf() {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            document.addPage(new PDPage());
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] png() throws IOException {
        BufferedImage image = new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB);
        image.setRGB(1, 1, 0xff8800);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static byte[] docx() throws IOException {
        try (XWPFDocument document = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            document.createParagraph().createRun().setText("Reflective account");
            document.write(out);
            return out.toByteArray();
        }
    }

    // An OpenDocument file as LibreOffice writes one: an uncompressed "mimetype" entry first.
    private static byte[] odt() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            byte[] mimetype = "application/vnd.oasis.opendocument.text".getBytes(StandardCharsets.US_ASCII);
            ZipEntry entry = new ZipEntry("mimetype");
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(mimetype.length);
            CRC32 crc = new CRC32();
            crc.update(mimetype);
            entry.setCrc(crc.getValue());
            zip.putNextEntry(entry);
            zip.write(mimetype);
            zip.putNextEntry(new ZipEntry("content.xml"));
            zip.write("<office:document-content/>".getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static byte[] zip(String entryName) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(entryName));
            zip.write(new byte[] {'M', 'Z', 0, 0});
        }
        return out.toByteArray();
    }

    private static byte[] wav() throws IOException {
        AudioFormat format = new AudioFormat(8000, 16, 1, true, false);
        byte[] silence = new byte[1600];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(silence), format, silence.length / 2),
                AudioFileFormat.Type.WAVE, out);
        return out.toByteArray();
    }

    // The start of an ISO base media file (MP4, MOV, M4A, HEIC): a box size, "ftyp" and the brand.
    private static byte[] isoMedia(String brand) {
        return withHeader(("\0\0\0\u0018ftyp" + brand + "\0\0\0\0" + brand + "mp41").getBytes(StandardCharsets.ISO_8859_1),
                4096);
    }

    private static byte[] windowsExecutable() {
        return withHeader("MZ\u0090\0\u0003\0\0\0".getBytes(StandardCharsets.ISO_8859_1), 1024);
    }

    private static byte[] withHeader(byte[] header, int length) {
        byte[] bytes = new byte[Math.max(length, header.length)];
        System.arraycopy(header, 0, bytes, 0, header.length);
        for (int i = header.length; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 7 + 1);
        }
        return bytes;
    }

    /** Text without end, counting what it served. */
    private static final class EndlessText extends InputStream {
        long served;

        @Override
        public int read() {
            served++;
            return 'x';
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            java.util.Arrays.fill(buffer, offset, offset + length, (byte) 'x');
            served += length;
            return length;
        }
    }

    /** A client whose connection drops after some bytes. */
    private static final class BreaksOffAfter extends InputStream {
        private final int limit;
        private int served;

        BreaksOffAfter(int limit) {
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            if (served >= limit) {
                throw new IOException("Connection reset by peer");
            }
            served++;
            return 0;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (served >= limit) {
                throw new IOException("Connection reset by peer");
            }
            int n = Math.min(length, limit - served);
            java.util.Arrays.fill(buffer, offset, offset + n, (byte) 0);
            served += n;
            return n;
        }
    }
}
