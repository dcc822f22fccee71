package org.attest.tool.gradebook.rosters;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Cache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.attest.tool.gradebook.lms.GradebookProperties;
import org.attest.tool.gradebook.lms.LinkService;
import org.attest.tool.gradebook.lms.LinkServices;
import org.attest.tool.gradebook.lms.NrpsClient;
import org.attest.tool.gradebook.lms.PlatformCallFailed;
import org.attest.tool.gradebook.lms.Roster;
import org.attest.tool.lti.LaunchRouting;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.lti.Platform;
import org.attest.tool.lti.PlatformRegistry;
import org.attest.tool.portfolio.Course;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Course rosters from the LMS (NRPS): who is enrolled, with their roles and whether they are still
 * in the course, whether or not they ever opened Attest. Read in full the first time, then through
 * the platform's {@code differences} link when it offers one; refreshed after an instructor's launch
 * (at most once per {@code attest.gradebook.roster-refresh-interval}) and when a tutor asks. A
 * failed read keeps the roster of the last good one and records the platform's error.
 */
@Service
public class CourseRosters {

    private static final Logger log = LoggerFactory.getLogger(CourseRosters.class);

    /** How much to read: everyone, or only the changes since the last read when the platform offers them. */
    enum Read { FULL, CHANGES }

    private static final int KEPT_AT_MOST = 10_000;

    /** When this replica last claimed each course's read after a launch (see {@link #claimedLately}). */
    private final Cache<Course, Instant> claimed = Caffeine.newBuilder().maximumSize(KEPT_AT_MOST).build();
    private final NrpsClient nrps;
    private final StoredRosters stored;
    private final LinkServices links;
    private final PlatformRegistry platforms;
    private final GradebookProperties properties;
    private final Clock clock;
    private final Counter readsOk;
    private final Counter readsFailed;

    CourseRosters(NrpsClient nrps, StoredRosters stored, LinkServices links, PlatformRegistry platforms,
            GradebookProperties properties, Clock clock, MeterRegistry registry) {
        this.readsOk = reads(registry, "ok");
        this.readsFailed = reads(registry, "failed");
        this.nrps = nrps;
        this.stored = stored;
        this.links = links;
        this.platforms = platforms;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * The course's learners on the LMS roster who are still in the course (status Active, a Learner
     * role), by name; whether or not they have opened Attest. Empty until the roster was read once.
     * For the caseload and IV sampling.
     */
    public List<CourseMember> learners(Course course) {
        return stored.members(course).stream().filter(m -> m.learner() && m.active()).toList();
    }

    /** Everyone the course's roster has ever listed, by name, including who left (Inactive or Deleted). */
    public List<CourseMember> members(Course course) {
        return stored.members(course);
    }

    /** {@link #sync} and {@link #members} read together, for the caseload. */
    StoredRosters.View view(Course course) {
        return stored.view(course);
    }

    /** How the course's roster was last read; empty when it never was. */
    public Optional<RosterSync> sync(Course course) {
        return stored.sync(course);
    }

    /**
     * Reads the whole roster now, for a tutor who asked. Never throws for the platform's sake: a
     * failure is in the returned {@link RosterSync#lastError()} and the previous roster is kept.
     */
    public RosterSync refresh(Course course) {
        Instant now = clock.instant();
        Optional<RosterSync> before = stored.sync(course);
        String url = links.inCourse(course.platformId(), course.deploymentId(), course.contextId()).stream()
                .map(LinkService::membershipsUrl).filter(Objects::nonNull).findFirst()
                .or(() -> before.map(RosterSync::membershipsUrl))
                .orElse(null);
        if (url == null) {
            return stored.failed(course, null, "No launch in this course has offered the LMS's course roster service (Names and "
                    + "Role Provisioning). Ask your LMS administrator to let Attest read course members (Moodle: the tool's "
                    + "'IMS LTI Names and Role Provisioning' setting; Canvas: the developer key's names and roles scope), "
                    + "then open Attest from the course again.", now);
        }
        Optional<Platform> platform = platforms.find(course.platformId()).filter(Platform::enabled);
        if (platform.isEmpty()) {
            return stored.failed(course, url, "The LMS of this course is not registered or is switched off in Attest, so its "
                    + "roster cannot be read; ask your centre administrator to check the platform's registration.", now);
        }
        stored.attempted(course, url, now);
        return read(course, platform.get(), url, Read.FULL);
    }

    /**
     * Refreshes the roster of an instructor's launch unless it was read within the refresh interval
     * (on any replica). Returns whether it read.
     */
    boolean refreshAfterLaunch(LtiPrincipal launch) {
        if (!startsRefresh(launch)) {
            return false;
        }
        Course course = new Course(launch.platformId(), launch.deploymentId(), launch.contextId());
        if (claimedLately(course)) {
            return false;
        }
        Instant now = clock.instant();
        if (!stored.claim(course, launch.nrpsMembershipsUrl(), now, properties.rosterRefreshInterval())) {
            return false;
        }
        claimed.put(course, now);
        Optional<Platform> platform = platforms.find(course.platformId()).filter(Platform::enabled);
        if (platform.isEmpty()) {
            return false; // a launch just passed, so the platform was there: removed since, nothing to read from
        }
        read(course, platform.get(), launch.nrpsMembershipsUrl(), Read.CHANGES);
        return true;
    }

    /**
     * Whether this replica claimed the course's read after a launch within the refresh interval: the database's claim
     * would refuse (its read began at least that recently), so a launch need not ask it.
     */
    boolean claimedLately(Course course) {
        Instant at = claimed.getIfPresent(course);
        return at != null && at.plus(properties.rosterRefreshInterval()).isAfter(clock.instant());
    }

    /** Launches by tutors and administrators that offer NRPS; a learner's launch never costs a roster read. */
    static boolean startsRefresh(LtiPrincipal launch) {
        return LaunchRouting.placesActivities(launch) && launch.nrpsMembershipsUrl() != null
                && launch.platformId() != null && launch.deploymentId() != null && launch.contextId() != null;
    }

    /** Reads and stores the roster; the caller has recorded the attempt. */
    RosterSync read(Course course, Platform platform, String membershipsUrl, Read read) {
        if (read == Read.CHANGES) {
            Optional<String> differences = stored.sync(course)
                    .filter(s -> s.refreshedAt() != null && s.differencesUrl() != null && membershipsUrl.equals(s.membershipsUrl()))
                    .map(RosterSync::differencesUrl);
            if (differences.isPresent()) {
                try {
                    Roster changes = nrps.differences(platform, differences.get());
                    readsOk.increment();
                    return stored.applyChanges(course, membershipsUrl, changes, clock.instant());
                } catch (PlatformCallFailed e) {
                    // A differences link may expire or be forgotten by the platform; the full roster is always right.
                    log.info("Reading the roster changes of course {} failed, reading it in full: {}", course.contextId(), e.getMessage());
                }
            }
        }
        try {
            Roster roster = nrps.members(platform, membershipsUrl);
            readsOk.increment();
            return stored.applyFull(course, membershipsUrl, roster, clock.instant());
        } catch (PlatformCallFailed e) {
            log.warn("Could not read the roster of course {}: {}", course.contextId(), e.getMessage());
            readsFailed.increment();
            return stored.failed(course, membershipsUrl, e.getMessage(), clock.instant());
        }
    }

    private static Counter reads(MeterRegistry registry, String outcome) {
        return Counter.builder("attest.roster.reads").description("Course roster reads from the LMS (NRPS), by outcome")
                .tag("outcome", outcome).register(registry);
    }
}
