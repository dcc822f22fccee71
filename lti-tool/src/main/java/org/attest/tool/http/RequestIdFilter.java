package org.attest.tool.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives each request an id, in the logs' MDC as {@code requestId} for every line the request writes and in the
 * {@code X-Request-Id} response header, so a person's report ("it failed, request id ...") finds its log lines. The id
 * a caller sends is used only when {@code attest.http.trust-request-id} says a proxy in front sets it, and only if it is
 * a short plain token (letters, digits, {@code . _ -}): anything else would let a caller write into the logs.
 */
class RequestIdFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Request-Id";
    static final String MDC_KEY = "requestId";
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final boolean trustHeader;

    RequestIdFilter(boolean trustHeader) {
        this.trustHeader = trustHeader;
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = idOf(request);
        response.setHeader(HEADER, id);
        String outer = MDC.get(MDC_KEY);
        MDC.put(MDC_KEY, id);
        try {
            chain.doFilter(request, response);
        } finally {
            if (outer == null) {
                MDC.remove(MDC_KEY);
            } else {
                MDC.put(MDC_KEY, outer);
            }
        }
    }

    private String idOf(HttpServletRequest request) {
        Object named = request.getAttribute(MDC_KEY); // an error dispatch keeps the id of the request that failed
        if (named instanceof String id) {
            return id;
        }
        String sent = request.getHeader(HEADER);
        String id = trustHeader && sent != null && PLAIN.matcher(sent).matches() ? sent : generated();
        request.setAttribute(MDC_KEY, id);
        return id;
    }

    private static String generated() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
