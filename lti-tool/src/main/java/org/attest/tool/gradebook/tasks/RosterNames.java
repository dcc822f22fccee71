package org.attest.tool.gradebook.tasks;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.attest.tool.gradebook.lms.LinkService;
import org.attest.tool.gradebook.lms.NrpsClient;
import org.attest.tool.gradebook.lms.PlatformCallFailed;
import org.attest.tool.gradebook.rosters.CourseMember;
import org.attest.tool.lti.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Names of learners Attest has not met: from the course roster Attest stores, else from the LMS's roster (NRPS), each
 * read once per pull and only when needed; without a name the portfolio shows "user &lt;id&gt;" until they launch.
 */
final class RosterNames {

    private static final Logger log = LoggerFactory.getLogger(RosterNames.class);

    private final Supplier<List<CourseMember>> storedRoster;
    private final NrpsClient nrps;
    private final Platform platform;
    private final LinkService link;
    private Map<String, String> stored;
    private Map<String, String> fromLms;

    /** {@code storedRoster}: the course's roster as Attest stores it, read at the first name asked for. */
    public RosterNames(Supplier<List<CourseMember>> storedRoster, NrpsClient nrps, Platform platform, LinkService link) {
        this.storedRoster = storedRoster;
        this.nrps = nrps;
        this.platform = platform;
        this.link = link;
    }

    public String of(String userId) {
        if (stored == null) {
            stored = new HashMap<>();
            storedRoster.get().stream().filter(m -> m.name() != null).forEach(m -> stored.put(m.subject(), m.name()));
        }
        String name = stored.get(userId);
        return name != null ? name : fromLms().get(userId);
    }

    private Map<String, String> fromLms() {
        if (fromLms == null) {
            fromLms = new HashMap<>();
            if (link.membershipsUrl() != null) {
                try {
                    nrps.members(platform, link.membershipsUrl()).members().stream().filter(m -> m.name() != null)
                            .forEach(m -> fromLms.put(m.userId(), m.name()));
                } catch (PlatformCallFailed e) {
                    log.info("No names from the roster for assessment task grades: {}", e.getMessage());
                }
            }
        }
        return fromLms;
    }
}
