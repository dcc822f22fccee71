package org.attest.tool.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Answers a request the front door turns away: a page that says what happened and what to do, or, for
 * scripts under {@code /admin/api/}, the same sentence as JSON.
 */
@Component
class RefusalPages {

    private static final Pattern API = Pattern.compile("(/s/[^/]+)?/admin/api(/.*)?");

    private final TemplateEngine templates;

    RefusalPages(TemplateEngine templates) {
        this.templates = templates;
    }

    static boolean isApi(HttpServletRequest request) {
        return API.matcher(request.getRequestURI().substring(request.getContextPath().length())).matches();
    }

    void refuse(HttpServletRequest request, HttpServletResponse response, int status, String heading, String detail)
            throws IOException {
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        // Written before Spring Security's header writer runs: the same protections, stricter (the page has no script or form).
        // It may be shown in the LMS's frame (a refused launch), so framing is not forbidden; there is nothing to click.
        response.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        if (isApi(request)) {
            response.setContentType("application/json;charset=UTF-8");
            response.getWriter().write("{\"error\": \"" + jsonEscaped(detail) + "\"}");
            return;
        }
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter().write(templates.process("http/refused", new Context(Locale.UK,
                Map.of("heading", heading, "detail", detail, "status", status))));
    }

    static String jsonEscaped(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
