package org.attest.tool.gradebook.rosters;

import java.time.Instant;
import java.util.List;
import org.attest.tool.gradebook.lms.Roster;

/**
 * Someone on a course's roster as the LMS last listed them (NRPS). Kept after they leave: status
 * {@code Deleted} when the LMS said so or stopped listing them.
 *
 * @param subject the LMS user id, the same as a launch's {@code sub}
 * @param name the name the LMS gave, or null when it shares none
 * @param email the email the LMS gave, or null when it shares none
 * @param roles full LIS role URIs, whatever form the LMS sent
 * @param firstSeen the first roster read that listed them
 * @param lastSeen the latest roster read that listed them
 */
public record CourseMember(String subject, String name, String email, List<String> roles, boolean learner, boolean instructor,
        Roster.Status status, Instant firstSeen, Instant lastSeen) {

    public CourseMember {
        roles = List.copyOf(roles);
    }

    public boolean active() {
        return status == Roster.Status.Active;
    }

    /** A name to show: the name, else the email, else the user id. */
    public String displayName() {
        return name != null && !name.isBlank() ? name : email != null && !email.isBlank() ? email : "user " + subject;
    }
}
