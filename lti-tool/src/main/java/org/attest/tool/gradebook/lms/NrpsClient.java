package org.attest.tool.gradebook.lms;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.attest.tool.lti.Platform;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The platform's Names and Role Provisioning Services (NRPS 2.0): the course roster, read page by
 * page, and the changes since an earlier read through its {@code differences} link.
 */
@Component
public class NrpsClient {

    public static final String SCOPE_MEMBERSHIPS = "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly";
    public static final String MEMBERSHIP_CONTAINER = "application/vnd.ims.lti-nrps.v2.membershipcontainer+json";

    private final ServiceCalls calls;

    NrpsClient(ServiceCalls calls) {
        this.calls = calls;
    }

    /** Every member of the course at the launch's {@code context_memberships_url}. */
    public Roster members(Platform platform, String membershipsUrl) throws PlatformCallFailed {
        return read(platform, membershipsUrl, "reading the course roster");
    }

    /** The members who joined, changed or left (status Deleted) since the roster that gave this link. */
    public Roster differences(Platform platform, String differencesUrl) throws PlatformCallFailed {
        return read(platform, differencesUrl, "reading the course roster's changes");
    }

    private Roster read(Platform platform, String url, String what) throws PlatformCallFailed {
        String contextId = null;
        String differences = null;
        List<Roster.Member> members = new ArrayList<>();
        for (ServiceCalls.Page page : calls.pages(platform, Set.of(SCOPE_MEMBERSHIPS), what, url, MEMBERSHIP_CONTAINER)) {
            JsonNode body = page.body();
            if (!body.path("members").isArray()) {
                throw PlatformCallFailed.unusable(platform, what, url, "has no members array");
            }
            if (contextId == null) {
                contextId = text(body.path("context"), "id");
            }
            differences = page.links().getOrDefault("differences", differences);
            for (JsonNode m : body.path("members")) {
                String userId = text(m, "user_id");
                if (userId != null) {
                    members.add(member(userId, m));
                }
            }
        }
        return new Roster(contextId, members, differences);
    }

    private static Roster.Member member(String userId, JsonNode m) {
        List<String> roles = new ArrayList<>();
        for (JsonNode role : m.path("roles")) {
            if (role.isString() && !role.asString().isBlank()) {
                roles.add(Roster.Member.fullRole(role.asString()));
            }
        }
        return new Roster.Member(userId, text(m, "name"), text(m, "given_name"), text(m, "family_name"), text(m, "email"),
                roles, status(text(m, "status")));
    }

    /** NRPS says a member without a status is Active. */
    private static Roster.Status status(String status) {
        if (status == null) {
            return Roster.Status.Active;
        }
        for (Roster.Status s : Roster.Status.values()) {
            if (s.name().equalsIgnoreCase(status.trim())) {
                return s;
            }
        }
        return Roster.Status.Active;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isString() || v.isNumber() ? v.asString() : null;
    }
}
