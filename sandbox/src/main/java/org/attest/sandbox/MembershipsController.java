package org.attest.sandbox;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Names and Role Provisioning Services 2.0: the sandbox course's memberships at Moodle's URL shape
 * ({@code {base}/nrps/CourseSection/{course}/bindings/{type id}/memberships}), with Moodle's short
 * context roles, paging and a {@code differences} link.
 */
@RestController
@ConditionalOnSandbox
class MembershipsController {

    static final String MEMBERSHIP_CONTAINER = "application/vnd.ims.lti-nrps.v2.membershipcontainer+json";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SandboxProperties properties;
    private final SandboxAccessTokens tokens;
    private final Clock clock;
    private final Instant started;

    MembershipsController(SandboxProperties properties, SandboxAccessTokens tokens, Clock clock) {
        this.properties = properties;
        this.tokens = tokens;
        this.clock = clock;
        this.started = clock.instant();
    }

    /** {@code since} (epoch seconds, from the differences link) asks for the changes since then. */
    @GetMapping("/sandbox/nrps/CourseSection/{course}/bindings/{typeId}/memberships")
    ResponseEntity<String> memberships(@PathVariable String course, @PathVariable String typeId,
            @RequestParam(name = "role", required = false) String role,
            @RequestParam(name = "limit", required = false) String limit, @RequestParam(name = "from", required = false) String from,
            @RequestParam(name = "since", required = false) String since,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) throws ServiceRefusal {
        String type = tokens.typeId(tokens.authorize(authorization, LaunchMessages.NRPS_SCOPE), typeId);
        SandboxCourse sandboxCourse = GradeServicesController.course(course);
        List<SandboxCourse.Member> members = sandboxCourse.members().stream()
                .filter(m -> role == null || m.roles().stream().anyMatch(r -> r.equals(role) || r.endsWith("#" + role)))
                .filter(m -> since == null || changedSince(since))
                .toList();
        ServicePage page = ServicePage.of(limit, from);
        String url = properties.membershipsUrl(sandboxCourse.id(), type);
        ObjectNode container = JSON.createObjectNode();
        container.put("id", url);
        ObjectNode context = container.putObject("context");
        context.put("id", sandboxCourse.id());
        context.put("label", sandboxCourse.label());
        context.put("title", sandboxCourse.title());
        ArrayNode array = container.putArray("members");
        page.of(members).forEach(m -> array.add(member(m)));
        UriComponentsBuilder self = UriComponentsBuilder.fromUriString(url)
                .queryParamIfPresent("role", Optional.ofNullable(role))
                .queryParamIfPresent("since", Optional.ofNullable(since));
        List<String> links = new ArrayList<>(page.links(self, members.size()));
        links.add("<" + UriComponentsBuilder.fromUriString(url).queryParam("since", clock.instant().getEpochSecond()).toUriString()
                + ">; rel=\"differences\"");
        return GradeServicesController.json(200, MEMBERSHIP_CONTAINER, container, links);
    }

    private boolean changedSince(String since) {
        try {
            // the course's people are fixed from the moment the sandbox starts
            return Instant.ofEpochSecond(Long.parseLong(since)).isBefore(started);
        } catch (NumberFormatException e) {
            return true;
        }
    }

    private static ObjectNode member(SandboxCourse.Member m) {
        ObjectNode node = JSON.createObjectNode();
        node.put("status", "Active");
        ArrayNode roles = node.putArray("roles");
        // Moodle sends context roles in the short form; institution roles keep their full URI
        m.roles().stream().map(r -> r.startsWith(SandboxCourse.LIS + "membership#") ? r.substring(r.indexOf('#') + 1) : r)
                .forEach(roles::add);
        node.put("user_id", m.id());
        node.put("lis_person_sourcedid", m.id().toUpperCase(Locale.ROOT));
        node.put("name", m.name());
        node.put("given_name", m.givenName());
        node.put("family_name", m.familyName());
        node.put("email", m.email());
        node.put("ext_user_username", m.id());
        return node;
    }
}
