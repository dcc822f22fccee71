package org.attest.tool.gradebook.lms;

import java.util.List;

/**
 * A course's members as NRPS lists them.
 *
 * @param differencesUrl where to ask for the changes since this roster was read; null when the platform offers none
 */
public record Roster(String contextId, List<Member> members, String differencesUrl) {

    public Roster {
        members = List.copyOf(members);
    }

    /** NRPS membership status; in a differences roster, Deleted means the person left the course. */
    public enum Status { Active, Inactive, Deleted }

    /**
     * One member. {@code roles} are full LIS URIs whatever the platform sent: Moodle's NRPS sends
     * short names ({@code "Learner"}), launches send URIs.
     */
    public record Member(String userId, String name, String givenName, String familyName, String email, List<String> roles,
            Status status) {

        private static final String MEMBERSHIP = "http://purl.imsglobal.org/vocab/lis/v2/membership";

        public Member {
            roles = List.copyOf(roles);
        }

        public boolean isLearner() {
            return hasContextRole("Learner");
        }

        public boolean isInstructor() {
            return hasContextRole("Instructor");
        }

        private boolean hasContextRole(String role) {
            return roles.stream().anyMatch(r -> r.equals(MEMBERSHIP + "#" + role) || r.startsWith(MEMBERSHIP + "/" + role + "#"));
        }

        /** A short context role ({@code Learner}) as its full URI; full URIs and unknown forms are kept. */
        static String fullRole(String role) {
            String r = role.trim();
            return r.contains(":") || r.contains("/") || r.contains("#") ? r : MEMBERSHIP + "#" + r;
        }
    }
}
