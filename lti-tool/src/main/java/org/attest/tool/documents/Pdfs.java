package org.attest.tool.documents;

import com.openhtmltopdf.extend.FSCacheEx;
import com.openhtmltopdf.extend.FSCacheValue;
import com.openhtmltopdf.extend.impl.FSDefaultCacheStore;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder.PdfAConformance;
import com.openhtmltopdf.util.XRLog;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Renders a print template to PDF: a Thymeleaf template under {@code templates/documents/} (XHTML: every element
 * closed, {@code <html lang="en-GB">}, a {@code <title>}, {@code <meta name="subject|author">}) with its model, to a
 * tagged PDF/UA-1 that is also PDF/A-3a, with DejaVu Sans embedded, written to the caller's stream as it is produced.
 * <p>Model values are text: the template prints them with {@code th:text}, which escapes them. Nothing outside the
 * tool is ever loaded while rendering (no {@code file:}, {@code http:}, {@code jar:} or other URL, whatever the HTML
 * names): stylesheets belong in the template's {@code <style>}, fonts are the embedded ones.
 */
@Service
public class Pdfs {

    /** The family every print template's CSS names. */
    public static final String FONT_FAMILY = "DejaVu Sans";
    /** Characters XML 1.0 forbids (learner-typed text may hold them); the XHTML parser would refuse the document. */
    private static final Pattern NOT_XML = Pattern.compile("[^\\x09\\x0A\\x0D\\x20-\\uD7FF\\uE000-\\uFFFD\\x{10000}-\\x{10FFFF}]");
    private static final byte[] REGULAR = font("fonts/DejaVuSans.ttf");
    private static final byte[] BOLD = font("fonts/DejaVuSans-Bold.ttf");
    private static final byte[] SRGB = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
    /** The embedded fonts' metrics, read once for every document (a thread-safe map). */
    private static final FSCacheEx<String, FSCacheValue> FONT_METRICS = new FSDefaultCacheStore();

    static {
        // openhtmltopdf logs through its own console handler, not the tool's logging: keep only its warnings
        for (String category : java.util.List.of(XRLog.CONFIG, XRLog.EXCEPTION, XRLog.GENERAL, XRLog.INIT, XRLog.LOAD,
                XRLog.MATCH, XRLog.CASCADE, XRLog.XML_ENTITIES, XRLog.CSS_PARSE, XRLog.LAYOUT, XRLog.RENDER)) {
            XRLog.setLevel(category, Level.WARNING);
        }
    }

    private final ITemplateEngine templates;

    Pdfs(ITemplateEngine templates) {
        this.templates = templates;
    }

    /**
     * Renders {@code template} (a name such as {@code "documents/recording-form"}) with {@code model} to {@code out},
     * which stays open.
     *
     * @throws UncheckedIOException when the stream fails
     * @throws IllegalArgumentException when the template is not under {@code documents/}
     */
    public void render(String template, Map<String, ?> model, OutputStream out) {
        if (!template.startsWith("documents/") || template.contains("..")) {
            throw new IllegalArgumentException("print templates live under templates/documents/; '" + template + "' does not");
        }
        Context context = new Context(Locale.UK);
        model.forEach(context::setVariable);
        String xhtml = NOT_XML.matcher(templates.process(template, context)).replaceAll("\uFFFD");
        try {
            lockedDown(new PdfRendererBuilder())
                    .withHtmlContent(xhtml, null)
                    .toStream(out)
                    .run();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the PDF of " + template, e);
        }
    }

    /**
     * Starts the answer to a PDF download, the same for every form: {@code application/pdf} as an attachment named
     * {@code fileName} (which the caller makes of letters, digits and hyphens), never cached, never sniffed. Call it
     * once every check has passed, then render into the response's stream.
     */
    public static void startDownload(jakarta.servlet.http.HttpServletResponse response, String fileName) {
        response.setContentType(org.springframework.http.MediaType.APPLICATION_PDF_VALUE);
        response.setHeader(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION,
                org.springframework.http.ContentDisposition.attachment().filename(fileName).build().toString());
        response.setHeader(org.springframework.http.HttpHeaders.CACHE_CONTROL, "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
    }

    /** The one renderer configuration: accessible and archival, embedded fonts, no outside resources. */
    static PdfRendererBuilder lockedDown(PdfRendererBuilder builder) {
        builder.usePdfUaAccessibility(true);
        builder.usePdfAConformance(PdfAConformance.PDFA_3_A);
        builder.useColorProfile(SRGB);
        builder.withProducer("Attest");
        builder.useCacheStore(PdfRendererBuilder.CacheStore.PDF_FONT_METRICS, FONT_METRICS);
        builder.useFont(() -> new ByteArrayInputStream(REGULAR), FONT_FAMILY, 400, FontStyle.NORMAL, true);
        builder.useFont(() -> new ByteArrayInputStream(BOLD), FONT_FAMILY, 700, FontStyle.NORMAL, true);
        // Refuse every outside resource, before and after URI resolution, and leave no protocol to fetch with.
        builder.useExternalResourceAccessControl((uri, type) -> false, ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI);
        builder.useExternalResourceAccessControl((uri, type) -> false, ExternalResourceControlPriority.RUN_AFTER_RESOLVING_URI);
        builder.useUriResolver((base, uri) -> null);
        builder.useHttpStreamImplementation(url -> {
            throw new IllegalStateException("the PDF renderer loads nothing from outside the tool: " + url);
        });
        builder.useProtocolsStreamImplementation(url -> {
            throw new IllegalStateException("the PDF renderer loads nothing from outside the tool: " + url);
        }, "file", "jar", "ftp", "data", "classpath", "http", "https");
        return builder;
    }

    private static byte[] font(String path) {
        try (InputStream in = Pdfs.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("the font " + path + " is missing from the tool's jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the font " + path, e);
        }
    }
}
