package org.attest.tool.gradebook.rosters;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.attest.tool.portfolio.Course;
import org.attest.tool.portfolio.CourseRoster;
import org.springframework.stereotype.Component;

/** Answers the portfolio's caseload with the rosters this module reads from the LMS. */
@Component
class CaseloadRoster implements CourseRoster {

    private final CourseRosters rosters;
    private final RosterRefreshOnLaunch reads;

    CaseloadRoster(CourseRosters rosters, RosterRefreshOnLaunch reads) {
        this.rosters = rosters;
        this.reads = reads;
    }

    @Override
    public List<Member> members(Course course) {
        return rosters.members(course).stream()
                .map(m -> new Member(m.subject(), m.displayName(), m.email(), m.learner(), m.active())).toList();
    }

    @Override
    public Optional<LastRead> lastRead(Course course) {
        return rosters.sync(course).map(CaseloadRoster::lastRead);
    }

    @Override
    public Snapshot snapshot(Course course) {
        StoredRosters.View view = rosters.view(course);
        return new Snapshot(view.members().stream()
                .map(m -> new Member(m.subject(), m.displayName(), m.email(), m.learner(), m.active())).toList(),
                view.sync().map(CaseloadRoster::lastRead));
    }

    @Override
    public LastRead refresh(Course course) {
        return lastRead(rosters.refresh(course));
    }

    @Override
    public void awaitRunningRead(Course course, Duration patience) {
        reads.awaitRunningRead(course, patience);
    }

    private static LastRead lastRead(RosterSync sync) {
        return new LastRead(sync.refreshedAt(), sync.lastError(), sync.memberCount());
    }
}
