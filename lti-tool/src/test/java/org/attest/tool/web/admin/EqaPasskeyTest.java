package org.attest.tool.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.attest.tool.lti.Platform;
import org.attest.tool.lti.TestPlatform;
import org.attest.tool.quality.internal.EqaGrants;
import org.attest.tool.standards.FrameworkCatalog;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.JsonNode;

/**
 * Passkeys for external verifiers, with a real P-256 key answering the WebAuthn ceremonies ({@link SoftPasskey}):
 * signed in with the link and code, the EQA adds a passkey and later signs in with it alone; the centre sees and
 * removes it. Another origin or RP id, a replayed or unknown challenge, no user verification, a forged signature and
 * a signature counter that goes back are refused and keep nothing; a revoked, expired or not-started grant refuses its
 * passkeys at once.
 */
class EqaPasskeyTest extends AdminIntegrationTest {

    static final byte VERIFIED = SoftPasskey.UP | SoftPasskey.UV;

    @Autowired
    EqaGrants grants;

    @Autowired
    FrameworkCatalog catalog;

    private String origin() {
        return baseUrl();
    }

    private static final String RP_ID = "127.0.0.1";

    /** A grant on the platform, signed in with its link and code: the EQA's session base path. */
    private Eqa signedInEqa(Platform platform) throws Exception {
        EqaGrants.Issued issued = grants.create(platform.id(), new EqaGrants.Request("Erin Examiner", "erin@awarding.example",
                "City & Guilds", catalog.units(platform.id()).get(0).framework().id(), "", null, LocalDate.now(),
                LocalDate.now().plusDays(30)), "Ada Admin");
        HttpResponse<String> signedIn = post("/eqa/" + issued.linkToken(), Map.of("code", issued.accessCode()));
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(303);
        String home = signedIn.headers().firstValue("Location").orElseThrow();
        return new Eqa(issued.grant().id(), home.substring(0, home.length() - "/eqa".length()));
    }

    private record Eqa(UUID grantId, String base) {
        byte[] userHandle() {
            return ByteBuffer.allocate(16).putLong(grantId.getMostSignificantBits()).putLong(grantId.getLeastSignificantBits())
                    .array();
        }
    }

    private String creationChallenge(Eqa eqa) throws Exception {
        HttpResponse<String> options = json("POST", eqa.base() + "/eqa/passkeys/options", "{}");
        assertThat(options.statusCode()).as(options.body()).isEqualTo(200);
        return JSON.readTree(options.body()).path("challenge").asString();
    }

    private String signInChallenge() throws Exception {
        HttpResponse<String> options = json("POST", "/eqa/passkey/options", "{}");
        assertThat(options.statusCode()).as(options.body()).isEqualTo(200);
        return JSON.readTree(options.body()).path("challenge").asString();
    }

    private HttpResponse<String> register(Eqa eqa, String body) throws Exception {
        return json("POST", eqa.base() + "/eqa/passkeys", body);
    }

    private HttpResponse<String> signIn(String body) throws Exception {
        return json("POST", "/eqa/passkey", body);
    }

    private SoftPasskey registered(Eqa eqa, String label) throws Exception {
        SoftPasskey key = new SoftPasskey();
        HttpResponse<String> added = register(eqa, key.attestation(creationChallenge(eqa), origin(), RP_ID, VERIFIED, label));
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        return key;
    }

    private long passkeys(UUID grantId) {
        return jdbc.sql("SELECT COUNT(*) FROM eqa_passkey WHERE grant_id = ?").param(grantId).query(Long.class).single();
    }

    private long signCount(SoftPasskey key) {
        return jdbc.sql("SELECT sign_count FROM eqa_passkey WHERE credential_id = ?").param(key.id()).query(Long.class).single();
    }

