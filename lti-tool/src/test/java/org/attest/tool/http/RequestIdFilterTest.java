package org.attest.tool.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Which id a request gets: its own, or the proxy's when trusted and plain; never one that could write into the logs. */
class RequestIdFilterTest {

    private static String idSeenBy(RequestIdFilter filter, String sent, MockHttpServletResponse response) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
        if (sent != null) {
            request.addHeader("X-Request-Id", sent);
        }
        AtomicReference<String> inMdc = new AtomicReference<>();
        filter.doFilter(request, response, new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
        }, (req, res, chain) -> inMdc.set(MDC.get("requestId"))));
        assertThat(MDC.get("requestId")).as("the id leaves the MDC with the request").isNull();
        assertThat(response.getHeader("X-Request-Id")).isEqualTo(inMdc.get());
        return inMdc.get();
    }

    @Test
    void aRequestGetsAnIdOfItsOwnWhateverItSendsUnlessTheHeaderIsTrusted() throws Exception {
        String id = idSeenBy(new RequestIdFilter(false), "chosen-by-caller", new MockHttpServletResponse());

        assertThat(id).matches("[0-9a-f]{16}");
        assertThat(idSeenBy(new RequestIdFilter(false), null, new MockHttpServletResponse())).matches("[0-9a-f]{16}").isNotEqualTo(id);
    }

    @Test
    void aTrustedProxysPlainIdIsKept() throws Exception {
        assertThat(idSeenBy(new RequestIdFilter(true), "lb-7f3a.91_x", new MockHttpServletResponse())).isEqualTo("lb-7f3a.91_x");
    }

    @Test
    void aTrustedHeaderThatCouldForgeLogLinesIsReplaced() throws Exception {
        for (String forged : new String[] {"a\nFAKE LOG LINE", "x\" ,\"level\":\"ERROR", "a".repeat(65), ""}) {
            assertThat(idSeenBy(new RequestIdFilter(true), forged, new MockHttpServletResponse())).as(forged).matches("[0-9a-f]{16}");
        }
    }
}
