package org.attest.tool.portfolio.internal;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Cache;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
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

    /** How long a name this replica recorded is trusted to be the stored one. */
    static final Duration KNOWN_FOR = Duration.ofMinutes(1);
    private static final int KEPT_AT_MOST = 10_000;

    private record Who(UUID platformId, String subject) {
    }

    private final Cache<Who, String> recorded = Caffeine.newBuilder().maximumSize(KEPT_AT_MOST).expireAfterWrite(KNOWN_FOR).build();
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

    /**
     * Remembers an assessor who launched, so the centre can find them to flag; keeps any flag already set. Writes only
     * when their name is new or changed; a launch whose name this replica recorded or read within {@link #KNOWN_FOR}
     * costs no statement at all (a rename on another replica is seen here once that time has passed).
     */
    public void seen(LtiPrincipal assessor) {
        if (!assessor.has(AttestRole.ASSESSOR) || assessor.platformId() == null) {
            return;
        }
        Who who = new Who(assessor.platformId(), assessor.subject());
        String name = assessor.displayName();
        String known = recorded.getIfPresent(who);
        if (known != null && known.equals(name)) {
            return;
        }
        Optional<AssessorStatus> stored = store.status(who.platformId(), who.subject());
        if (stored.isPresent()) {
            if (!Objects.equals(stored.get().name(), name)) {
                store.rename(who.platformId(), who.subject(), name);
            }
        } else if (!store.insert(who.platformId(), who.subject(), name, true, "first launch", clock.instant())) {
            // another request of the same assessor recorded them first
            store.rename(who.platformId(), who.subject(), name);
        }
        if (name != null) {
            recorded.put(who, name); // a cache holds no null; a nameless assessor is simply read again
        }
    }

    /** Flags an assessor qualified or not; by a centre administrator, on the admin page or through the token API. */
    public void flag(UUID platformId, String subject, String name, boolean qualified, String by) {
        recorded.invalidate(new Who(platformId, subject));
        if (!store.update(platformId, subject, name, qualified, by, clock.instant())
                && !store.insert(platformId, subject, name == null ? subject : name, qualified, by, clock.instant())) {
            flag(platformId, subject, name, qualified, by);
        }
    }

    public List<AssessorStatus> onPlatform(UUID platformId) {
        return store.onPlatform(platformId);
    }
}
