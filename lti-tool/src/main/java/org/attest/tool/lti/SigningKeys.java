package org.attest.tool.lti;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * RSA signing keys kept in the database (generated on first start, never in git or logs): the
 * CURRENT key signs, the NEXT key is published ahead of rotation so platforms cache it, and a
 * replaced key stays published as RETIRING for a grace period so tokens it signed still verify.
 * One instance per owner (the tool's keys; rows of owner SANDBOX were the in-process sandbox's, which now keeps its own).
 */
public final class SigningKeys {

    public enum Status { NEXT, CURRENT, RETIRING }

    private record StoredKey(RSAKey key, Status status, Instant retireAt) {
    }

    /** A key as an administrator sees it: no key material. */
    public record KeyInfo(String kid, Status status, Instant createdAt, Instant retireAt) {
    }

    private static final Duration RELOAD_EVERY = Duration.ofSeconds(30);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final String owner;
    private final Duration grace;
    private volatile List<StoredKey> cached = List.of();
    private volatile Instant cachedAt = Instant.MIN;

    public SigningKeys(JdbcClient jdbc, TransactionTemplate transactions, Clock clock, String owner, Duration grace) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
        this.owner = owner;
        this.grace = grace;
    }

    /** Makes sure a CURRENT and a NEXT key exist; called on start. */
    public void ensureKeys() {
        transactions.executeWithoutResult(tx -> {
            List<StoredKey> keys = load();
            if (keys.stream().noneMatch(k -> k.status == Status.CURRENT)) {
                insert(generate(), Status.CURRENT, null);
            }
            if (keys.stream().noneMatch(k -> k.status == Status.NEXT)) {
                insert(generate(), Status.NEXT, null);
            }
        });
        reload();
    }

    /** The key that signs now. */
    public RSAKey current() {
        return keys().stream().filter(k -> k.status == Status.CURRENT).map(StoredKey::key)
                .sorted((a, b) -> a.getKeyID().compareTo(b.getKeyID())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no current " + owner + " key; ensureKeys() was not called"));
    }

    /** The public keys to publish: current, next and those retiring within their grace period. */
    public JWKSet publicJwks() {
        Instant now = clock.instant();
        List<JWK> published = new ArrayList<>();
        for (StoredKey k : keys()) {
            if (k.status != Status.RETIRING || (k.retireAt != null && k.retireAt.isAfter(now))) {
                published.add(k.key.toPublicJWK());
            }
        }
        return new JWKSet(published);
    }

    /** NEXT becomes CURRENT, CURRENT is published for the grace period, a new NEXT is made. */
    public void rotate() {
        transactions.executeWithoutResult(tx -> {
            Instant now = clock.instant();
            jdbc.sql("DELETE FROM tool_key WHERE owner = ? AND status = 'RETIRING' AND retire_at <= ?")
                    .params(owner, Timestamp.from(now)).update();
            jdbc.sql("UPDATE tool_key SET status = 'RETIRING', retire_at = ? WHERE owner = ? AND status = 'CURRENT'")
                    .params(Timestamp.from(now.plus(grace)), owner).update();
            int promoted = jdbc.sql("UPDATE tool_key SET status = 'CURRENT' WHERE owner = ? AND status = 'NEXT'")
                    .param(owner).update();
            if (promoted == 0) {
                insert(generate(), Status.CURRENT, null);
            }
            insert(generate(), Status.NEXT, null);
        });
        reload();
    }

    /** Every stored key of this owner, without key material. */
    public List<KeyInfo> describe() {
        return jdbc.sql("SELECT kid, status, created_at, retire_at FROM tool_key WHERE owner = ? ORDER BY created_at")
                .param(owner)
                .query((rs, n) -> {
                    Timestamp retire = rs.getTimestamp("retire_at");
                    return new KeyInfo(rs.getString("kid"), Status.valueOf(rs.getString("status")),
                            rs.getTimestamp("created_at").toInstant(), retire == null ? null : retire.toInstant());
                }).list();
    }

    public String sign(JWTClaimsSet claims) {
        RSAKey key = current();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("signing with " + owner + " key " + key.getKeyID() + " failed", e);
        }
    }

    private List<StoredKey> keys() {
        if (cachedAt.plus(RELOAD_EVERY).isBefore(clock.instant())) {
            reload(); // another replica may have rotated
        }
        return cached;
    }

    private void reload() {
        cached = load();
        cachedAt = clock.instant();
    }

    private List<StoredKey> load() {
        return jdbc.sql("SELECT private_jwk, status, retire_at FROM tool_key WHERE owner = ? ORDER BY created_at")
                .param(owner)
                .query((rs, n) -> {
                    try {
                        Timestamp retire = rs.getTimestamp("retire_at");
                        return new StoredKey(RSAKey.parse(rs.getString("private_jwk")), Status.valueOf(rs.getString("status")),
                                retire == null ? null : retire.toInstant());
                    } catch (ParseException e) {
                        throw new IllegalStateException("stored " + owner + " key is not a JWK", e);
                    }
                }).list();
    }

    private void insert(RSAKey key, Status status, Instant retireAt) {
        jdbc.sql("INSERT INTO tool_key (kid, owner, private_jwk, status, created_at, retire_at) VALUES (?, ?, ?, ?, ?, ?)")
                .params(key.getKeyID(), owner, key.toJSONString(), status.name(), Timestamp.from(clock.instant()),
                        retireAt == null ? null : Timestamp.from(retireAt))
                .update();
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }
}
