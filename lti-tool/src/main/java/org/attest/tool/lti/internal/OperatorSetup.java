package org.attest.tool.lti.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.attest.tool.lti.AttestRole;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.lti.LtiProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * How the person who runs Attest gets in without a default password: a one-time setup link,
 * logged on first start (and printed on demand with {@code --attest.admin.new-setup-link=true}),
 * signs them in as the operator, a centre administrator of every platform.
 */
@Component
public class OperatorSetup {

    /** The operator's issuer; no platform can have it, since platform issuers are http(s) URLs. */
    public static final String ISSUER = "attest:operator";
    static final String MESSAGE_TYPE = "AttestOperator";
    static final Duration VALID_FOR = Duration.ofHours(24);

    private static final Logger log = LoggerFactory.getLogger(OperatorSetup.class);

    private final OneTimeTokens tokens;
    private final LaunchSessions sessions;
    private final LtiProperties properties;
    private final Clock clock;

    OperatorSetup(OneTimeTokens tokens, LaunchSessions sessions, LtiProperties properties, Clock clock) {
        this.tokens = tokens;
        this.sessions = sessions;
        this.properties = properties;
        this.clock = clock;
    }

    /** Whether this is the operator (signed in by a setup link) rather than someone who launched from an LMS. */
    public static boolean isOperator(LtiPrincipal principal) {
        return principal != null && principal.platformId() == null && ISSUER.equals(principal.issuer())
                && principal.has(AttestRole.CENTRE_ADMIN);
    }

    /** Makes a setup link, valid for one use within 24 hours. */
    public String newLink() {
        return properties.baseUrlString() + "/admin/setup/" + tokens.mint(OneTimeTokens.Purpose.OPERATOR_SETUP, VALID_FOR);
    }

    /** Uses the setup link's token and signs the operator in; returns the session token, or empty if the link is spent. */
    @Transactional
    public Optional<String> signIn(String setupToken) {
        if (!tokens.consume(setupToken, OneTimeTokens.Purpose.OPERATOR_SETUP)) {
            return Optional.empty();
        }
        log.info("Operator signed in with a setup link");
        return Optional.of(sessions.start(operator(), LaunchSessions.Status.ACTIVE, null));
    }

    /** Until someone has used a setup link, every start logs a fresh one. */
    @EventListener(ApplicationReadyEvent.class)
    void offerFirstStartLink() {
        firstStartLink().ifPresent(link -> {
            log.info("First start: open {} to administer Attest (one use, valid 24 hours)", link);
            log.info("To register an LMS: sign in with the setup link, open Connect an LMS, and make a one-time registration URL "
                    + "to paste into Moodle or Canvas (docs/admin.md)");
        });
    }

    Optional<String> firstStartLink() {
        return tokens.anyUsed(OneTimeTokens.Purpose.OPERATOR_SETUP) ? Optional.empty() : Optional.of(newLink());
    }

    private LtiPrincipal operator() {
        return new LtiPrincipal(null, ISSUER, null, null, MESSAGE_TYPE, "operator", "Operator", null, List.of(),
                Set.of(AttestRole.CENTRE_ADMIN), null, null, null, null, null, Map.of(), null, null, null, null, "en-GB",
                clock.instant());
    }
}
