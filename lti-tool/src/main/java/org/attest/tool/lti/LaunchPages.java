package org.attest.tool.lti;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Writes the pages of the login and launch flow that filters render outside Spring MVC: the one
 * error page (which check failed, what to do) and the auto-posting and storage pages.
 */
@Component
public class LaunchPages {

    private static final Logger log = LoggerFactory.getLogger(LaunchPages.class);

    private final TemplateEngine templates;
    private final ObjectProvider<LaunchMetrics> metrics;

    LaunchPages(TemplateEngine templates, ObjectProvider<LaunchMetrics> metrics) {
        this.templates = templates;
        this.metrics = metrics;
    }

    /** Logs the refusal with its reason code and shows the person what went wrong; no session is created. */
    void refuse(HttpServletResponse response, LaunchRejectedException e) throws IOException {
        log.warn("LTI launch refused [{}]: {}", e.failure(), e.getMessage());
        metrics.ifAvailable(m -> m.refused(e.failure()));
        render(response, e.failure().status(), "lti/refused", Map.of(
                "reason", e.failure().name(),
                "detail", e.getMessage(),
                "status", e.failure().status()));
    }

    public void render(HttpServletResponse response, int status, String template, Map<String, Object> model) throws IOException {
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(templates.process(template, new Context(java.util.Locale.UK, model)));
    }
}
