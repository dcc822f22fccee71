package org.attest.tool.quality.internal;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The WebAuthn challenges of {@link EqaPasskeys}, kept server-side without a session: 32 random bytes, stored only as
 * their SHA-256 with what they are for (and, to add a passkey, the grant of the EQA who asked), valid {@link #TTL},
 * and deleted when used, so each works once. Holds all SQL of {@code eqa_passkey_challenge}.
 */
@Component
class PasskeyChallenges {

    static final Duration TTL = Duration.ofMinutes(5);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What a challenge was given for; a challenge of one ceremony is refused by the other. */
    enum Purpose {
        REGISTER("register"), SIGN_IN("sign-in");

        private final String column;

        Purpose(String column) {
            this.column = column;
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    PasskeyChallenges(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A new challenge (base64url) for this purpose and grant (null for a sign-in); expired ones are dropped. */
    String issue(Purpose purpose, UUID grantId) {
        Instant now = clock.instant();
        jdbc.sql("DELETE FROM eqa_passkey_challenge WHERE expires_at < ?").param(Timestamp.from(now)).update();
        byte[] challenge = new byte[32];
        RANDOM.nextBytes(challenge);
        String text = Base64.getUrlEncoder().withoutPadding().encodeToString(challenge);
        jdbc.sql("INSERT INTO eqa_passkey_challenge (challenge_hash, purpose, grant_id, expires_at) VALUES (?, ?, ?, ?)")
                .params(EqaGrants.hash(text), purpose.column, grantId, Timestamp.from(now.plus(TTL))).update();
        return text;
    }

    /**
     * Uses up the challenge the browser signed (read from its client data; webauthn4j then checks the client data
     * names exactly it): it must have been given for this purpose and grant, and not have expired or been used.
     * Returns its bytes, or refuses with what was wrong.
     */
    byte[] consume(byte[] clientData, Purpose purpose, UUID grantId) {
        String challenge = challengeOf(clientData);
        Timestamp now = Timestamp.from(clock.instant());
        int used = jdbc.sql("DELETE FROM eqa_passkey_challenge WHERE challenge_hash = ? AND purpose = ? AND expires_at >= ?"
                        + (grantId == null ? " AND grant_id IS NULL" : " AND grant_id = ?"))
                .params(grantId == null ? List.of(EqaGrants.hash(challenge), purpose.column, now)
                        : List.of(EqaGrants.hash(challenge), purpose.column, now, grantId))
                .update();
        if (used != 1) {
            throw QualityRefused.invalid("the passkey's challenge is unknown, was used already or has expired (after "
                    + TTL.toMinutes() + " minutes)");
        }
        try {
            return Base64.getUrlDecoder().decode(challenge);
        } catch (IllegalArgumentException e) { // cannot happen for a challenge issued here; said for completeness
            throw QualityRefused.invalid("the passkey's challenge is not base64url");
        }
    }

    private static String challengeOf(byte[] clientData) {
        JsonNode node;
        try {
            node = JSON.readTree(new String(clientData, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw QualityRefused.invalid("the browser's client data is not JSON");
        }
        String challenge = node.path("challenge").asString(null);
        if (challenge == null || challenge.isEmpty() || challenge.length() > 200) {
            throw QualityRefused.invalid("the browser's client data has no challenge");
        }
        return challenge;
    }
}
