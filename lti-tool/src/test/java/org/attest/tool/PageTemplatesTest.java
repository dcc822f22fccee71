package org.attest.tool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The Content-Security-Policy allows scripts from Attest's own files only ({@code script-src 'self'}): a template with
 * an inline script or an event-handler attribute would silently stop working in the browser, so none may have one.
 */
class PageTemplatesTest {

    private static final Pattern SCRIPT = Pattern.compile("<script\\b([^>]*)>", Pattern.CASE_INSENSITIVE);
    private static final Pattern HANDLER = Pattern.compile("\\s(?:th:)?on[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
    private static final Pattern JAVASCRIPT_URL = Pattern.compile("(?:href|action|src)\\s*=\\s*[\"']\\s*javascript:", Pattern.CASE_INSENSITIVE);

    @Test
    void noTemplateHasInlineScriptEventHandlersOrJavascriptUrls() throws IOException {
        Resource[] templates = new PathMatchingResourcePatternResolver().getResources("classpath*:templates/**/*.html");
        assertThat(templates).hasSizeGreaterThan(30);
        List<String> problems = new ArrayList<>();
        for (Resource template : templates) {
            String html = template.getContentAsString(StandardCharsets.UTF_8);
            String name = template.getURL().getPath().replaceAll(".*/templates/", "");
            Matcher script = SCRIPT.matcher(html);
            while (script.find()) {
                if (!script.group(1).contains("src=")) {
                    problems.add(name + ": inline <script" + script.group(1) + ">");
                }
            }
            Matcher handler = HANDLER.matcher(html);
            while (handler.find()) {
                problems.add(name + ": event handler attribute '" + handler.group().trim() + "'");
            }
            if (JAVASCRIPT_URL.matcher(html).find()) {
                problems.add(name + ": javascript: URL");
            }
        }
        assertThat(problems).isEmpty();
    }
}
