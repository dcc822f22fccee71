package org.attest.tool.gradebook.web;

import static org.attest.tool.gradebook.web.PageAccess.as;
import static org.attest.tool.gradebook.web.PageAccess.courseLaunch;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;
import org.attest.tool.gradebook.tasks.AssessmentTasks;
import org.attest.tool.gradebook.tasks.GradebookGrades;
import org.attest.tool.lti.AttestRole;
import org.attest.tool.lti.DeepLinkingResponse;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.standards.FrameworkCatalog;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The assessment task pages' access rules, in a web slice: a task's page and its grade pull are for tutors, placing a
 * task for course staff in a deep-linking launch; anyone else gets 403 with the reason, and no task, grade or
 * catalogue is read or changed.
 */
@WebMvcTest(useDefaultFilters = false, includeFilters = @ComponentScan.Filter(type = FilterType.REGEX, pattern = {
        "org\\.attest\\.tool\\.gradebook\\.web\\.TaskPages", "org\\.attest\\.tool\\.portfolio\\.web\\.PortfolioErrors",
        "org\\.attest\\.tool\\.web\\.SessionModel"}))
class TaskPagesAccessTest {

    private static final String BASE = "/s/" + PageAccess.SESSION;

    @Autowired
    MockMvc mvc;

    @MockitoBean
    FrameworkCatalog catalog;

    @MockitoBean
    DeepLinkingResponse deepLinking;

    @MockitoBean
    AssessmentTasks tasks;

    @MockitoBean
    GradebookGrades grades;

    @Test
    void aLearnerMayNotOpenATasksPage() throws Exception {
        mvc.perform(get(BASE + "/tasks/" + UUID.randomUUID()).with(authentication(as(courseLaunch(AttestRole.LEARNER)))))
                .andExpect(status().isForbidden())
                .andExpect(content().string(Matchers.containsString("this page is for tutors")));

        verifyNoInteractions(tasks, grades);
    }

    @Test
    void aCentreAdministratorMayNotPullATasksGrades() throws Exception {
        mvc.perform(post(BASE + "/tasks/" + UUID.randomUUID() + "/pull")
                        .with(authentication(as(courseLaunch(AttestRole.CENTRE_ADMIN)))).with(csrf()))
                .andExpect(status().isForbidden());

        verifyNoInteractions(tasks, grades);
    }

    @Test
    void aTutorOutsideADeepLinkingLaunchMayNotPlaceATask() throws Exception {
        mvc.perform(post(BASE + "/deep-linking/task").param("unit", "f:224").param("title", "Assignment 1")
                        .with(authentication(as(courseLaunch(AttestRole.ASSESSOR)))).with(csrf()))
                .andExpect(status().isForbidden())
                .andExpect(content().string(Matchers.containsString("assessment tasks are placed by tutors")));

        verifyNoInteractions(tasks, catalog, deepLinking);
    }

    @Test
    void aLearnersDeepLinkingLaunchMayNotOpenTheTaskForm() throws Exception {
        LtiPrincipal learner = PageAccess.launch(UUID.randomUUID(), LtiPrincipal.DEEP_LINKING_REQUEST, AttestRole.LEARNER);

        mvc.perform(get(BASE + "/deep-linking/task").with(authentication(as(learner))))
                .andExpect(status().isForbidden());

        verifyNoInteractions(tasks, catalog, deepLinking);
    }
}
