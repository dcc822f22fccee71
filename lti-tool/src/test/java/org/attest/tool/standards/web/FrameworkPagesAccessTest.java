package org.attest.tool.standards.web;

import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.attest.tool.lti.AdminPages;
import org.attest.tool.lti.ApiTokens;
import org.attest.tool.lti.AttestRole;
import org.attest.tool.lti.LtiAuthentication;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.lti.LtiProperties;
import org.attest.tool.lti.PlatformAdministration;
import org.attest.tool.standards.FrameworkCatalog;
import org.attest.tool.standards.internal.FrameworkImport;
import org.attest.tool.standards.internal.FrameworkOwnership;
import org.attest.tool.standards.internal.FrameworkVersions;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The framework pages' access rules, in a web slice with the real {@link FrameworkOwnership} (its database mocked, so
 * any write would show): a centre administrator may not make a framework tool-wide, and an upload without a file is
 * refused; the admin error page says so, and nothing is written or imported.
 */
@WebMvcTest(useDefaultFilters = false, includeFilters = @ComponentScan.Filter(type = FilterType.REGEX, pattern = {
        "org\\.attest\\.tool\\.standards\\.web\\.FrameworkPagesController", "org\\.attest\\.tool\\.web\\.SessionModel"}))
@Import({FrameworkOwnership.class, AdminPages.class})
class FrameworkPagesAccessTest {

    private static final String BASE = "/s/slice-session/admin/frameworks";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    JdbcClient jdbc;

    @MockitoBean
    FrameworkCatalog catalog;

    @MockitoBean
    FrameworkImport imports;

    @MockitoBean
    FrameworkVersions versions;

    @MockitoBean
    ApiTokens apiTokens;

    @MockitoBean
    LtiProperties tool;

    @MockitoBean
    PlatformAdministration platforms;

    private final LtiPrincipal centreAdmin = new LtiPrincipal(UUID.randomUUID(), "https://lms.example", "client", "1",
            LtiPrincipal.RESOURCE_LINK_REQUEST, "admin-1", "Casey Admin", null, List.of(), Set.of(AttestRole.CENTRE_ADMIN),
            "course-1", "LAB", "Lab", "link-1", "Activity", Map.of(), null, null, null, null, "en", Instant.now());

    @Test
    void aCentreAdministratorMayNotMakeAFrameworkToolWide() throws Exception {
        mvc.perform(post(BASE + "/" + UUID.randomUUID() + "/tool-wide")
                        .with(authentication(new LtiAuthentication(centreAdmin, "slice-session"))).with(csrf()))
                .andExpect(status().isForbidden())
                .andExpect(content().string(Matchers.containsString("Only the operator can make a framework tool-wide")))
                .andExpect(content().string(Matchers.containsString("Nothing was changed.")));

        verifyNoInteractions(jdbc, catalog);
    }

    @Test
    void anUploadWithoutAFileIsRefusedAndImportsNothing() throws Exception {
        mvc.perform(post(BASE).with(authentication(new LtiAuthentication(centreAdmin, "slice-session"))).with(csrf()))
                .andExpect(status().isBadRequest());

        verifyNoInteractions(imports, jdbc);
    }
}
