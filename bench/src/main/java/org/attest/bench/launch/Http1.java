package org.attest.bench.launch;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal HTTP/1.1 client over one kept-alive socket: form POSTs and GETs, no redirects followed,
 * Content-Length and chunked bodies. It costs a few microseconds per request, so the load
 * generator measures the tool, not a client library. The server closing the connection (Tomcat
 * does after 100 requests) is honoured; the next request opens a new socket.
 */
public final class Http1 implements Closeable {

    static final int TIMEOUT_MS = 30_000;
    private static final int MAX_HEADER_LINE = 16 * 1024;
    private static final int MAX_BODY = 4 * 1024 * 1024;

    /**
     * One response: status, Location header (or null), body as text, every Set-Cookie's name=value, the Content-Type
     * header (or null).
     */
    public record Response(int status, String location, String body, List<String> cookies, String contentType) {

        public boolean isHtml() {
            return contentType != null && contentType.toLowerCase().startsWith("text/html");
        }

        /**
         * The Cookie header a browser sends after this response: the cookies of {@code cookieHeader} (name=value pairs
         * separated by "; ", or null) with those this response set put over them; null when there are none.
         */
        public String cookieHeaderAfter(String cookieHeader) {
            if (cookies.isEmpty()) {
                return cookieHeader;
            }
            Map<String, String> jar = new LinkedHashMap<>();
            List<String> pairs = new ArrayList<>(cookieHeader == null ? List.of() : List.of(cookieHeader.split("; ")));
            pairs.addAll(cookies);
            for (String pair : pairs) {
                int eq = pair.indexOf('=');
                jar.put(eq < 0 ? pair : pair.substring(0, eq), pair);
            }
            return String.join("; ", jar.values());
        }
    }

    private final String host;
    private final int port;
    private final byte[] hostHeader;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private int reconnects;

