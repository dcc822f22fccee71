package org.attest.tool.gradebook.rosters;

import java.time.Instant;
import org.attest.tool.portfolio.Course;

/**
 * How a course's roster was last read from the LMS.
 *
 * @param membershipsUrl the NRPS memberships service read, null when no launch in the course offered one
 * @param differencesUrl where the LMS offers the changes since the last successful read, null when it does not
 * @param refreshedAt when a read last succeeded; null when none has (the roster is then empty)
 * @param attemptedAt when the last read began, successful or not
 * @param lastError why the last read failed, in the platform's words; null when it succeeded
 * @param memberCount members the LMS listed at the last successful read (any status but Deleted)
 */
public record RosterSync(Course course, String membershipsUrl, String differencesUrl, Instant refreshedAt, Instant attemptedAt,
        String lastError, int memberCount) {

    public boolean failed() {
        return lastError != null;
    }
}