    private long audited(UUID grantId, String action) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE subject_id = ? AND action = ?").params(grantId, action)
                .query(Long.class).single();
    }

    private static void assertRefused(HttpResponse<String> response, int status, String says) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.body()).contains(says).doesNotContain("location");
    }

    @Test
    void anEqaAddsAPasskeyThenSignsInWithItAloneAndTheCentreSeesAndRemovesIt() throws Exception {
        try (TestPlatform college = TestPlatform.start()) {
            Platform platform = college.register(registry);
            Eqa eqa = signedInEqa(platform);
            assertThat(get(eqa.base() + "/eqa").body()).contains("/eqa/passkeys");
            assertThat(get(eqa.base() + "/eqa/passkeys").body()).contains("You have no passkey yet", "Add a passkey",
                    "/js/passkey.js");

            HttpResponse<String> options = json("POST", eqa.base() + "/eqa/passkeys/options", "{}");
            JsonNode creation = JSON.readTree(options.body());
            assertThat(creation.path("rpId").asString()).as("the host of attest.base-url").isEqualTo(RP_ID);
            assertThat(creation.path("userId").asString()).isEqualTo(Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(eqa.userHandle()));
            assertThat(creation.path("algorithms").toString()).contains("-7");
            SoftPasskey key = new SoftPasskey();
            HttpResponse<String> added = register(eqa, key.attestation(creation.path("challenge").asString(), origin(), RP_ID,
                    VERIFIED, "Work laptop"));
            assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
            var row = jdbc.sql("SELECT * FROM eqa_passkey WHERE grant_id = ?").param(eqa.grantId()).query().singleRow();
            assertThat(row.get("credential_id")).isEqualTo(key.id());
            assertThat((String) row.get("public_key_cose")).isNotBlank();
            assertThat(((Number) row.get("sign_count")).longValue()).isZero();
            assertThat(row.get("last_used_at")).isNull();
            assertThat(audited(eqa.grantId(), "EQA_PASSKEY_ADDED")).isEqualTo(1);
            assertThat(get(eqa.base() + "/eqa/passkeys").body()).contains("Work laptop", "not yet");

            assertThat(post(eqa.base() + "/sign-out", Map.of()).body()).contains("/eqa/passkey");
            assertThat(get(eqa.base() + "/eqa").statusCode()).isEqualTo(401);
            HttpResponse<String> page = get("/eqa/passkey");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("Sign in with a passkey", "/js/passkey.js");
            assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");

            HttpResponse<String> requestOptions = json("POST", "/eqa/passkey/options", "{}");
            assertThat(JSON.readTree(requestOptions.body()).path("rpId").asString()).isEqualTo(RP_ID);
            HttpResponse<String> signedIn = signIn(key.assertion(JSON.readTree(requestOptions.body()).path("challenge").asString(),
                    origin(), RP_ID, VERIFIED, 1, eqa.userHandle()));
            assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
            String home = JSON.readTree(signedIn.body()).path("location").asString();
            assertThat(home).matches("/s/[A-Za-z0-9_-]{64}/eqa");
            assertThat(get(home).body()).contains("External verification", "Erin Examiner");
            assertThat(signCount(key)).isEqualTo(1);
            assertThat(jdbc.sql("SELECT last_used_at FROM eqa_passkey WHERE credential_id = ?").param(key.id()).query()
                    .singleValue()).isNotNull();
            assertThat(jdbc.sql("SELECT detail FROM audit_event WHERE subject_id = ? AND action = 'EQA_SIGNED_IN' ORDER BY seq DESC")
                    .param(eqa.grantId()).query(String.class).list().get(0)).contains("passkey");

            String admin = launchSession(college, INSTITUTION_ADMIN);
            String listed = HtmlUtils.htmlUnescape(get(admin + "/admin/eqa").body());
            assertThat(listed).contains("Passkey Work laptop, last used", "Added a passkey");
            UUID passkeyId = jdbc.sql("SELECT id FROM eqa_passkey WHERE credential_id = ?").param(key.id()).query(UUID.class).single();
            HttpResponse<String> removed = post(admin + "/admin/eqa/" + eqa.grantId() + "/passkeys/" + passkeyId + "/remove", Map.of());
            assertThat(removed.statusCode()).isEqualTo(303);
            assertThat(passkeys(eqa.grantId())).isZero();
            assertThat(audited(eqa.grantId(), "EQA_PASSKEY_REMOVED")).isEqualTo(1);
            assertRefused(signIn(key.assertion(signInChallenge(), origin(), RP_ID, VERIFIED, 2, eqa.userHandle())), 403,
                    "not known here");
            assertThat(post(admin + "/admin/eqa/" + eqa.grantId() + "/passkeys/" + passkeyId + "/remove", Map.of())
                    .statusCode()).as("already gone").isEqualTo(404);
        }
    }

    @Test
    void anotherOriginOrSiteAReplayedChallengeOrNoUserVerificationIsRefusedAndKeepsNothing() throws Exception {
        try (TestPlatform college = TestPlatform.start()) {
            Eqa eqa = signedInEqa(college.register(registry));
            SoftPasskey key = new SoftPasskey();

            String challenge = creationChallenge(eqa);
            assertRefused(register(eqa, key.attestation(challenge, "http://attacker.example", RP_ID, VERIFIED, "x")), 400,
                    "another site");
            assertRefused(register(eqa, key.attestation(challenge, origin(), RP_ID, VERIFIED, "x")), 400,
                    "used already");
            assertRefused(register(eqa, key.attestation(creationChallenge(eqa), origin(), "attacker.example", VERIFIED, "x")),
                    400, "belongs to another site");
            assertRefused(register(eqa, key.attestation(creationChallenge(eqa), origin(), RP_ID, SoftPasskey.UP, "x")), 400,
                    "did not verify you");
            assertRefused(register(eqa, key.attestation(signInChallenge(), origin(), RP_ID, VERIFIED, "x")), 400,
                    "challenge is unknown");
            assertThat(passkeys(eqa.grantId())).isZero();
            assertThat(audited(eqa.grantId(), "EQA_PASSKEY_ADDED")).isZero();

            String good = creationChallenge(eqa);
            String attestation = key.attestation(good, origin(), RP_ID, VERIFIED, "Phone");
            assertThat(register(eqa, attestation).statusCode()).isEqualTo(201);
            assertRefused(register(eqa, attestation), 400, "used already");
            assertThat(passkeys(eqa.grantId())).isEqualTo(1);

            String signInChallenge = signInChallenge();
            assertRefused(signIn(key.assertion(signInChallenge, "http://attacker.example", RP_ID, VERIFIED, 1, eqa.userHandle())),
                    403, "another site");
            assertRefused(signIn(key.assertion(signInChallenge, origin(), RP_ID, VERIFIED, 1, eqa.userHandle())), 400,
                    "used already");
            assertRefused(signIn(key.assertion(signInChallenge(), origin(), "attacker.example", VERIFIED, 1, eqa.userHandle())),
                    403, "belongs to another site");
            assertRefused(signIn(key.assertion(signInChallenge(), origin(), RP_ID, SoftPasskey.UP, 1, eqa.userHandle())), 403,
                    "did not verify you");
            assertRefused(signIn(key.assertion(creationChallenge(eqa), origin(), RP_ID, VERIFIED, 1, eqa.userHandle())), 400,
                    "challenge is unknown");
            SoftPasskey forger = new SoftPasskey();
            System.arraycopy(key.credentialId, 0, forger.credentialId, 0, key.credentialId.length);
            assertRefused(signIn(forger.assertion(signInChallenge(), origin(), RP_ID, VERIFIED, 1, eqa.userHandle())), 403,
                    "refused");
            assertThat(signCount(key)).as("nothing changed").isZero();

            assertThat(signIn(key.assertion(signInChallenge(), origin(), RP_ID, VERIFIED, 5, eqa.userHandle())).statusCode())
                    .isEqualTo(200);
            assertRefused(signIn(key.assertion(signInChallenge(), origin(), RP_ID, VERIFIED, 3, eqa.userHandle())), 403,
                    "counter");
            assertRefused(signIn(key.assertion(signInChallenge(), origin(), RP_ID, VERIFIED, 5, eqa.userHandle())), 403,
                    "counter");
            assertThat(signCount(key)).as("the regression changed nothing").isEqualTo(5);
            assertThat(audited(eqa.grantId(), "EQA_SIGN_IN_REFUSED")).as("each refusal of a known passkey is recorded")
                    .isEqualTo(6);
        }
    }

    @Test
    void theEqaRemovesOnlyTheirOwnPasskeysHoldsAtMostFiveAndBadAnswersChangeNothing() throws Exception {
        try (TestPlatform college = TestPlatform.start()) {
            Platform platform = college.register(registry);
            Eqa erin = signedInEqa(platform);
            Eqa other = signedInEqa(platform);
            SoftPasskey othersKey = registered(other, "Other's");
            UUID othersPasskey = jdbc.sql("SELECT id FROM eqa_passkey WHERE credential_id = ?").param(othersKey.id())
                    .query(UUID.class).single();
            for (int i = 1; i <= 5; i++) {
                registered(erin, "Key " + i);
            }
            assertRefused(json("POST", erin.base() + "/eqa/passkeys/options", "{}"), 400, "5 passkeys already");
            assertThat(get(erin.base() + "/eqa/passkeys").body()).contains("Key 5").doesNotContain("id=\"add-passkey\"");

            assertThat(post(erin.base() + "/eqa/passkeys/" + othersPasskey + "/remove", Map.of()).statusCode())
                    .as("another grant's passkey").isEqualTo(404);
            assertThat(passkeys(other.grantId())).isEqualTo(1);
            UUID first = jdbc.sql("SELECT id FROM eqa_passkey WHERE grant_id = ? AND label = 'Key 1'").param(erin.grantId())
                    .query(UUID.class).single();
            HttpResponse<String> removed = post(erin.base() + "/eqa/passkeys/" + first + "/remove", Map.of());
            assertThat(removed.statusCode()).isEqualTo(303);
            assertThat(get(removed.headers().firstValue("Location").orElseThrow()).body()).contains("The passkey was removed")
                    .doesNotContain("Key 1");
            assertThat(passkeys(erin.grantId())).isEqualTo(4);
            assertThat(audited(erin.grantId(), "EQA_PASSKEY_REMOVED")).isEqualTo(1);

            long rows = jdbc.sql("SELECT COUNT(*) FROM eqa_passkey").query(Long.class).single();
            assertRefused(signIn("{}"), 400, "sent no passkey");
            assertRefused(signIn("{\"id\":\"x\",\"clientDataJSON\":\"%%%\",\"authenticatorData\":\"x\",\"signature\":\"x\"}"),
                    400, "not base64url");
            assertRefused(register(erin, "{}"), 400, "sent no passkey");
            assertRefused(register(erin, "{\"clientDataJSON\":\"e30\",\"attestationObject\":\"AA\"}"), 400, "no challenge");
            String tooLong = new SoftPasskey().attestation(creationChallenge(erin), origin(), RP_ID, VERIFIED, "x".repeat(101));
            assertRefused(register(erin, tooLong), 400, "101 characters long");
            assertThat(jdbc.sql("SELECT COUNT(*) FROM eqa_passkey").query(Long.class).single()).isEqualTo(rows);
        }
    }

    @Test
    void aRevokedExpiredOrNotStartedGrantRefusesItsPasskeyAtOnce() throws Exception {
        try (TestPlatform college = TestPlatform.start()) {
            Platform platform = college.register(registry);
            Eqa eqa = signedInEqa(platform);
            SoftPasskey key = registered(eqa, "Laptop");

            jdbc.sql("UPDATE eqa_grant SET starts_on = ?, ends_on = ? WHERE id = ?")
                    .params(LocalDate.now().minusDays(10), LocalDate.now().minusDays(1), eqa.grantId()).update();
            assertRefused(signIn(key.assertion(signInChallenge(), origin(), RP_ID, VERIFIED, 1, eqa.userHandle())), 403,
                    "Your access ended on");
            jdbc.sql("UPDATE eqa_grant SET starts_on = ?, ends_on = ? WHERE id = ?")
                    .params(LocalDate.now().plusDays(1), LocalDate.now().plusDays(9), eqa.grantId()).update();
            assertRefused(signIn(key.assertion(signInChallenge(), origin(), RP_ID, VERIFIED, 1, eqa.userHandle())), 403,
                    "Your access starts on");
            assertThat(signCount(key)).isZero();
            jdbc.sql("UPDATE eqa_grant SET starts_on = ?, ends_on = ? WHERE id = ?")
                    .params(LocalDate.now(), LocalDate.now().plusDays(9), eqa.grantId()).update();
            assertThat(signIn(key.assertion(signInChallenge(), origin(), RP_ID, VERIFIED, 1, eqa.userHandle())).statusCode())
                    .isEqualTo(200);

            grants.revoke(platform.id(), eqa.grantId(), "Ada Admin");
            assertThat(passkeys(eqa.grantId())).as("revoking the grant ends its passkeys").isZero();
            assertRefused(signIn(key.assertion(signInChallenge(), origin(), RP_ID, VERIFIED, 2, eqa.userHandle())), 403,
                    "not known here");
            assertThat(json("POST", eqa.base() + "/eqa/passkeys/options", "{}").statusCode()).isEqualTo(403);
        }
    }
}
