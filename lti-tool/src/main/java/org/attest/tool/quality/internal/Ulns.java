package org.attest.tool.quality.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.attest.tool.lti.AttestRole;
import org.attest.tool.lti.LaunchAccepted;
import org.attest.tool.lti.LtiPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Learners' Unique Learner Numbers, for the certificate claim. A launch carries one when the LMS fills the custom
 * parameter {@code uln} (in Moodle: {@code uln=$Person.sourcedId} where the student record system feeds the ULN as the
 * person's source id), or when the LIS claim's {@code person_sourcedid} (Moodle sends the user's ID number) is a valid
 * ULN; the custom parameter wins when both are there. The centre can also enter it. Every ULN is checked against its check digit (first digit not
 * zero; the digits weighted 10 to 1 sum to 10 modulo 11), so a mistyped number is refused. Holds all SQL of
 * {@code learner_uln}.
 */
@Service
public class Ulns {

    private static final Logger log = LoggerFactory.getLogger(Ulns.class);

    /** The custom parameter a launch carries the ULN in. */
    public static final String CUSTOM_PARAMETER = "uln";

    public enum Source { LAUNCH, ENTERED }

    private record Learner(UUID platformId, String subject) {
    }

    /** What this replica stored lately, so a learner's launches write once (and read nothing) while it stays the same. */
    private final Cache<Learner, String> stored = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofMinutes(10)).build();
    private final JdbcClient jdbc;
    private final Clock clock;

    Ulns(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A valid ULN: ten digits, the first not zero, and the check digit right. */
    public static boolean valid(String uln) {
        if (uln == null || uln.length() != 10 || uln.charAt(0) == '0') {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            char c = uln.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            sum += (c - '0') * (10 - i);
        }
        return sum % 11 == 10;
    }

    /** A learner's launch that carries a ULN records it (a launch without one changes nothing, and costs nothing). */
    @EventListener
    void on(LaunchAccepted launch) {
        LtiPrincipal user = launch.principal();
        String custom = user.custom() == null ? null : user.custom().get(CUSTOM_PARAMETER);
        if (user.platformId() == null || !user.has(AttestRole.LEARNER)) {
            return;
        }
        String uln;
        if (custom != null) {
            uln = custom.strip();
            if (!valid(uln)) {
                log.info("A launch of learner {} carried '{}' as ULN, which is not a valid ULN: not recorded", user.subject(), uln);
                return;
            }
        } else if (user.personSourcedId() != null && valid(user.personSourcedId().strip())) {
            uln = user.personSourcedId().strip(); // the student record system's id of the person is their ULN
        } else {
            return; // no ULN in this launch (a sourcedId that is no ULN, such as a college's own id, is not one)
        }
        Learner learner = new Learner(user.platformId(), user.subject());
        if (uln.equals(stored.getIfPresent(learner))) {
            return;
        }
        try {
            record(user.platformId(), user.subject(), uln, Source.LAUNCH, "launch");
            stored.put(learner, uln);
        } catch (RuntimeException e) {
            log.warn("Recording the ULN of learner {} after a launch failed: {}", user.subject(), e.toString());
        }
    }

    /** The centre enters (or corrects) a learner's ULN; an invalid one is refused and changes nothing. */
    public void enter(UUID platformId, String learnerSubject, String uln, String by) {
        String clean = checked(uln);
        record(platformId, learnerSubject, clean, Source.ENTERED, by);
        stored.invalidate(new Learner(platformId, learnerSubject));
    }

    /** A ULN as typed (spaces allowed between digit groups), as kept; refused when it is not a valid ULN. */
    static String checked(String uln) {
        String clean = uln == null ? "" : uln.replace(" ", "").strip();
        if (!valid(clean)) {
            throw QualityRefused.invalid("'" + (uln == null ? "" : uln.strip()) + "' is not a valid ULN: a ULN has ten "
                    + "digits, does not start with 0, and its last digit checks the others; copy it from the Learning "
                    + "Records Service");
        }
        return clean;
    }

    /** The ULNs of a centre's learners, by learner subject. */
    public Map<String, String> ofCentre(UUID platformId) {
        Map<String, String> result = new HashMap<>();
        jdbc.sql("SELECT learner_subject, uln FROM learner_uln WHERE platform_id = ?").param(platformId)
                .query(rs -> {
                    result.put(rs.getString("learner_subject"), rs.getString("uln"));
                });
        return result;
    }

    public Optional<String> of(UUID platformId, String learnerSubject) {
        return jdbc.sql("SELECT uln FROM learner_uln WHERE platform_id = ? AND learner_subject = ?")
                .params(platformId, learnerSubject).query(String.class).optional();
    }

    private void record(UUID platformId, String subject, String uln, Source source, String by) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                INSERT INTO learner_uln (platform_id, learner_subject, uln, source, updated_by, updated_at)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                .params(platformId, subject, uln, source.name(), by, now).update();
        jdbc.sql("UPDATE learner_uln SET uln = ?, source = ?, updated_by = ?, updated_at = ? "
                        + "WHERE platform_id = ? AND learner_subject = ? AND uln <> ?")
                .params(uln, source.name(), by, now, platformId, subject, uln).update();
    }
}
