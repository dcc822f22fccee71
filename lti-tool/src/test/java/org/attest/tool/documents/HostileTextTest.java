package org.attest.tool.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.sun.net.httpserver.HttpServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.attest.tool.documents.internal.RecordingForm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Learner-typed text reaches the print template; it must print as text, and nothing the HTML names may be fetched:
 * not from the network, not from the tool's file system.
 */
class HostileTextTest {

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void markupInAnEvidenceTitlePrintsAsTextAndLoadsNothing() throws IOException {
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        String hostile = "<script>alert(1)</script> <img src=file:///etc/passwd> <img src=\"" + url + "/t.png\"/> "
                + "<link rel=\"stylesheet\" href=\"" + url + "/s.css\"/> \u0001&amp;";
        String longTitle = "x".repeat(10_000);
        byte[] pdf = PrintedForms.print(RecordingForm.of(PrintedForms.record(hostile + longTitle, true), null));
        java.nio.file.Files.write(Path.of("target/recording-form-hostile.pdf"), pdf); // to look at: pdftoppm -png

        String text = RecordingFormPdfTest.text(pdf).replaceAll("\\s", ""); // long words wrap anywhere
        assertThat(text).contains("<script>alert(1)</script>", "<imgsrc=file:///etc/passwd>", "<imgsrc=\"" + url + "/t.png\"/>",
                "\uFFFD&amp;xxxx");
        String without = RecordingFormPdfTest.text(PrintedForms.print(RecordingForm.of(PrintedForms.record(hostile, true), null)));
        assertThat(count('x', text)).as("every character of the 10,000-character title, wrapped over pages")
                .isEqualTo(count('x', without) + longTitle.length());
        assertThat(requests).as("requests to the server the title names").hasValue(0);
        assertThat(images(pdf)).isZero();
    }

    @Test
    void markupAndControlCharactersInARecordPrintAsTextAndLoadNothing() throws IOException {
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        String hostile = "<b>bold</b> <img src=file:///etc/passwd> <img src=\"" + url + "/r.png\"/> <style>*{color:red}</style>"
                + " \u0001\u0007\u001B]0;x&lt;";
        for (var record : List.of(PrintedRecords.observation(hostile, true), PrintedRecords.feedback(hostile, true))) {
            byte[] pdf = PrintedRecords.print(record);
            java.nio.file.Files.write(Path.of("target/record-hostile.pdf"), pdf); // to look at: pdftoppm -png
            String text = RecordingFormPdfTest.text(pdf).replaceAll("\\s", "");
            assertThat(text).as(record.kind().title()).contains("<b>bold</b>", "<imgsrc=file:///etc/passwd>",
                    "<imgsrc=\"" + url + "/r.png\"/>", "<style>*{color:red}</style>", "\uFFFD\uFFFD\uFFFD]0;x&lt;");
            assertThat(images(pdf)).isZero();
        }
        assertThat(requests).as("requests to the server the record names").hasValue(0);
        String words = "Sam greeted the customer and checked their identity. ".repeat(400);
        for (var record : List.of(PrintedRecords.observation(words, true), PrintedRecords.feedback(words, true))) {
            String text = RecordingFormPdfTest.text(PrintedRecords.print(record));
            for (String word : List.of("greeted", "identity")) {
                assertThat(text.split(word, -1)).as("all 400 sentences of a long %s, over pages", record.kind().title())
                        .hasSize(401);
            }
            assertThat(text).contains("Assessor signature Alex Assessor");
        }
    }

    /**
     * The renderer itself, given HTML that names a stylesheet, a font and images on a server and in the file system:
     * an unconfigured openhtmltopdf fetches them (so this test can see a fetch); the tool's configuration fetches none.
     */
    @Test
    void theRendererFetchesNoStylesheetFontOrImageWhateverTheHtmlNames(@TempDir Path dir) throws IOException {
        Path png = dir.resolve("secret.png");
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png", png.toFile());
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        String html = """
                <html lang="en-GB"><head><title>t</title>
                <link rel="stylesheet" href="%1$s/style.css"/>
                <style>@import url(%1$s/imported.css); @font-face { font-family: X; src: url(%1$s/font.ttf); }
                body { background-image: url(%1$s/background.png); font-family: 'DejaVu Sans'; }</style></head>
                <body><p>text</p><img src="%1$s/pixel.png" alt="pixel"/><img src="%2$s" alt="file"/>
                <img src="jar:file:%3$s!/x.png" alt="jar"/></body></html>""".formatted(url, png.toUri(), png);

        assertThat(images(render(new PdfRendererBuilder(), html))).as("unconfigured: the file image is embedded").isOne();
        assertThat(requests.getAndSet(0)).as("unconfigured: fetches from the server").isPositive();

        byte[] pdf = render(Pdfs.lockedDown(new PdfRendererBuilder()), html);
        assertThat(requests).as("requests to the server the HTML names").hasValue(0);
        assertThat(images(pdf)).as("images from the file system").isZero();
    }

    @Test
    void refusesTemplatesOutsideTheDocumentsFolder() {
        assertThatThrownBy(() -> PrintedForms.pdfs().render("portfolio/overview", Map.of(), new ByteArrayOutputStream()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("templates/documents/");
        assertThatThrownBy(() -> PrintedForms.pdfs().render("documents/../portfolio/overview", Map.of(),
                new ByteArrayOutputStream())).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] render(PdfRendererBuilder builder, String html) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        builder.withHtmlContent(html, null).toStream(out).run();
        return out.toByteArray();
    }

    private static long count(char c, String text) {
        return text.chars().filter(ch -> ch == c).count();
    }

    private static int images(byte[] pdf) throws IOException {
        int images = 0;
        try (PDDocument document = Loader.loadPDF(pdf)) {
            for (PDPage page : document.getPages()) {
                for (COSName name : page.getResources().getXObjectNames()) {
                    if (page.getResources().isImageXObject(name)) {
                        images++;
                    }
                }
            }
        }
        return images;
    }
}
