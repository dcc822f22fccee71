package org.attest.tool.quality.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.attest.tool.lti.AttestRole;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.portfolio.AccessRecords;
import org.attest.tool.portfolio.LearnerUnit;
import org.attest.tool.portfolio.SamplingCandidates;
import org.attest.tool.portfolio.UnitForSampling;
import org.attest.tool.standards.FrameworkCatalog;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * External verifiers' access: a centre administrator grants it ({@link #create}), revokes it at once or issues a new
 * one-time link and access code ({@link #reissue}, the old ones die); the EQA signs in once with the link and the code
 * ({@link #signIn}: five wrong codes lock the link). Whether a grant is live is read on every request
 * ({@link #active}), so a revocation takes effect at once. Links and codes are never stored, only their SHA-256
 * (the code's salted with the grant's id). Holds all SQL of {@code eqa_grant}; every change is in the audit trail.
 */
@Service
public class EqaGrants {

    /** Wrong codes after which the link is locked and the administrator must issue a new one. */
    public static final int MAX_ATTEMPTS = 5;
    public static final int MAX_NAME = 200;
    public static final int MAX_EMAIL = 254;
    public static final int MAX_UNIT_CODES = 1000;
    /** No 0/O, 1/I/L: a code read out over the phone is typed right. */
    static final String CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    static final int CODE_LENGTH = 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What the administrator asks for; checked by {@link #create}. */
    public record Request(String name, String email, String awardingBody, UUID frameworkId, String unitCodes, UUID planId,
            LocalDate startsOn, LocalDate endsOn) {
    }

    /** A grant with the link and code just made: shown to the administrator once, never stored. */
    public record Issued(EqaGrant grant, String linkToken, String accessCode) {
    }

    /** The outcome of a sign-in: the grant, or what was refused and the HTTP status to say it with. */
    public record SignIn(EqaGrant grant, int status, String refusal) {

        public boolean accepted() {
            return refusal == null;
        }

        static SignIn refused(int status, String why) {
            return new SignIn(null, status, why);
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AccessRecords records;
    private final FrameworkCatalog catalog;
    private final SamplingCandidates candidates;

    EqaGrants(JdbcClient jdbc, Clock clock, AccessRecords records, FrameworkCatalog catalog,
            SamplingCandidates candidates) {
        this.candidates = candidates;
        this.jdbc = jdbc;
        this.clock = clock;
        this.records = records;
        this.catalog = catalog;
    }

    /** The centre's grants, newest first. */
    public List<EqaGrant> onPlatform(UUID platformId) {
        return jdbc.sql("SELECT * FROM eqa_grant WHERE platform_id = ? ORDER BY created_at DESC, id").param(platformId)
                .query(EqaGrants::grant).list();
    }

    public Optional<EqaGrant> find(UUID id) {
        return jdbc.sql("SELECT * FROM eqa_grant WHERE id = ?").param(id).query(EqaGrants::grant).optional();
    }

    /** A grant of this centre, or "not found". */
    public EqaGrant of(UUID platformId, UUID id) {
        return find(id).filter(g -> g.platformId().equals(platformId))
                .orElseThrow(() -> QualityRefused.notFound("The external verifier's grant"));
    }

    /**
     * Grants access and makes its one-time link and access code. Refused with what to correct when a name is blank,
     * text too long, the dates reversed or past, the qualification not the centre's, a unit not in it, or the plan not
     * a plan of that qualification in the centre.
     */
    @Transactional
    public Issued create(UUID platformId, Request request, String by) {
        String name = required(request.name(), "the external verifier's name", MAX_NAME);
        String email = required(request.email(), "the external verifier's email address", MAX_EMAIL);
        if (!email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw QualityRefused.invalid("'" + email + "' is not an email address; write it as name@example.org");
        }
        String body = required(request.awardingBody(), "the awarding body (for example City & Guilds or Pearson)", MAX_NAME);
        if (request.frameworkId() == null) {
            throw QualityRefused.invalid("choose the qualification the external verifier checks");
        }
        List<String> known = unitCodes(platformId, request.frameworkId());
        if (known.isEmpty()) {
            throw QualityRefused.invalid("the qualification " + request.frameworkId() + " is not one your centre uses; "
                    + "choose one from the list");
        }
        String codesText = request.unitCodes() == null ? "" : request.unitCodes().strip();
        if (codesText.length() > MAX_UNIT_CODES) {
            throw QualityRefused.invalid("the unit codes are " + codesText.length() + " characters long; write at most "
                    + MAX_UNIT_CODES + ", or leave them out for every unit");
        }
        List<String> codes = Arrays.stream(codesText.split("[\\s,;]+")).filter(c -> !c.isEmpty()).distinct().toList();
        List<String> unknown = codes.stream().filter(c -> !known.contains(c)).toList();
        if (!unknown.isEmpty()) {
            throw QualityRefused.invalid("the qualification has no unit " + String.join(", ", unknown) + "; its units are "
                    + String.join(", ", known) + " (leave the units empty for all of them)");
        }
        if (request.planId() != null) {
            Optional<UUID> planFramework = jdbc.sql("SELECT framework_id FROM sampling_plan WHERE id = ? AND platform_id = ?")
                    .params(request.planId(), platformId).query(UUID.class).optional();
            if (planFramework.isEmpty() || !planFramework.get().equals(request.frameworkId())) {
                throw QualityRefused.invalid("the sampling plan chosen is not a plan of this qualification in your centre; "
                        + "choose one of its plans, or every learner unit");
            }
        }
        if (request.startsOn() == null || request.endsOn() == null) {
            throw QualityRefused.invalid("give the first and the last day of the external verifier's access");
        }
        if (request.endsOn().isBefore(request.startsOn())) {
            throw QualityRefused.invalid("the access ends (" + request.endsOn() + ") before it starts (" + request.startsOn()
                    + "); the end date must be on or after the start date");
        }
        if (request.endsOn().isBefore(today())) {
            throw QualityRefused.invalid("the access would end on " + request.endsOn() + ", which has passed; choose an "
                    + "end date from today on");
        }
        UUID id = UUID.randomUUID();
        String link = newLink();
        String code = newCode();
        Instant now = clock.instant();
        jdbc.sql("""
                INSERT INTO eqa_grant (id, platform_id, name, email, awarding_body, framework_id, unit_codes, plan_id,
                    starts_on, ends_on, link_hash, code_hash, link_issued_at, failed_attempts, created_by, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)""")
                .params(id, platformId, name, email, body, request.frameworkId(), String.join(" ", codes), request.planId(),
                        request.startsOn(), request.endsOn(), hash(link), codeHash(id, code), Timestamp.from(now), by,
                        Timestamp.from(now))
                .update();
        EqaGrant grant = find(id).orElseThrow();
        records.record(platformId, by, by, AccessRecords.Event.GRANT_CREATED, id, describe(grant));
        return new Issued(grant, link, code);
    }

    /** Ends the grant now: the EQA's open session loses access on its next request. */
    @Transactional
    public EqaGrant revoke(UUID platformId, UUID id, String by) {
        EqaGrant grant = of(platformId, id);
        if (grant.revokedAt() != null) {
            throw QualityRefused.invalid("the grant to " + grant.name() + " was already revoked");
        }
        jdbc.sql("UPDATE eqa_grant SET revoked_at = ?, revoked_by = ?, link_hash = NULL WHERE id = ? AND revoked_at IS NULL")
                .params(Timestamp.from(clock.instant()), by, id).update();
        // the EQA's passkeys end with the grant
        jdbc.sql("DELETE FROM eqa_passkey WHERE grant_id = ?").param(id).update();
        records.record(platformId, by, by, AccessRecords.Event.GRANT_REVOKED, id, Map.of("grant", id, "eqa", grant.name()));
        return find(id).orElseThrow();
    }

    /** A new one-time link and code for the grant; the old ones no longer work and the wrong-code count starts again. */
    @Transactional
    public Issued reissue(UUID platformId, UUID id, String by) {
        EqaGrant grant = of(platformId, id);
        if (grant.revokedAt() != null) {
            throw QualityRefused.invalid("the grant to " + grant.name() + " was revoked; grant access again instead");
        }
        String link = newLink();
        String code = newCode();
        jdbc.sql("""
                UPDATE eqa_grant SET link_hash = ?, code_hash = ?, link_issued_at = ?, failed_attempts = 0, locked_at = NULL
                WHERE id = ?""")
                .params(hash(link), codeHash(id, code), Timestamp.from(clock.instant()), id).update();
        records.record(platformId, by, by, AccessRecords.Event.LINK_REISSUED, id, Map.of("grant", id, "eqa", grant.name()));
        return new Issued(find(id).orElseThrow(), link, code);
    }

    /** The grant a one-time link names, if it can still be used; otherwise why not. Changes nothing. */
    public SignIn link(String linkToken) {
        Optional<EqaGrant> found = byLink(linkToken);
        if (found.isEmpty()) {
            return SignIn.refused(404, "This sign-in link is not valid: it may have been used already or replaced by a "
                    + "newer one. Ask the centre for a new link and code.");
        }
        return usable(found.get());
    }

    /**
     * Signs in with the link and the code: a right code inside the grant's dates uses the link up; a wrong one counts,
     * and the fifth locks the link. Before the start, after the end or after revocation nothing changes.
     */
    @Transactional
    public SignIn signIn(String linkToken, String code) {
        SignIn checked = link(linkToken);
        if (!checked.accepted()) {
            return checked;
        }
        EqaGrant grant = checked.grant();
        String typed = code == null ? "" : code.strip().toUpperCase(java.util.Locale.ROOT).replace(" ", "").replace("-", "");
        if (!MessageDigest.isEqual(codeHash(grant.id(), typed).getBytes(StandardCharsets.US_ASCII),
                storedCodeHash(grant.id()).getBytes(StandardCharsets.US_ASCII))) {
            jdbc.sql("UPDATE eqa_grant SET failed_attempts = failed_attempts + 1 WHERE id = ? AND locked_at IS NULL")
                    .param(grant.id()).update();
            int attempts = find(grant.id()).orElseThrow().failedAttempts();
            boolean locked = attempts >= MAX_ATTEMPTS;
            if (locked) {
                jdbc.sql("UPDATE eqa_grant SET locked_at = ? WHERE id = ? AND locked_at IS NULL")
                        .params(Timestamp.from(clock.instant()), grant.id()).update();
            }
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("grant", grant.id());
            detail.put("reason", "wrong access code");
            detail.put("attempts", attempts);
            detail.put("locked", locked);
            records.record(grant.platformId(), grant.subject(), grant.name(), AccessRecords.Event.SIGN_IN_REFUSED,
                    grant.id(), detail);
            return SignIn.refused(locked ? 403 : 400, locked
                    ? "That access code is not right, and it was the " + MAX_ATTEMPTS + "th wrong one: this link is now "
                            + "locked. Ask the centre to issue a new link and code."
                    : "That access code is not right. Check the code the centre gave you (8 letters and digits); "
                            + (MAX_ATTEMPTS - attempts) + (MAX_ATTEMPTS - attempts == 1 ? " try is" : " tries are")
                            + " left before the link is locked.");
        }
        int used = jdbc.sql("UPDATE eqa_grant SET link_hash = NULL WHERE id = ? AND link_hash = ? AND locked_at IS NULL "
                + "AND revoked_at IS NULL").params(grant.id(), hash(linkToken)).update();
        if (used != 1) { // another request used it in the meantime
            return SignIn.refused(404, "This sign-in link has just been used. Ask the centre for a new link and code.");
        }
        records.record(grant.platformId(), grant.subject(), grant.name(), AccessRecords.Event.SIGNED_IN, grant.id(),
                Map.of("grant", grant.id()));
        return new SignIn(grant, 200, null);
    }

    /** The principal the EQA's session carries: the grant's centre, subject {@code eqa:{grantId}}, no LTI roles. */
    public LtiPrincipal principal(EqaGrant grant) {
        return new LtiPrincipal(grant.platformId(), "attest:eqa", null, null, null, grant.subject(), grant.name(),
                grant.email(), List.of(), EnumSet.of(AttestRole.EXTERNAL_VERIFIER), null, null, null, null, null, Map.of(),
                null, null, null, null, null, clock.instant());
    }

    /** The live grant of an EQA's session: started, not ended, not revoked, of the centre they signed in to. */
    public Optional<EqaGrant> active(LtiPrincipal user) {
        if (user == null || !user.has(AttestRole.EXTERNAL_VERIFIER) || user.subject() == null
                || !user.subject().startsWith(EqaGrant.SUBJECT_PREFIX)) {
            return Optional.empty();
        }
        UUID id;
        try {
            id = UUID.fromString(user.subject().substring(EqaGrant.SUBJECT_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        LocalDate today = today();
        return find(id).filter(g -> g.platformId().equals(user.platformId())).filter(g -> g.activeOn(today));
    }

    /** The EQA's live grant, or the refusal their page shows. */
    public EqaGrant requireActive(LtiPrincipal user) {
        return active(user).orElseThrow(() -> QualityRefused.forbidden("these pages are for an external verifier whose "
                + "centre's grant is active; the grant has ended, was revoked or has not started. Ask the centre."));
    }

    /** The grant covers this learner unit: its centre, qualification, unit and, for a sample-only grant, the sample. */
    public boolean covers(EqaGrant grant, LearnerUnit unit) {
        return grant.platformId().equals(unit.course().platformId()) && grant.frameworkId().equals(unit.frameworkId())
                && grant.coversUnitCode(unit.unitCode()) && (!grant.sampleOnly() || inSample(grant.planId(), unit.id()));
    }

    boolean inSample(UUID planId, UUID learnerUnitId) {
        // read straight from the plan's sample: SamplingPlans itself asks QualityAccess, which asks this class
        return jdbc.sql("SELECT COUNT(*) FROM sample_item WHERE plan_id = ? AND learner_unit_id = ? AND status <> 'REMOVED'")
                .params(planId, learnerUnitId).query(Long.class).single() > 0;
    }

    /** The unit codes of the qualification as the centre can use it; empty when the centre has no such qualification. */
    public List<String> unitCodes(UUID platformId, UUID frameworkId) {
        return catalog.units(platformId).stream().filter(u -> u.framework().id().equals(frameworkId))
                .map(u -> u.unit().code()).distinct().toList();
    }

    /** A sampling plan the administrator may scope a grant to. */
    public record PlanChoice(UUID id, UUID frameworkId, String title) {
    }

    /** The centre's sampling plans, for the grant form (read here: {@code SamplingPlans} asks for an IQA). */
    public List<PlanChoice> planChoices(UUID platformId) {
        return jdbc.sql("SELECT id, framework_id, title FROM sampling_plan WHERE platform_id = ? ORDER BY created_at DESC, id")
                .param(platformId).query((rs, n) -> new PlanChoice(rs.getObject("id", UUID.class),
                        rs.getObject("framework_id", UUID.class), rs.getString("title"))).list();
    }

    /** The learner units the grant covers, by learner and unit (only the plan's sample for a sample-only grant). */
    public List<UnitForSampling> coveredUnits(EqaGrant grant) {
        List<UnitForSampling> units = candidates.ofCentre(grant.platformId(), grant.frameworkId(), grant.unitCodes());
        if (!grant.sampleOnly()) {
            return units;
        }
        java.util.Set<UUID> sample = new java.util.HashSet<>(jdbc.sql(
                        "SELECT learner_unit_id FROM sample_item WHERE plan_id = ? AND status <> 'REMOVED'")
                .param(grant.planId()).query(UUID.class).list());
        return units.stream().filter(u -> sample.contains(u.learnerUnitId())).toList();
    }

    /** One learner unit the grant covers, or "not found" (the same answer as for a unit that does not exist). */
    public UnitForSampling coveredUnit(EqaGrant grant, UUID learnerUnitId) {
        // one learner unit read, not the whole grant's
        return candidates.one(grant.platformId(), learnerUnitId)
                .filter(u -> u.frameworkId().equals(grant.frameworkId()) && grant.coversUnitCode(u.unitCode()))
                .filter(u -> !grant.sampleOnly() || jdbc.sql("""
                        SELECT COUNT(*) FROM sample_item WHERE plan_id = ? AND learner_unit_id = ? AND status <> 'REMOVED'""")
                        .params(grant.planId(), learnerUnitId).query(Long.class).single() > 0)
                .orElseThrow(() -> QualityRefused.notFound("That learner unit"));
    }

    LocalDate today() {
        return LocalDate.now(clock);
    }

    private SignIn usable(EqaGrant grant) {
        LocalDate today = today();
        return switch (grant.status(today)) {
            case REVOKED -> SignIn.refused(403, "The centre has revoked this access. Ask the centre if you still need it.");
            case NOT_STARTED -> SignIn.refused(403, "This access starts on " + grant.startsOn() + "; come back then. "
                    + "Nothing was changed: the link still works from that day.");
            case EXPIRED -> SignIn.refused(403, "This access ended on " + grant.endsOn() + ". Ask the centre for a new grant "
                    + "if you still need it.");
            case ACTIVE -> grant.locked()
                    ? SignIn.refused(403, "This link was locked after " + MAX_ATTEMPTS + " wrong access codes. Ask the "
                            + "centre to issue a new link and code.")
                    : new SignIn(grant, 200, null);
        };
    }

    private Optional<EqaGrant> byLink(String linkToken) {
        if (linkToken == null || linkToken.length() < 32 || linkToken.length() > 128) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT * FROM eqa_grant WHERE link_hash = ?").param(hash(linkToken)).query(EqaGrants::grant)
                .optional();
    }

    private String storedCodeHash(UUID id) {
        return jdbc.sql("SELECT code_hash FROM eqa_grant WHERE id = ?").param(id).query(String.class).single();
    }

    private static Map<String, Object> describe(EqaGrant g) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("grant", g.id());
        detail.put("eqa", g.name());
        detail.put("awardingBody", g.awardingBody());
        detail.put("framework", g.frameworkId());
        detail.put("units", g.allUnits() ? "all" : String.join(" ", g.unitCodes()));
        detail.put("plan", g.planId() == null ? "every learner unit" : g.planId().toString());
        detail.put("startsOn", g.startsOn());
        detail.put("endsOn", g.endsOn());
        return detail;
    }

    private static String required(String text, String what, int max) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            throw QualityRefused.invalid("give " + what);
        }
        if (t.length() > max) {
            throw QualityRefused.invalid(what.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + what.substring(1)
                    + " is " + t.length() + " characters long; write at most " + max);
        }
        return t;
    }

    /** 256 random bits, base64url: the one-time link's token. */
    static String newLink() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String newCode() {
        StringBuilder code = new StringBuilder(CODE_LENGTH);
        for (int i = 0; i < CODE_LENGTH; i++) {
            code.append(CODE_ALPHABET.charAt(RANDOM.nextInt(CODE_ALPHABET.length())));
        }
        return code.toString();
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    private static String codeHash(UUID grantId, String code) {
        return hash(grantId + ":" + code);
    }

    private static EqaGrant grant(ResultSet rs, int n) throws SQLException {
        String codes = rs.getString("unit_codes");
        Timestamp locked = rs.getTimestamp("locked_at");
        Timestamp revoked = rs.getTimestamp("revoked_at");
        return new EqaGrant(rs.getObject("id", UUID.class), rs.getObject("platform_id", UUID.class), rs.getString("name"),
                rs.getString("email"), rs.getString("awarding_body"), rs.getObject("framework_id", UUID.class),
                codes == null || codes.isBlank() ? List.of() : List.of(codes.strip().split(" ")),
                rs.getObject("plan_id", UUID.class), rs.getObject("starts_on", LocalDate.class),
                rs.getObject("ends_on", LocalDate.class), rs.getTimestamp("link_issued_at").toInstant(),
                rs.getString("link_hash") != null, rs.getInt("failed_attempts"),
                locked == null ? null : locked.toInstant(), revoked == null ? null : revoked.toInstant(),
                rs.getString("revoked_by"), rs.getString("created_by"), rs.getTimestamp("created_at").toInstant());
    }
}
