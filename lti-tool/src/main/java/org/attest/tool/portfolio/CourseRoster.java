package org.attest.tool.portfolio;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The course's roster as the LMS lists it, for the caseload's learners who have not opened a unit yet. The
 * gradebook module reads rosters from the LMS (NRPS) and answers; the portfolio needs only these facts.
 */
public interface CourseRoster {

    /** Everyone the LMS listed in the course at the last read, including who left. */
    List<Member> members(Course course);

    /** How the last read of the roster went; empty before the first. */
    Optional<LastRead> lastRead(Course course);

    /** {@link #members} and {@link #lastRead} together, in one read: what the caseload shows. */
    Snapshot snapshot(Course course);

    /** The roster as the caseload shows it: its members and how it was last read (empty before the first). */
    record Snapshot(List<Member> members, Optional<LastRead> lastRead) {
    }

    /** Reads the roster from the LMS now. */
    LastRead refresh(Course course);

    /** Waits up to {@code patience} for a read a tutor's launch just started, so the first view needs no reload. */
    void awaitRunningRead(Course course, Duration patience);

    /** One person on the roster; {@code active} is false for who the LMS lists as inactive or no longer lists. */
    record Member(String subject, String displayName, String email, boolean learner, boolean active) {
    }

    /**
     * @param refreshedAt when a read last succeeded; null when none has
     * @param lastError why the last read failed, in the platform's words; null when it succeeded
     * @param memberCount members the LMS listed at the last successful read
     */
    record LastRead(Instant refreshedAt, String lastError, int memberCount) {

        public boolean failed() {
            return lastError != null;
        }
    }
}
