package org.attest.tool.gradebook.web;

import static org.attest.tool.gradebook.web.PageAccess.as;
import static org.attest.tool.gradebook.web.PageAccess.platform;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.attest.tool.gradebook.scores.QueuedScore;
import org.attest.tool.gradebook.scores.ScoreOutbox;
import org.attest.tool.gradebook.scores.ScoreQueues;
import org.attest.tool.gradebook.tasks.GradebookAccess;
import org.attest.tool.lti.AdminPages;
import org.attest.tool.lti.AttestRole;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.lti.Platform;
import org.attest.tool.lti.PlatformAdministration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The score delivery page's access rules, in a web slice (no database, no server): an administrator sees and resends
 * the scores of the platforms they manage only; another platform's score or queue is 404 and nothing is resent.
 */
@WebMvcTest(useDefaultFilters = false, includeFilters = @ComponentScan.Filter(type = FilterType.REGEX, pattern = {
        "org\\.attest\\.tool\\.gradebook\\.web\\.GradebookPagesController", "org\\.attest\\.tool\\.web\\.SessionModel"}))
@Import({ScoreQueues.class, GradebookAccess.class, AdminPages.class})
class GradebookPagesAccessTest {

    private static final String BASE = "/s/" + PageAccess.SESSION + "/admin/gradebook";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    ScoreOutbox outbox;

    @MockitoBean
    PlatformAdministration administration;

    private final Platform managed = platform("managed");
    private final Platform other = platform("other");
    private final LtiPrincipal admin = PageAccess.launch(managed.id(), LtiPrincipal.RESOURCE_LINK_REQUEST, AttestRole.CENTRE_ADMIN);

    @BeforeEach
    void adminManagesOnePlatform() {
        when(administration.visibleTo(admin)).thenReturn(List.of(managed));
        when(outbox.status(any())).thenReturn(new ScoreOutbox.Status(0, Duration.ZERO, 0, 0, null, 0));
        when(outbox.problems(any(), anyInt())).thenReturn(List.of());
    }

    @Test
    void theQueuePageShowsOnlyThePlatformsTheAdministratorManages() throws Exception {
        mvc.perform(get(BASE).with(authentication(as(admin))))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString(managed.name())));

        verify(outbox).status(managed.id());
        verify(outbox, never()).status(other.id());
    }

    @Test
    void resendingAScoreOfAnotherPlatformIsNotFoundAndResendsNothing() throws Exception {
        UUID foreign = UUID.randomUUID();
        when(outbox.find(foreign)).thenReturn(Optional.of(score(foreign, other)));

        mvc.perform(post(BASE + "/scores/" + foreign + "/retry").with(authentication(as(admin))).with(csrf()))
                .andExpect(status().isNotFound())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Nothing was changed.")));

        verify(outbox, never()).retry(any());
    }

    @Test
    void resendingEveryRefusedScoreOfAnotherPlatformIsNotFoundAndResendsNothing() throws Exception {
        mvc.perform(post(BASE + "/retry-failed").param("platformId", other.id().toString())
                        .with(authentication(as(admin))).with(csrf()))
                .andExpect(status().isNotFound());

        verify(outbox, never()).retryFailed(any());
    }

    @Test
    void resendingAScoreOfAManagedPlatformQueuesItAndRedirects() throws Exception {
        UUID own = UUID.randomUUID();
        when(outbox.find(own)).thenReturn(Optional.of(score(own, managed)));
        when(outbox.retry(own)).thenReturn(true);

        mvc.perform(post(BASE + "/scores/" + own + "/retry").with(authentication(as(admin))).with(csrf()))
                .andExpect(status().isSeeOther())
                .andExpect(redirectedUrl(BASE + "?retried=1"));

        verify(outbox).retry(own);
    }

    private static QueuedScore score(UUID id, Platform platform) {
        return new QueuedScore(id, platform.id(), "link-1", UUID.randomUUID(), null, null, QueuedScore.State.FAILED, 1,
                Instant.now(), 404, "HTTP 404", Instant.now(), null, 0);
    }
}
