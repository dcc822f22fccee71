package org.attest.tool.lti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.attest.tool.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The tool's private keys are kept in the database sealed with the operator's key-encryption key (KEK): the rows hold
 * ciphertext only, a changed or swapped row and a wrong KEK refuse with nothing changed, a new KEK re-seals the rows
 * at start, plain rows of earlier versions are sealed at start, and replicas starting at once make one key set.
 * Each test but the first works on key sets of an owner of its own beside the tool's.
 */
class ToolKeysAtRestTest extends IntegrationTest {

    private static final byte[] OTHER_KEK = randomKek();

    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate transactions;
    @Autowired Clock clock;
    @Autowired Environment environment;
    @Autowired @Qualifier("tool") SigningKeys toolKeys;

    private final String owner = "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @Test
    void theToolKeysRowsHoldCiphertextOnly() throws Exception {
        List<Map<String, Object>> rows = jdbc.sql("SELECT kid, private_jwk, kek_id FROM tool_key WHERE owner = 'TOOL'").query().listOfRows();
        String privateExponent = toolKeys.current().getPrivateExponent().toString();

        assertThat(rows).as("a current and a next key at least (other tests of this database rotate keys)")
                .hasSizeGreaterThanOrEqualTo(2);
        for (Map<String, Object> row : rows) {
            String stored = (String) row.get("private_jwk");
            assertThatThrownBy(() -> JSONObjectUtils.parse(stored)).as("a JSON object, as the plain JWK was").isNotNull();
            assertThat(stored).doesNotContain(privateExponent).doesNotContain("\"d\"");
            String[] parts = stored.split("\\.", -1);
            assertThat(parts).as("a compact JWE").hasSize(5);
            for (String part : parts) {
                assertThat(new Base64URL(part).decodeToString()).doesNotContain("\"d\"").doesNotContain("\"p\"").doesNotContain("\"q\"");
            }
            Map<String, Object> header = JSONObjectUtils.parse(new Base64URL(parts[0]).decodeToString());
            assertThat(header).containsEntry("alg", "dir").containsEntry("enc", "A256GCM").containsEntry("kid", row.get("kek_id"))
                    .containsEntry("attest_owner", "TOOL").containsEntry("attest_kid", row.get("kid"));
            assertThat(row.get("kek_id")).isEqualTo(KeyEncryption.idOf(testKek()));
        }
    }

