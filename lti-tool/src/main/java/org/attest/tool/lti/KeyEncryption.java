package org.attest.tool.lti;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals the tool's private keys with the operator's key-encryption key (KEK) and opens them again. A sealed key is a
 * compact JWE (Nimbus: {@code dir}, {@code A256GCM}, a random 96-bit IV each time) whose protected header, which
 * AES-GCM authenticates, names the KEK ({@code kid}) and the row it belongs to (owner and signing key id): a changed
 * byte, or a row's ciphertext copied into another row, fails to open instead of yielding a key.
 */
final class KeyEncryption {

    static final int KEY_BYTES = 32;
    private static final String OWNER = "attest_owner";
    private static final String SIGNING_KID = "attest_kid";

    private record Kek(String id, SecretKey key) {
    }

    private final Kek current;
    private final Map<String, Kek> known = new LinkedHashMap<>();

    /** {@code current} seals; it and every one of {@code previous} open. Each is 32 bytes. */
    KeyEncryption(byte[] current, List<byte[]> previous) {
        this.current = kek(current);
        known.put(this.current.id(), this.current);
        for (byte[] old : previous) {
            Kek kek = kek(old);
            known.putIfAbsent(kek.id(), kek);
        }
    }

    /** The id stored with every row this KEK seals: a digest of the key, so it names the key without revealing it. */
    static String idOf(byte[] key) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update("attest key-encryption key id\0".getBytes(StandardCharsets.US_ASCII));
            return "kek-" + HexFormat.of().formatHex(sha256.digest(key), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    String currentId() {
        return current.id();
    }

    boolean knows(String kekId) {
        return known.containsKey(kekId);
    }

    String seal(String owner, String kid, String privateJwk) {
        JWEHeader header = new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM).keyID(current.id())
                .customParam(OWNER, owner).customParam(SIGNING_KID, kid).build();
        JWEObject jwe = new JWEObject(header, new Payload(privateJwk));
        try {
            jwe.encrypt(new DirectEncrypter(current.key()));
        } catch (JOSEException e) {
            throw new KeyEncryptionException("could not encrypt " + owner + " key " + kid + " with key-encryption key "
                    + current.id(), e);
        }
        return jwe.serialize();
    }

    /** The private JWK sealed in row ({@code owner}, {@code kid}) with KEK {@code kekId}; refuses anything else. */
    String open(String kekId, String owner, String kid, String sealed) {
        Kek kek = known.get(kekId);
        if (kek == null) {
            throw new KeyEncryptionException(owner + " key " + kid + " is encrypted with key-encryption key " + kekId
                    + ", which is not configured (this one is " + current.id() + "). Set " + KeysProperties.ENCRYPTION_KEY_FILE
                    + " or " + KeysProperties.ENCRYPTION_KEY + " to the key this database was encrypted with, or list it in "
                    + KeysProperties.PREVIOUS_ENCRYPTION_KEY_FILES + " to re-encrypt with the new one. Nothing was changed.");
        }
        String problem = owner + " key " + kid + " in table tool_key cannot be decrypted with key-encryption key " + kekId
                + ": the row was changed or copied from another row. Restore it from a backup; nothing was changed.";
        JWEObject jwe;
        try {
            jwe = JWEObject.parse(sealed);
        } catch (ParseException e) {
            throw new KeyEncryptionException(problem, e);
        }
        JWEHeader header = jwe.getHeader();
        if (!kekId.equals(header.getKeyID()) || !owner.equals(header.getCustomParam(OWNER))
                || !kid.equals(header.getCustomParam(SIGNING_KID))) {
            throw new KeyEncryptionException(problem + " (its ciphertext belongs to " + header.getCustomParam(OWNER) + " key "
                    + header.getCustomParam(SIGNING_KID) + ")");
        }
        try {
            jwe.decrypt(new DirectDecrypter(kek.key()));
        } catch (JOSEException e) {
            throw new KeyEncryptionException(problem, e);
        }
        return jwe.getPayload().toString();
    }

    private static Kek kek(byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("a key-encryption key is " + KEY_BYTES + " bytes, not " + key.length);
        }
        return new Kek(idOf(key), new SecretKeySpec(key, "AES"));
    }
}
