package org.attest.tool.quality.internal;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.exception.DataConversionException;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.AuthenticationRequest;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.RegistrationRequest;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.COSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import com.webauthn4j.verifier.exception.BadChallengeException;
import com.webauthn4j.verifier.exception.BadOriginException;
import com.webauthn4j.verifier.exception.BadRpIdException;
import com.webauthn4j.verifier.exception.MaliciousCounterValueException;
import com.webauthn4j.verifier.exception.UserNotVerifiedException;
import com.webauthn4j.verifier.exception.VerificationException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.attest.tool.lti.LtiProperties;
import org.attest.tool.portfolio.AccessRecords;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Passkeys (WebAuthn) for external verifiers, checked with webauthn4j: an EQA signed in with the link and code adds a
 * passkey ({@link #registration}, {@link #register}); later the passkey alone signs them in ({@link #signInOptions},
 * {@link #signIn}) while their grant is active. The relying party is Attest at {@code attest.base-url} (or
 * {@code attest.eqa.passkey-origin}): its host is the RP id and its origin the only origin accepted. Challenges are 32 random bytes, one-time (deleted when used),
 * valid {@link #CHALLENGE_TTL}, and stored only as SHA-256; user verification is required; a signature counter that
 * does not grow is refused (a cloned authenticator). Revoking the grant removes its passkeys ({@link EqaGrants#revoke}).
 * <p>webauthn4j is used directly rather than Spring Security's WebAuthn support, which keeps its options in the
 * {@code HttpSession} and signs in a {@code UserDetails} user: Attest is stateless (URL session tokens, no HTTP
 * session), an EQA has no user account but a grant, and their session comes from {@code lti.SessionStarter}.
 */
@Service
public class EqaPasskeys {

    public static final Duration CHALLENGE_TTL = PasskeyChallenges.TTL;
    /** Passkeys one grant may hold. */
    public static final int MAX_PER_GRANT = 5;
    public static final int MAX_LABEL = 100;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final List<PublicKeyCredentialParameters> ALGORITHMS = List.of(
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.ES256),
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.RS256));

    /** A stored passkey, as the EQA and the centre see it. */
    public record Passkey(UUID id, UUID grantId, UUID platformId, String credentialId, String label, long signCount,
            Instant createdAt, Instant lastUsedAt) {
    }

    /** What the browser's {@code navigator.credentials.create} needs (binary values base64url). */
    public record CreationOptions(String challenge, String rpId, String rpName, String userId, String userName,
            String userDisplayName, List<Long> algorithms, List<String> excludeCredentials, long timeoutMillis) {
    }

    /** What the browser's {@code navigator.credentials.get} needs. */
    public record RequestOptions(String challenge, String rpId, long timeoutMillis) {
    }

    /** The browser's answer to {@code create}: base64url fields as the passkey script sends them. */
    public record Attestation(String id, String clientDataJSON, String attestationObject, List<String> transports,
            String label) {
    }

    /** The browser's answer to {@code get}. */
    public record Assertion(String id, String clientDataJSON, String authenticatorData, String signature,
            String userHandle) {
    }

    /** A passkey sign-in: the grant, or why not (and the HTTP status to say it with). */
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
    private final EqaGrants grants;
    private final PasskeyChallenges challenges;
    private final AccessRecords records;
    private final URI origin;
    private final ObjectConverter converter = new ObjectConverter();
    private final WebAuthnManager webAuthn = WebAuthnManager.createNonStrictWebAuthnManager(converter);

    EqaPasskeys(JdbcClient jdbc, Clock clock, EqaGrants grants, PasskeyChallenges challenges, AccessRecords records,
            LtiProperties properties, @Value("${attest.eqa.passkey-origin:}") String passkeyOrigin) {
        this.jdbc = jdbc;
        this.challenges = challenges;
        this.clock = clock;
        this.grants = grants;
        this.records = records;
        this.origin = origin(passkeyOrigin == null || passkeyOrigin.isBlank() ? properties.baseUrlString() : passkeyOrigin,
                passkeyOrigin == null || passkeyOrigin.isBlank() ? "attest.base-url" : "attest.eqa.passkey-origin");
    }

    /** The relying party id: the host of the passkey origin. */
    public String rpId() {
        return origin.getHost();
    }

    /**
     * The one origin a passkey ceremony may come from: that of {@code attest.base-url}, unless
     * {@code attest.eqa.passkey-origin} names another (browsers refuse passkeys on an IP address such as 127.0.0.1,
     * so the sandbox and its browser tests use {@code http://localhost:PORT}).
     */
    public String origin() {
        return origin.getScheme() + "://" + origin.getHost() + (origin.getPort() == -1 ? "" : ":" + origin.getPort());
    }

    private static URI origin(String url, String setting) {
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(setting + " must be an http or https address such as https://attest.college.ac.uk; "
                    + "was '" + url + "'");
        }
        if (!uri.isAbsolute() || uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new IllegalStateException(setting + " must be an http or https address such as https://attest.college.ac.uk; "
                    + "was '" + url + "'");
        }
        return uri;
    }

    /** The grant's passkeys, oldest first. */
    public List<Passkey> ofGrant(UUID grantId) {
        return jdbc.sql("SELECT * FROM eqa_passkey WHERE grant_id = ? ORDER BY created_at, id").param(grantId)
                .query(EqaPasskeys::passkey).list();
    }

    /** Options to add a passkey for the signed-in EQA's live grant, with a new one-time challenge. */
    @Transactional
    public CreationOptions registration(EqaGrant grant) {
        if (ofGrant(grant.id()).size() >= MAX_PER_GRANT) {
            throw QualityRefused.invalid("you have " + MAX_PER_GRANT + " passkeys already; remove one before adding another");
        }
        String challenge = challenges.issue(PasskeyChallenges.Purpose.REGISTER, grant.id());
        return new CreationOptions(challenge, rpId(), "Attest", B64.encodeToString(uuidBytes(grant.id())), grant.email(),
                grant.name() + " (" + grant.awardingBody() + ")",
                ALGORITHMS.stream().map(a -> a.getAlg().getValue()).toList(),
                ofGrant(grant.id()).stream().map(Passkey::credentialId).toList(), CHALLENGE_TTL.toMillis());
    }

    /**
     * Checks the browser's new credential against a challenge this grant was given (one-time), the origin and RP id,
     * user presence and verification, and an allowed algorithm, then keeps its id, COSE public key and counter.
     * Refused (nothing kept) with what went wrong.
     */
    @Transactional(noRollbackFor = QualityRefused.class) // a refused answer still uses its challenge up
    public Passkey register(EqaGrant grant, Attestation attestation) {
        if (attestation == null || blank(attestation.clientDataJSON()) || blank(attestation.attestationObject())) {
            throw QualityRefused.invalid("the browser sent no passkey; press Add a passkey again");
        }
        String label = attestation.label() == null || attestation.label().isBlank() ? "Passkey" : attestation.label().strip();
        if (label.length() > MAX_LABEL) {
            throw QualityRefused.invalid("the passkey's name is " + label.length() + " characters long; write at most " + MAX_LABEL);
        }
        byte[] clientData = decode(attestation.clientDataJSON(), "clientDataJSON");
        byte[] challenge = challenges.consume(clientData, PasskeyChallenges.Purpose.REGISTER, grant.id());
        RegistrationData data;
        try {
            data = webAuthn.verify(new RegistrationRequest(decode(attestation.attestationObject(), "attestationObject"),
                    clientData), new RegistrationParameters(server(challenge), ALGORITHMS, true, true));
        } catch (VerificationException | DataConversionException e) {
            throw QualityRefused.invalid("the passkey was not accepted: " + why(e) + "; nothing was kept");
        }
        AttestedCredentialData credential = data.getAttestationObject().getAuthenticatorData().getAttestedCredentialData();
        String credentialId = B64.encodeToString(credential.getCredentialId());
        if (jdbc.sql("SELECT COUNT(*) FROM eqa_passkey WHERE credential_id = ?").param(credentialId).query(Long.class)
                .single() > 0) {
            throw QualityRefused.invalid("this passkey is already registered");
        }
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        long count = data.getAttestationObject().getAuthenticatorData().getSignCount();
        jdbc.sql("""
                INSERT INTO eqa_passkey (id, grant_id, platform_id, credential_id, public_key_cose, aaguid, sign_count, label,
                    created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, grant.id(), grant.platformId(), credentialId,
                        B64.encodeToString(converter.getCborConverter().writeValueAsBytes(credential.getCOSEKey())),
                        credential.getAaguid().getValue(), count, label, Timestamp.from(now))
                .update();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("grant", grant.id());
        detail.put("passkey", id);
        detail.put("label", label);
        records.record(grant.platformId(), grant.subject(), grant.name(), AccessRecords.Event.PASSKEY_ADDED, grant.id(), detail);
        return find(id).orElseThrow();
    }

    /** Options for a passkey sign-in (any passkey of this site: the browser offers the EQA's), with a new challenge. */
    @Transactional
    public RequestOptions signInOptions() {
        return new RequestOptions(challenges.issue(PasskeyChallenges.Purpose.SIGN_IN, null), rpId(), CHALLENGE_TTL.toMillis());
    }

    /**
     * Signs in with a passkey: a known credential, a one-time sign-in challenge, the right origin and RP id, user
     * verification, a valid signature, a counter that grew, and a grant that is active today. Refusals change nothing
     * but are recorded when the passkey names a grant.
     */
    @Transactional(noRollbackFor = QualityRefused.class)
    public SignIn signIn(Assertion assertion) {
        if (assertion == null || blank(assertion.id()) || blank(assertion.clientDataJSON())
                || blank(assertion.authenticatorData()) || blank(assertion.signature())) {
            return SignIn.refused(400, "The browser sent no passkey. Press Sign in with a passkey again.");
        }
        byte[] clientData;
        byte[] challenge;
        try {
            clientData = decode(assertion.clientDataJSON(), "clientDataJSON");
            challenge = challenges.consume(clientData, PasskeyChallenges.Purpose.SIGN_IN, null);
        } catch (QualityRefused e) {
            return SignIn.refused(400, capital(e.getMessage()) + ". Press Sign in with a passkey again.");
        }
        Optional<Stored> found = stored(assertion.id());
        if (found.isEmpty()) {
            return SignIn.refused(403, "This passkey is not known here: it was removed, its grant was revoked, or it was "
                    + "made for another site. Sign in with the link and code the centre gave you.");
        }
        Stored key = found.get();
        EqaGrant grant = grants.find(key.passkey().grantId()).orElseThrow();
        LocalDate today = LocalDate.now(clock);
        if (!grant.activeOn(today)) {
            refused(grant, key.passkey(), "grant " + grant.status(today).label().toLowerCase(java.util.Locale.ROOT));
            return SignIn.refused(403, switch (grant.status(today)) {
                case NOT_STARTED -> "Your access starts on " + grant.startsOn() + "; sign in from that day.";
                case EXPIRED -> "Your access ended on " + grant.endsOn() + ". Ask the centre for a new grant if you still need it.";
                default -> "The centre has revoked this access. Ask the centre if you still need it.";
            });
        }
        byte[] userHandle;
        try {
            userHandle = blank(assertion.userHandle()) ? null : decode(assertion.userHandle(), "userHandle");
        } catch (QualityRefused e) {
            return SignIn.refused(400, capital(e.getMessage()) + ". Nothing was changed.");
        }
        if (userHandle != null && !java.util.Arrays.equals(userHandle, uuidBytes(grant.id()))) {
            refused(grant, key.passkey(), "user handle does not match");
            return SignIn.refused(403, "This passkey does not belong to this access.");
        }
        AuthenticationData data;
        try {
            CredentialRecordImpl record = new CredentialRecordImpl(new NoneAttestationStatement(), null, null, null,
                    key.passkey().signCount(), key.credential(), null, null, null, null);
            data = webAuthn.verify(new AuthenticationRequest(key.credential().getCredentialId(), userHandle,
                    decode(assertion.authenticatorData(), "authenticatorData"), clientData, null,
                    decode(assertion.signature(), "signature")),
                    new AuthenticationParameters(server(challenge), record, List.of(key.credential().getCredentialId()),
                            true, true));
        } catch (VerificationException | DataConversionException | QualityRefused e) {
            refused(grant, key.passkey(), why(e));
            return SignIn.refused(403, "The passkey sign-in was refused: " + why(e) + ". Nothing was changed.");
        }
        long count = data.getAuthenticatorData().getSignCount();
        long before = key.passkey().signCount();
        if ((count != 0 || before != 0) && count <= before) { // webauthn4j refuses this too; said here for the record
            refused(grant, key.passkey(), "signature counter did not grow");
            return SignIn.refused(403, "The passkey sign-in was refused: its signature counter went back (" + count
                    + " after " + before + "), as a copied authenticator's would. Remove it and add it again.");
        }
        int updated = jdbc.sql("UPDATE eqa_passkey SET sign_count = ?, last_used_at = ? WHERE id = ? AND sign_count = ?")
                .params(count, Timestamp.from(clock.instant()), key.passkey().id(), before).update();
        if (updated != 1) {
            return SignIn.refused(409, "This passkey was just used by another sign-in. Try again.");
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("grant", grant.id());
        detail.put("method", "passkey");
        detail.put("passkey", key.passkey().id());
        records.record(grant.platformId(), grant.subject(), grant.name(), AccessRecords.Event.SIGNED_IN, grant.id(), detail);
        return new SignIn(grant, 200, null);
    }

    /** Removes one of the grant's passkeys (by the EQA or the centre); "not found" when it is not the grant's. */
    @Transactional
    public void remove(EqaGrant grant, UUID passkeyId, String actor, String actorName) {
        Passkey passkey = find(passkeyId).filter(p -> p.grantId().equals(grant.id()))
                .orElseThrow(() -> QualityRefused.notFound("That passkey"));
        jdbc.sql("DELETE FROM eqa_passkey WHERE id = ?").param(passkeyId).update();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("grant", grant.id());
        detail.put("passkey", passkey.id());
        detail.put("label", passkey.label());
        records.record(grant.platformId(), actor, actorName, AccessRecords.Event.PASSKEY_REMOVED, grant.id(), detail);
    }

    Optional<Passkey> find(UUID id) {
        return jdbc.sql("SELECT * FROM eqa_passkey WHERE id = ?").param(id).query(EqaPasskeys::passkey).optional();
    }

    private record Stored(Passkey passkey, AttestedCredentialData credential) {
    }

    private Optional<Stored> stored(String credentialId) {
        return jdbc.sql("SELECT * FROM eqa_passkey WHERE credential_id = ?").param(credentialId)
                .query((rs, n) -> new Stored(passkey(rs, n), new AttestedCredentialData(
                        new AAGUID(rs.getObject("aaguid", UUID.class)), Base64.getUrlDecoder().decode(rs.getString("credential_id")),
                        converter.getCborConverter().readValue(Base64.getUrlDecoder().decode(rs.getString("public_key_cose")),
                                COSEKey.class))))
                .optional();
    }

    private void refused(EqaGrant grant, Passkey passkey, String reason) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("grant", grant.id());
        detail.put("method", "passkey");
        detail.put("passkey", passkey.id());
        detail.put("reason", reason);
        records.record(grant.platformId(), grant.subject(), grant.name(), AccessRecords.Event.SIGN_IN_REFUSED, grant.id(),
                detail);
    }

    private ServerProperty server(byte[] challenge) {
        return new ServerProperty(Origin.create(origin()), rpId(), new DefaultChallenge(challenge));
    }

    private static byte[] decode(String base64url, String what) {
        try {
            return Base64.getUrlDecoder().decode(base64url.strip());
        } catch (IllegalArgumentException e) {
            throw QualityRefused.invalid("the browser's " + what + " is not base64url");
        }
    }

    private static String why(Exception e) {
        if (e instanceof BadOriginException) {
            return "it was made on another site (its origin is not this one)";
        }
        if (e instanceof BadRpIdException) {
            return "it belongs to another site (RP id)";
        }
        if (e instanceof BadChallengeException) {
            return "its challenge is not the one given";
        }
        if (e instanceof UserNotVerifiedException) {
            return "the authenticator did not verify you (PIN, fingerprint or face)";
        }
        if (e instanceof MaliciousCounterValueException) {
            return "its signature counter went back, as a copied authenticator's would";
        }
        if (e instanceof QualityRefused) {
            return e.getMessage();
        }
        return e instanceof DataConversionException ? "the browser's answer could not be read"
                : "the check failed (" + e.getClass().getSimpleName() + ")";
    }

    private static byte[] uuidBytes(UUID id) {
        return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String capital(String s) {
        return s.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + s.substring(1);
    }

    private static Passkey passkey(ResultSet rs, int n) throws SQLException {
        Timestamp used = rs.getTimestamp("last_used_at");
        return new Passkey(rs.getObject("id", UUID.class), rs.getObject("grant_id", UUID.class),
                rs.getObject("platform_id", UUID.class), rs.getString("credential_id"), rs.getString("label"),
                rs.getLong("sign_count"), rs.getTimestamp("created_at").toInstant(), used == null ? null : used.toInstant());
    }
}
