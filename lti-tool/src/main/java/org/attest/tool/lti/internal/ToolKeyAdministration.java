package org.attest.tool.lti.internal;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.attest.tool.lti.AdminRefused;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.lti.PlatformAdministration;
import org.attest.tool.lti.SigningKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;

/** The tool's signing keys as an administrator sees them, and their rotation (the operator's job). */
@Service
public class ToolKeyAdministration {

    /** One of the tool's keys; a RETIRING key stays published until {@code retireAt}. */
    public record ToolKey(String kid, SigningKeys.Status status, Instant createdAt, Instant retireAt) {
    }

    private static final Logger log = LoggerFactory.getLogger(ToolKeyAdministration.class);
    private static final List<SigningKeys.Status> ORDER = List.of(SigningKeys.Status.CURRENT, SigningKeys.Status.NEXT,
            SigningKeys.Status.RETIRING);

    private final SigningKeys toolKeys;
    private final PlatformAdministration platforms;

    ToolKeyAdministration(@Qualifier("tool") SigningKeys toolKeys, PlatformAdministration platforms) {
        this.toolKeys = toolKeys;
        this.platforms = platforms;
    }

    /** Current first, then next, then retiring keys, newest first within each. */
    public List<ToolKey> keys() {
        return toolKeys.describe().stream()
                .map(k -> new ToolKey(k.kid(), k.status(), k.createdAt(), k.retireAt()))
                .sorted(Comparator.comparing((ToolKey k) -> ORDER.indexOf(k.status()))
                        .thenComparing(ToolKey::createdAt, Comparator.reverseOrder()))
                .toList();
    }

    /** The next key starts signing; the current one stays published for the grace period (attest.lti.key-rotation-grace). */
    public void rotate(LtiPrincipal who) {
        if (!platforms.managesTheTool(who)) {
            throw AdminRefused.notAllowed("Only the operator can rotate the tool's keys, since every platform uses them");
        }
        String before = toolKeys.current().getKeyID();
        toolKeys.rotate();
        log.info("{} rotated the tool's keys: {} retiring, {} current", who.describe(), before,
                toolKeys.current().getKeyID());
    }
}
