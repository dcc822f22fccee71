package org.attest.tool.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.tomcat.util.http.fileupload.InvalidFileNameException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/**
 * Multipart bodies are read before any controller is chosen, so their failures (too large, a file name
 * Tomcat will not take, a broken body) land here rather than with a module's own error page: each gets a
 * readable page (or JSON under {@code /admin/api/}) that says nothing was saved, never an empty body or a
 * stack trace.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class UploadErrors {

    private static final Logger log = LoggerFactory.getLogger(UploadErrors.class);

    private final RefusalPages pages;
    private final DataSize maxUpload;

    UploadErrors(RefusalPages pages, @Value("${spring.servlet.multipart.max-request-size:10MB}") DataSize maxUpload) {
        this.pages = pages;
        this.maxUpload = maxUpload;
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    void tooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Connection", "close");
        pages.refuse(request, response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "The upload is too large",
                "The upload is larger than the " + Sizes.describe(maxUpload) + " Attest accepts at once; nothing was saved. "
                        + "Compress the file or split it, or upload the files one at a time, then try again.");
    }

    @ExceptionHandler(MultipartException.class)
    void broken(MultipartException e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (causedByFileName(e)) {
            pages.refuse(request, response, HttpServletResponse.SC_BAD_REQUEST, "The file name cannot be used",
                    "A file name in the upload contains a control character (such as NUL or a line break), which no "
                            + "ordinary file name has; nothing was saved. Rename the file and upload it again.");
            return;
        }
        log.info("Multipart request to {} could not be read: {}", request.getRequestURI(), e.getMessage());
        pages.refuse(request, response, HttpServletResponse.SC_BAD_REQUEST, "The upload could not be read",
                "The upload was interrupted or malformed; nothing was saved. Please try again.");
    }

    private static boolean causedByFileName(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InvalidFileNameException) {
                return true;
            }
        }
        return false;
    }
}
