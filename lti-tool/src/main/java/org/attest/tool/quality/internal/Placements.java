package org.attest.tool.quality.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import org.attest.tool.lti.AttestRole;
import org.attest.tool.lti.LaunchAccepted;
import org.attest.tool.lti.LtiPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Where each learner works and is assessed: their employer and assessment site, which the sampling plan spreads its
 * sample across. A launch carries them in the custom parameters {@code employer} and {@code site} (a centre sets them on
 * the course or activity in the LMS; Moodle has no substitution for them), or the centre enters them on the Learner
 * details page. A value the centre entered stands: later launches fill only what the centre has not entered. Holds all
 * SQL of {@code learner_placement}.
 */
@Service
public class Placements {

    private static final Logger log = LoggerFactory.getLogger(Placements.class);

    /** The custom parameters a launch carries the employer and the assessment site in. */
    public static final String EMPLOYER_PARAMETER = "employer";
    public static final String SITE_PARAMETER = "site";
    /** The longest employer or site name kept. */
    public static final int MAX_LENGTH = 200;

    /** A substitution variable the LMS did not fill ({@code $Person.employer}) arrives as written: not a name. */
    private static final Pattern UNFILLED = Pattern.compile("\\$[A-Za-z][A-Za-z0-9._]*");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    public enum Source { LAUNCH, ENTERED }

    /**
     * A learner's employer and assessment site, each null where not known, and where each came from.
     */
    public record Placement(String employer, Source employerSource, String site, Source siteSource) {

        static final Placement NONE = new Placement(null, null, null, null);
    }

    private record Learner(UUID platformId, String subject) {
    }

    private record FromLaunch(String employer, String site) {
    }

