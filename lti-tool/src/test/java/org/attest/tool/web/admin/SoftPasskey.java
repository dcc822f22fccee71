package org.attest.tool.web.admin;

import com.webauthn4j.converter.AttestationObjectConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.AttestationObject;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * A software authenticator for tests: a real P-256 key pair that answers WebAuthn ceremonies as a browser and a
 * platform authenticator would ("none" attestation, ES256 signatures), with the origin, RP id, flags and signature
 * counter the test chooses, so that each check of the server can be made to fail on its own.
 */
final class SoftPasskey {

    static final byte UP = 0x01;
    static final byte UV = 0x04;
    static final byte AT = 0x40;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    final KeyPair keys;
    final byte[] credentialId = new byte[16];
    long counter;

    SoftPasskey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        keys = generator.generateKeyPair();
        new SecureRandom().nextBytes(credentialId);
    }

    String id() {
        return B64.encodeToString(credentialId);
    }

    /** The JSON the passkey script posts after {@code navigator.credentials.create}. */
    String attestation(String challenge, String origin, String rpId, byte flags, String label) throws Exception {
        String clientData = clientData("webauthn.create", challenge, origin);
        AttestedCredentialData credential = new AttestedCredentialData(AAGUID.ZERO, credentialId,
                EC2COSEKey.create((ECPublicKey) keys.getPublic(), COSEAlgorithmIdentifier.ES256));
        AuthenticatorData<com.webauthn4j.data.extension.authenticator.RegistrationExtensionAuthenticatorOutput> data =
                new AuthenticatorData<>(sha256(rpId.getBytes(StandardCharsets.UTF_8)), (byte) (flags | AT), counter, credential);
        byte[] attestationObject = new AttestationObjectConverter(new ObjectConverter())
                .convertToBytes(new AttestationObject(data, new NoneAttestationStatement()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id());
        body.put("clientDataJSON", B64.encodeToString(clientData.getBytes(StandardCharsets.UTF_8)));
        body.put("attestationObject", B64.encodeToString(attestationObject));
        body.put("transports", java.util.List.of("internal"));
        body.put("label", label);
        return JSON.writeValueAsString(body);
    }

    /** The JSON the passkey script posts after {@code navigator.credentials.get}, signed with this key. */
    String assertion(String challenge, String origin, String rpId, byte flags, long signCount, byte[] userHandle)
            throws Exception {
        byte[] clientData = clientData("webauthn.get", challenge, origin).getBytes(StandardCharsets.UTF_8);
        byte[] authenticatorData = ByteBuffer.allocate(37).put(sha256(rpId.getBytes(StandardCharsets.UTF_8))).put(flags)
                .putInt((int) signCount).array();
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(keys.getPrivate());
        signer.update(authenticatorData);
        signer.update(sha256(clientData));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id());
        body.put("clientDataJSON", B64.encodeToString(clientData));
        body.put("authenticatorData", B64.encodeToString(authenticatorData));
        body.put("signature", B64.encodeToString(signer.sign()));
        body.put("userHandle", userHandle == null ? null : B64.encodeToString(userHandle));
        return JSON.writeValueAsString(body);
    }

    private static String clientData(String type, String challenge, String origin) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("type", type);
        data.put("challenge", challenge);
        data.put("origin", origin);
        data.put("crossOrigin", false);
        return JSON.writeValueAsString(data);
    }

    static byte[] sha256(byte[] bytes) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
    }
}