    public Http1(String host, int port) {
        this.host = host;
        this.port = port;
        this.hostHeader = (host + ":" + port).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Opens the socket now (outside a timed phase), if it is not open. */
    public void connect() throws IOException {
        if (socket != null) {
            return;
        }
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.setSoTimeout(TIMEOUT_MS);
        s.connect(new InetSocketAddress(host, port), TIMEOUT_MS);
        socket = s;
        in = new BufferedInputStream(s.getInputStream(), 32 * 1024);
        out = s.getOutputStream();
        reconnects++;
    }

    public int connections() {
        return reconnects;
    }

    public Response postForm(String path, byte[] formBody) throws IOException {
        return postForm(path, formBody, null);
    }

    /** A form POST carrying {@code cookie} (a Cookie header's value) when not null, as a browser sends back a session cookie. */
    public Response postForm(String path, byte[] formBody, String cookie) throws IOException {
        ByteArrayOutputStream request = new ByteArrayOutputStream(256 + formBody.length);
        request.writeBytes(("POST " + path + " HTTP/1.1\r\nHost: ").getBytes(StandardCharsets.ISO_8859_1));
        request.writeBytes(hostHeader);
        if (cookie != null) {
            request.writeBytes(("\r\nCookie: " + cookie).getBytes(StandardCharsets.ISO_8859_1));
        }
        request.writeBytes(("\r\nContent-Type: application/x-www-form-urlencoded\r\nAccept: text/html\r\nContent-Length: "
                + formBody.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        request.writeBytes(formBody);
        return send(request);
    }

    /** A page request as a browser makes it (path with its query string). */
    public Response get(String path) throws IOException {
        return get(path, null);
    }

    /** A page request carrying {@code cookie} (a Cookie header's value) when not null. */
    public Response get(String path, String cookie) throws IOException {
        ByteArrayOutputStream request = new ByteArrayOutputStream(256);
        request.writeBytes(("GET " + path + " HTTP/1.1\r\nHost: ").getBytes(StandardCharsets.ISO_8859_1));
        request.writeBytes(hostHeader);
        if (cookie != null) {
            request.writeBytes(("\r\nCookie: " + cookie).getBytes(StandardCharsets.ISO_8859_1));
        }
        request.writeBytes("\r\nAccept: text/html\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return send(request);
    }

    private Response send(ByteArrayOutputStream request) throws IOException {
        connect();
        try {
            request.writeTo(out);
            out.flush();
            return readResponse();
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private Response readResponse() throws IOException {
        String statusLine = line();
        if (statusLine == null) {
            throw new IOException("the server closed the connection before answering");
        }
        if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
            throw new IOException("not an HTTP/1.x status line: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        String location = null;
        List<String> cookies = new ArrayList<>();
        String contentType = null;
        long contentLength = -1;
        boolean chunked = false;
        boolean close = statusLine.startsWith("HTTP/1.0");
        for (int headers = 0; ; headers++) {
            if (headers > 200) {
                throw new IOException("more than 200 response headers");
            }
            String h = line();
            if (h == null) {
                throw new IOException("the connection closed inside the response headers");
            }
            if (h.isEmpty()) {
                break;
            }
            int colon = h.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = h.substring(0, colon).trim();
            String value = h.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Location")) {
                location = value;
            } else if (name.equalsIgnoreCase("Set-Cookie")) {
                int end = value.indexOf(';');
                cookies.add(end < 0 ? value : value.substring(0, end));
            } else if (name.equalsIgnoreCase("Content-Type")) {
                contentType = value;
            } else if (name.equalsIgnoreCase("Content-Length")) {
                contentLength = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                chunked = value.toLowerCase().contains("chunked");
            } else if (name.equalsIgnoreCase("Connection")) {
                close = value.equalsIgnoreCase("close");
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (chunked) {
            for (int chunks = 0; ; chunks++) {
                if (chunks > 100_000) {
                    throw new IOException("too many chunks");
                }
                String sizeLine = line();
                if (sizeLine == null) {
                    throw new IOException("the connection closed inside a chunked body");
                }
                int semicolon = sizeLine.indexOf(';');
                int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
                if (size == 0) {
                    for (int trailers = 0; trailers < 100; trailers++) {
                        String t = line();
                        if (t == null || t.isEmpty()) {
                            break;
                        }
                    }
                    break;
                }
                copy(size, body);
                line();
            }
        } else if (contentLength >= 0) {
            if (contentLength > MAX_BODY) {
                throw new IOException("response body of " + contentLength + " bytes");
            }
            copy((int) contentLength, body);
        } else if (status != 204 && status != 304 && !(status >= 100 && status < 200)) {
            close = true;
            byte[] buffer = new byte[8192];
            for (int n; body.size() < MAX_BODY && (n = in.read(buffer)) != -1; ) {
                body.write(buffer, 0, n);
            }
        }
        if (close) {
            close();
        }
        return new Response(status, location, body.toString(StandardCharsets.UTF_8), List.copyOf(cookies), contentType);
    }

    private void copy(int n, ByteArrayOutputStream to) throws IOException {
        if (to.size() + n > MAX_BODY) {
            throw new IOException("response body over " + MAX_BODY + " bytes");
        }
        byte[] bytes = in.readNBytes(n);
        if (bytes.length != n) {
            throw new IOException("the connection closed inside the response body");
        }
        to.writeBytes(bytes);
    }

    /** A header line without CRLF, or null at end of stream. */
    private String line() throws IOException {
        StringBuilder sb = new StringBuilder(64);
        while (true) {
            int c = in.read();
            if (c == -1) {
                return sb.length() == 0 ? null : sb.toString();
            }
            if (c == '\n') {
                int len = sb.length();
                if (len > 0 && sb.charAt(len - 1) == '\r') {
                    sb.setLength(len - 1);
                }
                return sb.toString();
            }
            if (sb.length() >= MAX_HEADER_LINE) {
                throw new IOException("response header line over " + MAX_HEADER_LINE + " characters");
            }
            sb.append((char) c);
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        socket = null;
        in = null;
        out = null;
    }
}
