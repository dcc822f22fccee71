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
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * RSA signing keys kept in the database (generated on first start, never in git or logs): the
 * CURRENT key signs, the NEXT key is published ahead of rotation so platforms cache it, and a
 * replaced key stays published as RETIRING for a grace period so tokens it signed still verify.
 * One instance per owner (the tool's keys; rows of owner SANDBOX were the in-process sandbox's, which now keeps its own).
 * Private keys are stored sealed with the operator's key-encryption key ({@link KeyEncryption}), never as plain JSON;
 * every change of the key set happens under a lock on tool_key_lock, so replicas starting at once make one key set.
 */
public final class SigningKeys {

    public enum Status { NEXT, CURRENT, RETIRING }

    private record StoredKey(RSAKey key, Status status, Instant retireAt) {
    }

    /** A row as stored: {@code kekId} null for a plain JWK written by a version before encryption. */
    private record Row(String kid, String privateJwk, String kekId, Status status, Instant retireAt) {
    }

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    /** A key as an administrator sees it: no key material. */
    public record KeyInfo(String kid, Status status, Instant createdAt, Instant retireAt) {
    }

    private static final Duration RELOAD_EVERY = Duration.ofSeconds(30);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final String owner;
    private final Duration grace;
    private final KeyEncryption encryption;
    private final Supplier<RSAKey> newKeys;
    private volatile List<StoredKey> cached = List.of();
    private volatile Instant cachedAt = Instant.MIN;

    SigningKeys(JdbcClient jdbc, TransactionTemplate transactions, Clock clock, String owner, Duration grace,
            KeyEncryption encryption) {
        this(jdbc, transactions, clock, owner, grace, encryption, SigningKeys::generate);
    }

    /** With {@code newKeys} making the RSA keys (a test's, made ahead, so replicas race without RSA's delay). */
    SigningKeys(JdbcClient jdbc, TransactionTemplate transactions, Clock clock, String owner, Duration grace,
            KeyEncryption encryption, Supplier<RSAKey> newKeys) {
        this.newKeys = newKeys;
        this.jdbc = jdbc;
        this.encryption = encryption;
        this.transactions = transactions;
        this.clock = clock;
        this.owner = owner;
        this.grace = grace;
    }

    /**
     * Makes sure a CURRENT and a NEXT key exist and every row is sealed with the current key-encryption key (plain rows
     * of earlier versions and rows of a previous key-encryption key are re-sealed); called on start. A row that cannot be
     * opened stops it with nothing changed.
     */
    public void ensureKeys() {
        // Keys are made before the lock is taken (RSA takes a while), so other replicas wait only for the inserts.
        List<Row> seen = rows();
        RSAKey spareCurrent = seen.stream().anyMatch(r -> r.status() == Status.CURRENT) ? null : newKeys.get();
        RSAKey spareNext = seen.stream().anyMatch(r -> r.status() == Status.NEXT) ? null : newKeys.get();
        transactions.executeWithoutResult(tx -> {
            lock();
            List<StoredKey> keys = new ArrayList<>();
            for (Row row : rows()) {
                RSAKey key = open(row);
                if (!encryption.currentId().equals(row.kekId())) {
                    jdbc.sql("UPDATE tool_key SET private_jwk = ?, kek_id = ? WHERE kid = ? AND owner = ?")
                            .params(encryption.seal(owner, row.kid(), key.toJSONString()), encryption.currentId(), row.kid(), owner)
                            .update();
                    log.info("{} key {} is now encrypted with key-encryption key {} (was {})", owner, row.kid(),
                            encryption.currentId(), row.kekId() == null ? "stored unencrypted" : row.kekId());
                }
                keys.add(new StoredKey(key, row.status(), row.retireAt()));
            }
            if (keys.stream().noneMatch(k -> k.status == Status.CURRENT)) {
                insert(spareCurrent != null ? spareCurrent : newKeys.get(), Status.CURRENT, null);
            }
            if (keys.stream().noneMatch(k -> k.status == Status.NEXT)) {
                insert(spareNext != null ? spareNext : newKeys.get(), Status.NEXT, null);
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
        RSAKey next = newKeys.get();
        transactions.executeWithoutResult(tx -> {
            lock();
            Instant now = clock.instant();
            jdbc.sql("DELETE FROM tool_key WHERE owner = ? AND status = 'RETIRING' AND retire_at <= ?")
                    .params(owner, Timestamp.from(now)).update();
            jdbc.sql("UPDATE tool_key SET status = 'RETIRING', retire_at = ? WHERE owner = ? AND status = 'CURRENT'")
                    .params(Timestamp.from(now.plus(grace)), owner).update();
            int promoted = jdbc.sql("UPDATE tool_key SET status = 'CURRENT' WHERE owner = ? AND status = 'NEXT'")
                    .param(owner).update();
            if (promoted == 0) {
                insert(newKeys.get(), Status.CURRENT, null);
            }
            insert(next, Status.NEXT, null);
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
            try {
                reload(); // another replica may have rotated
            } catch (IllegalStateException e) {
                // e.g. another replica re-encrypted the keys with a KEK this one lacks: keep signing with the keys it has
                cachedAt = clock.instant();
                log.error("Kept the {} keys loaded before: reloading them failed: {}", owner, e.getMessage());
            }
        }
        return cached;
    }

    private void reload() {
        cached = load();
        cachedAt = clock.instant();
    }

    private List<StoredKey> load() {
        return rows().stream().map(row -> new StoredKey(open(row), row.status(), row.retireAt())).toList();
    }

    /** Waits for any other replica changing the key set (the row V36 made), until this transaction ends. */
    private void lock() {
        jdbc.sql("SELECT id FROM tool_key_lock WHERE id = 1 FOR UPDATE").query(Integer.class).single();
    }

    private List<Row> rows() {
        return jdbc.sql("SELECT kid, private_jwk, kek_id, status, retire_at FROM tool_key WHERE owner = ? ORDER BY created_at, kid")
                .param(owner)
                .query((rs, n) -> {
                    Timestamp retire = rs.getTimestamp("retire_at");
                    return new Row(rs.getString("kid"), rs.getString("private_jwk"), rs.getString("kek_id"),
                            Status.valueOf(rs.getString("status")), retire == null ? null : retire.toInstant());
                }).list();
    }

    private RSAKey open(Row row) {
        // A plain row is one an earlier version wrote (or, during a rolling upgrade, is writing); the next start seals it.
        String json = row.kekId() == null ? row.privateJwk() : encryption.open(row.kekId(), owner, row.kid(), row.privateJwk());
        try {
            RSAKey key = RSAKey.parse(json);
            if (!row.kid().equals(key.getKeyID())) {
                throw new KeyEncryptionException(owner + " key " + row.kid() + " in table tool_key holds the key " + key.getKeyID()
                        + ": the row was changed; restore it from a backup");
            }
            return key;
        } catch (ParseException e) {
            throw new KeyEncryptionException(owner + " key " + row.kid() + " in table tool_key is not an RSA JWK", e);
        }
    }

    private void insert(RSAKey key, Status status, Instant retireAt) {
        jdbc.sql("INSERT INTO tool_key (kid, owner, private_jwk, kek_id, status, created_at, retire_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(key.getKeyID(), owner, encryption.seal(owner, key.getKeyID(), key.toJSONString()), encryption.currentId(),
                        status.name(), Timestamp.from(clock.instant()), retireAt == null ? null : Timestamp.from(retireAt))
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
