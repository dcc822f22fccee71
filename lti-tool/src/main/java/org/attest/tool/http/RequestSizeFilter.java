package org.attest.tool.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The largest body Attest reads ({@code attest.http.max-request-size}) for every request except the
 * uploads that have limits of their own. A declared length over it is answered 413 before a byte is
 * read; a body of unknown length (chunked) is counted while it is read. Forms are read by Tomcat,
 * whose form limit is set to the same size.
 */
class RequestSizeFilter extends OncePerRequestFilter {

    /** Evidence uploads (spring.servlet.multipart.* and attest.files.max-size) and framework packages (50 MB). */
    private static final List<Pattern> OWN_LIMITS = List.of(
            Pattern.compile("/s/[^/]+/portfolio/[^/]+/evidence"),
            Pattern.compile("/s/[^/]+/evidence/[^/]+"),
            Pattern.compile("/s/[^/]+/admin/frameworks/?"),
            Pattern.compile("(/s/[^/]+)?/admin/api/frameworks/?"));

    private final long maxBytes;
    private final RefusalPages pages;

    RequestSizeFilter(DataSize maxRequestSize, RefusalPages pages) {
        this.maxBytes = maxRequestSize.toBytes();
        this.pages = pages;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return "POST".equals(request.getMethod()) && OWN_LIMITS.stream().anyMatch(p -> p.matcher(path).matches());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            tooLarge(request, response);
            return;
        }
        if (declared >= 0 || request.getHeader("Transfer-Encoding") == null) {
            chain.doFilter(request, response);
            return;
        }
        String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        if (type.startsWith("application/x-www-form-urlencoded")) {
            try {
                request.getParameterMap(); // Tomcat reads the form now, up to its limit (the same size)
            } catch (InvalidParameterException e) {
                if (e.getErrorCode() == HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE) {
                    tooLarge(request, response);
                    return;
                }
                throw e;
            }
            chain.doFilter(request, response);
            return;
        }
        if (type.startsWith("multipart/")) {
            // Tomcat reads multipart bodies itself, past any wrapper; only the upload forms send them, with a length.
            pages.refuse(request, response, HttpServletResponse.SC_LENGTH_REQUIRED, "Length required",
                    "Attest reads a multipart body only with its Content-Length; send the request again with one.");
            return;
        }
        byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (body.length > maxBytes) {
            tooLarge(request, response);
            return;
        }
        chain.doFilter(new ReadBody(request, body), response);
    }

    private void tooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // Tomcat reads (and drops) at most its swallow limit of what the client still sends, then closes the connection.
        response.setHeader("Connection", "close");
        pages.refuse(request, response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "The request is too large",
                "The request is larger than the " + Sizes.describe(DataSize.ofBytes(maxBytes)) + " Attest accepts here; "
                        + "nothing was read or changed.");
    }

    /** A request whose body was read here, while it was counted. */
    private static final class ReadBody extends HttpServletRequestWrapper {

        private final byte[] body;

        ReadBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body was read already");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            Charset charset = getCharacterEncoding() == null ? StandardCharsets.UTF_8 : Charset.forName(getCharacterEncoding());
            return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), charset));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