    /** What this replica wrote from launches lately, so a learner's launches write once while the values stay. */
    private final Cache<Learner, FromLaunch> stored = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofMinutes(10)).build();
    private final JdbcClient jdbc;
    private final Clock clock;

    Placements(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * An employer or site name as kept: control and invisible formatting characters dropped, runs of white space made
     * one space, trimmed. Empty when nothing is left.
     */
    static String clean(String raw) {
        if (raw == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(raw.length());
        raw.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp) || Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                out.append(' ');
            } else if (Character.getType(cp) != Character.FORMAT && Character.getType(cp) != Character.UNASSIGNED
                    && Character.getType(cp) != Character.PRIVATE_USE && Character.getType(cp) != Character.SURROGATE) {
                out.appendCodePoint(cp);
            }
        });
        return SPACES.matcher(out).replaceAll(" ").strip();
    }

    /**
     * An employer or site the centre typed, as kept: null for a blank one (not known); refused when too long.
     *
     * @param what "employer" or "assessment site", for the message
     */
    static String entered(String raw, String what) {
        String clean = clean(raw);
        if (clean.length() > MAX_LENGTH) {
            throw QualityRefused.invalid("the " + what + " is " + clean.length() + " characters long; write at most "
                    + MAX_LENGTH + " (the name people know it by, such as \"Greggs, Leeds Kirkgate\")");
        }
        return clean.isEmpty() ? null : clean;
    }

    /** A learner's launch that carries an employer or site records it; a launch without them costs nothing. */
    @EventListener
    void on(LaunchAccepted launch) {
        LtiPrincipal user = launch.principal();
        Map<String, String> custom = user.custom();
        if (custom == null || user.platformId() == null || !user.has(AttestRole.LEARNER)
                || (!custom.containsKey(EMPLOYER_PARAMETER) && !custom.containsKey(SITE_PARAMETER))) {
            return;
        }
        FromLaunch seen = new FromLaunch(fromLaunch(custom.get(EMPLOYER_PARAMETER), EMPLOYER_PARAMETER, user),
                fromLaunch(custom.get(SITE_PARAMETER), SITE_PARAMETER, user));
        Learner learner = new Learner(user.platformId(), user.subject());
        if ((seen.employer() == null && seen.site() == null) || seen.equals(stored.getIfPresent(learner))) {
            return;
        }
        try {
            launched(user.platformId(), user.subject(), seen);
            stored.put(learner, seen);
        } catch (RuntimeException e) {
            log.warn("Recording the employer and site of learner {} after a launch failed: {}", user.subject(), e.toString());
        }
    }

    /** The value a launch's parameter gives, or null (logged) when it is blank, unfilled or too long. */
    private static String fromLaunch(String raw, String parameter, LtiPrincipal user) {
        if (raw == null) {
            return null;
        }
        String clean = clean(raw);
        if (clean.isEmpty()) {
            return null;
        }
        if (UNFILLED.matcher(clean).matches()) {
            log.info("A launch of learner {} carried the custom parameter {} as '{}', a substitution the LMS did not "
                    + "fill: not recorded", user.subject(), parameter, clean);
            return null;
        }
        if (clean.length() > MAX_LENGTH) {
            log.info("A launch of learner {} carried a custom parameter {} of {} characters (at most {} are kept): not "
                    + "recorded", user.subject(), parameter, clean.length(), MAX_LENGTH);
            return null;
        }
        return clean;
    }

    /** The employers and sites of a centre's learners, by learner subject. */
    public Map<String, Placement> ofCentre(UUID platformId) {
        Map<String, Placement> result = new HashMap<>();
        jdbc.sql("SELECT * FROM learner_placement WHERE platform_id = ?").param(platformId)
                .query(rs -> {
                    result.put(rs.getString("learner_subject"), placement(rs));
                });
        return result;
    }

    /** A learner's employer and site; {@link Placement#NONE} when nothing is known. */
    public Placement of(UUID platformId, String learnerSubject) {
        return jdbc.sql("SELECT * FROM learner_placement WHERE platform_id = ? AND learner_subject = ?")
                .params(platformId, learnerSubject).query((rs, n) -> placement(rs)).optional().orElse(Placement.NONE);
    }

    /**
     * The centre sets a learner's employer and site (each already {@link #entered cleaned}; null: not known). A value
     * that changes becomes the centre's, which launches leave alone; one that stays keeps its source.
     */
    void enter(UUID platformId, String learnerSubject, String employer, String site, String by) {
        Placement now = of(platformId, learnerSubject);
        Source employerSource = Objects.equals(now.employer(), employer) ? now.employerSource() : Source.ENTERED;
        Source siteSource = Objects.equals(now.site(), site) ? now.siteSource() : Source.ENTERED;
        Timestamp at = Timestamp.from(clock.instant());
        int inserted = jdbc.sql("""
                INSERT INTO learner_placement (platform_id, learner_subject, employer, employer_source, site, site_source,
                    updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                .params(platformId, learnerSubject, employer, name(employerSource), site, name(siteSource), by, at)
                .update();
        if (inserted == 0) {
            jdbc.sql("""
                    UPDATE learner_placement SET employer = ?, employer_source = ?, site = ?, site_source = ?,
                        updated_by = ?, updated_at = ? WHERE platform_id = ? AND learner_subject = ?""")
                    .params(employer, name(employerSource), site, name(siteSource), by, at, platformId, learnerSubject)
                    .update();
        }
        stored.invalidate(new Learner(platformId, learnerSubject));
    }

    /** A launch fills the employer and site it carries, except where the centre entered them. */
    private void launched(UUID platformId, String subject, FromLaunch values) {
        Timestamp at = Timestamp.from(clock.instant());
        jdbc.sql("""
                INSERT INTO learner_placement (platform_id, learner_subject, employer, employer_source, site, site_source,
                    updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'launch', ?) ON CONFLICT DO NOTHING""")
                .params(platformId, subject, values.employer(), values.employer() == null ? null : Source.LAUNCH.name(),
                        values.site(), values.site() == null ? null : Source.LAUNCH.name(), at)
                .update();
        if (values.employer() != null) {
            jdbc.sql("""
                    UPDATE learner_placement SET employer = ?, employer_source = 'LAUNCH', updated_by = 'launch', updated_at = ?
                    WHERE platform_id = ? AND learner_subject = ? AND (employer_source IS NULL OR employer_source = 'LAUNCH')
                      AND (employer IS NULL OR employer <> ?)""")
                    .params(values.employer(), at, platformId, subject, values.employer()).update();
        }
        if (values.site() != null) {
            jdbc.sql("""
                    UPDATE learner_placement SET site = ?, site_source = 'LAUNCH', updated_by = 'launch', updated_at = ?
                    WHERE platform_id = ? AND learner_subject = ? AND (site_source IS NULL OR site_source = 'LAUNCH')
                      AND (site IS NULL OR site <> ?)""")
                    .params(values.site(), at, platformId, subject, values.site()).update();
        }
    }

    private static String name(Source source) {
        return source == null ? null : source.name();
    }

    private static Placement placement(ResultSet rs) throws SQLException {
        String employerSource = rs.getString("employer_source");
        String siteSource = rs.getString("site_source");
        return new Placement(rs.getString("employer"), employerSource == null ? null : Source.valueOf(employerSource),
                rs.getString("site"), siteSource == null ? null : Source.valueOf(siteSource));
    }
}