    @Test
    void theJwksEndpointPublishesTheSealedKeysPublicHalves() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(baseUrl() + "/.well-known/jwks.json")).build(), HttpResponse.BodyHandlers.ofString());

        JWKSet published = JWKSet.parse(response.body());
        List<String> kids = jdbc.sql("SELECT kid FROM tool_key WHERE owner = 'TOOL'").query(String.class).list();
        assertThat(published.getKeys()).extracting(k -> k.getKeyID()).containsExactlyInAnyOrderElementsOf(kids);
        assertThat(published.getKeyByKeyId(toolKeys.current().getKeyID()).toRSAKey().toPublicKey())
                .isEqualTo(toolKeys.current().toPublicKey());
    }

    @Test
    void aChangedByteInARowRefusesWithNothingChanged() {
        keys(encryption(testKek())).ensureKeys();
        String kid = kid("CURRENT");
        String stored = storedJwk(kid);
        String[] parts = stored.split("\\.");
        char c = parts[3].charAt(10);
        parts[3] = parts[3].substring(0, 10) + (c == 'A' ? 'B' : 'A') + parts[3].substring(11);
        String changed = String.join(".", parts);
        jdbc.sql("UPDATE tool_key SET private_jwk = ? WHERE kid = ?").params(changed, kid).update();

        assertThatThrownBy(() -> keys(encryption(testKek())).ensureKeys())
                .hasMessageContaining(owner + " key " + kid + " in table tool_key cannot be decrypted")
                .hasMessageContaining("the row was changed");
        assertThat(storedJwk(kid)).isEqualTo(changed);
    }

    @Test
    void rowsWhoseCiphertextsAreSwappedRefuse() {
        keys(encryption(testKek())).ensureKeys();
        String current = kid("CURRENT");
        String next = kid("NEXT");
        String currentJwk = storedJwk(current);
        jdbc.sql("UPDATE tool_key SET private_jwk = ? WHERE kid = ?").params(storedJwk(next), current).update();
        jdbc.sql("UPDATE tool_key SET private_jwk = ? WHERE kid = ?").params(currentJwk, next).update();

        assertThatThrownBy(() -> keys(encryption(testKek())).ensureKeys())
                .hasMessageContaining(owner + " key " + current + " in table tool_key cannot be decrypted")
                .hasMessageContaining("belongs to " + owner + " key " + next);
    }

    @Test
    void aWrongKeyEncryptionKeyRefusesNamingTheSettingAndChangesNothing() {
        keys(encryption(testKek())).ensureKeys();
        List<Map<String, Object>> before = rows();

        assertThatThrownBy(() -> keys(encryption(OTHER_KEK)).ensureKeys())
                .hasMessageContaining("encrypted with key-encryption key " + KeyEncryption.idOf(testKek()) + ", which is not configured")
                .hasMessageContaining("attest.keys.encryption-key-file")
                .hasMessageContaining("Nothing was changed");
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void aNewKeyEncryptionKeyReSealsEveryRowAtStartAndTheOldOneCanGo() {
        SigningKeys before = keys(encryption(testKek()));
        before.ensureKeys();
        RSAKey current = before.current();

        keys(new KeyEncryption(OTHER_KEK, List.of(testKek()))).ensureKeys();

        assertThat(jdbc.sql("SELECT DISTINCT kek_id FROM tool_key WHERE owner = ?").param(owner).query(String.class).list())
                .containsExactly(KeyEncryption.idOf(OTHER_KEK));
        SigningKeys after = keys(encryption(OTHER_KEK));
        after.ensureKeys();
        assertThat(after.current().getKeyID()).isEqualTo(current.getKeyID());
        assertThat(after.current().getPrivateExponent()).isEqualTo(current.getPrivateExponent());
        assertThat(after.describe()).hasSize(2);
        assertThatThrownBy(() -> keys(encryption(testKek())).ensureKeys()).hasMessageContaining("which is not configured");
    }

    @Test
    void aReplicaWithoutTheNewKeyEncryptionKeyKeepsSigningWithTheKeysItLoaded() {
        Clock later = Clock.offset(clock, Duration.ofMinutes(1));
        AtomicReference<Clock> now = new AtomicReference<>(clock);
        Clock movable = new Clock() {
            @Override public java.time.ZoneId getZone() { return clock.getZone(); }
            @Override public Clock withZone(java.time.ZoneId zone) { return this; }
            @Override public java.time.Instant instant() { return now.get().instant(); }
        };
        SigningKeys oldReplica = new SigningKeys(jdbc, transactions, movable, owner, Duration.ofHours(24), encryption(testKek()));
        oldReplica.ensureKeys();
        String signingKid = oldReplica.current().getKeyID();

        keys(new KeyEncryption(OTHER_KEK, List.of(testKek()))).ensureKeys();
        now.set(later);

        assertThat(oldReplica.current().getKeyID()).isEqualTo(signingKid);
        assertThat(oldReplica.publicJwks().getKeys()).hasSize(2);
    }

    @Test
    void plainRowsOfAnEarlierVersionAreSealedAtStart() throws Exception {
        RSAKey plainCurrent = plainRow("CURRENT");
        RSAKey plainNext = plainRow("NEXT");

        SigningKeys keys = keys(encryption(testKek()));
        keys.ensureKeys();

        assertThat(rows()).hasSize(2).allSatisfy(row -> {
            assertThat(row.get("kek_id")).isEqualTo(KeyEncryption.idOf(testKek()));
            assertThat((String) row.get("private_jwk")).doesNotContain("\"d\"").doesNotContain(plainCurrent.getPrivateExponent().toString());
        });
        assertThat(keys.current().getKeyID()).isEqualTo(plainCurrent.getKeyID());
        assertThat(keys.current().getPrivateExponent()).isEqualTo(plainCurrent.getPrivateExponent());
        assertThat(keys.publicJwks().getKeyByKeyId(plainNext.getKeyID())).isNotNull();
    }

    @Test
    void replicasStartingAtOnceOnAnEmptyDatabaseMakeOneKeySet() throws Exception {
        int replicas = 6;
        for (int round = 0; round < 4; round++) {
            String roundOwner = owner.substring(0, 12) + round;
            List<String> signingKids = race(replicas, roundOwner);

            assertThat(jdbc.sql("SELECT status FROM tool_key WHERE owner = ?").param(roundOwner).query(String.class).list())
                    .as("round %d", round).containsExactlyInAnyOrder("CURRENT", "NEXT");
            String current = jdbc.sql("SELECT kid FROM tool_key WHERE owner = ? AND status = 'CURRENT'").param(roundOwner)
                    .query(String.class).single();
            assertThat(signingKids).as("every replica signs with the one current key").containsOnly(current);
        }
    }

    /** {@code replicas} start at once on an owner with no keys; each with its keys made ahead, so they race closely. */
    private List<String> race(int replicas, String raceOwner) throws Exception {
        CyclicBarrier start = new CyclicBarrier(replicas);
        ExecutorService pool = Executors.newFixedThreadPool(replicas);
        try {
            List<Future<String>> currents = new ArrayList<>();
            for (int i = 0; i < replicas; i++) {
                List<RSAKey> madeAhead = new ArrayList<>(List.of(newKey(), newKey()));
                SigningKeys keys = new SigningKeys(jdbc, transactions, clock, raceOwner, Duration.ofHours(24), encryption(testKek()),
                        () -> madeAhead.remove(0));
                currents.add(pool.submit(() -> {
                    start.await();
                    keys.ensureKeys();
                    return keys.current().getKeyID();
                }));
            }
            List<String> signingKids = new ArrayList<>();
            for (Future<String> current : currents) {
                signingKids.add(current.get());
            }
            return signingKids;
        } finally {
            pool.shutdownNow();
        }
    }

    private SigningKeys keys(KeyEncryption encryption) {
        return new SigningKeys(jdbc, transactions, clock, owner, Duration.ofHours(24), encryption);
    }

    private static KeyEncryption encryption(byte[] kek) {
        return new KeyEncryption(kek, List.of());
    }

    private byte[] testKek() {
        return Base64.getDecoder().decode(environment.getRequiredProperty("attest.keys.encryption-key"));
    }

    private static RSAKey newKey() throws Exception {
        return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
    }

    private RSAKey plainRow(String status) throws Exception {
        RSAKey key = newKey();
        jdbc.sql("INSERT INTO tool_key (kid, owner, private_jwk, status, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(key.getKeyID(), owner, key.toJSONString(), status, new Timestamp(System.currentTimeMillis())).update();
        return key;
    }

    private String kid(String status) {
        return jdbc.sql("SELECT kid FROM tool_key WHERE owner = ? AND status = ?").params(owner, status).query(String.class).single();
    }

    private String storedJwk(String kid) {
        return jdbc.sql("SELECT private_jwk FROM tool_key WHERE kid = ?").param(kid).query(String.class).single();
    }

    private List<Map<String, Object>> rows() {
        return jdbc.sql("SELECT kid, private_jwk, kek_id, status FROM tool_key WHERE owner = ? ORDER BY kid").param(owner).query().listOfRows();
    }

    private static byte[] randomKek() {
        byte[] key = new byte[KeyEncryption.KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
