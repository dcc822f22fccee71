package org.attest.tool.portfolio.internal;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.attest.tool.lti.AttestRole;
import org.attest.tool.lti.LtiPrincipal;
import org.springframework.stereotype.Service;

/**
 * Assessors' qualified status per platform. An assessor counts as qualified until the centre flags
 * them otherwise; decisions and sign-offs by an unqualified assessor need a qualified countersignature.
 */
@Service
public class Assessors {

    /** An assessor as the centre administrator sees them. */
    public record AssessorStatus(UUID platformId, String subject, String name, boolean qualified, String updatedBy) {
    }

    private final AssessorStore store;
    private final Clock clock;

    Assessors(AssessorStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public boolean qualified(UUID platformId, String subject) {
        return store.status(platformId, subject).map(AssessorStatus::qualified).orElse(true);
    }

    /** The assessor's status on the platform; empty for one the centre never flagged and who never launched. */
    public Optional<AssessorStatus> status(UUID platformId, String subject) {
        return store.status(platformId, subject);
    }

    /** Remembers an assessor who launched, so the centre can find them to flag; keeps any flag already set. */
    public void seen(LtiPrincipal assessor) {
        if (!assessor.has(AttestRole.ASSESSOR) || assessor.platformId() == null) {
            return;
        }
        if (!store.rename(assessor.platformId(), assessor.subject(), assessor.displayName())
                && store.status(assessor.platformId(), assessor.subject()).isEmpty()) {
            // false when another request of the same assessor recorded them first
            store.insert(assessor.platformId(), assessor.subject(), assessor.displayName(), true, "first launch",
                    clock.instant());
        }
    }

    /** Flags an assessor qualified or not; by a centre administrator, on the admin page or through the token API. */
    public void flag(UUID platformId, String subject, String name, boolean qualified, String by) {
        if (!store.update(platformId, subject, name, qualified, by, clock.instant())
                && !store.insert(platformId, subject, name == null ? subject : name, qualified, by, clock.instant())) {
            flag(platformId, subject, name, qualified, by);
        }
    }

    public List<AssessorStatus> onPlatform(UUID platformId) {
        return store.onPlatform(platformId);
    }
}
