package org.attest.tool.gradebook.tasks;

import java.util.HashMap;
import java.util.Map;
import org.attest.tool.gradebook.lms.LinkService;
import org.attest.tool.gradebook.lms.NrpsClient;
import org.attest.tool.gradebook.lms.PlatformCallFailed;
import org.attest.tool.lti.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Names of learners Attest has not met, from the course roster (NRPS), read once per pull and only
 * when needed; without a roster the portfolio shows "user &lt;id&gt;" until they launch.
 */
public final class RosterNames {

    private static final Logger log = LoggerFactory.getLogger(RosterNames.class);

    private final NrpsClient nrps;
    private final Platform platform;
    private final LinkService link;
    private Map<String, String> roster;

    public RosterNames(NrpsClient nrps, Platform platform, LinkService link) {
        this.nrps = nrps;
        this.platform = platform;
        this.link = link;
    }

    public String of(String userId) {
        if (roster == null) {
            roster = new HashMap<>();
            if (link.membershipsUrl() != null) {
                try {
                    nrps.members(platform, link.membershipsUrl()).members().stream().filter(m -> m.name() != null)
                            .forEach(m -> roster.put(m.userId(), m.name()));
                } catch (PlatformCallFailed e) {
                    log.info("No names from the roster for assessment task grades: {}", e.getMessage());
                }
            }
        }
        return roster.get(userId);
    }
}
