package org.attest.tool.lti;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Forged, tampered and malformed id_tokens for the launch attack battery, and how to read the
 * refusal page the tool answers with.
 */
final class AttackCases {

    private static final Pattern REASON = Pattern.compile("Reason code: <strong>([A-Z_]+)</strong> \\(HTTP <span>(\\d+)</span>\\)");
    private static final Pattern DETAIL = Pattern.compile("<p class=\"detail\">(.*?)</p>", Pattern.DOTALL);
    private static final String BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private AttackCases() {
    }

    /** alg none: no signature at all. */
    static String unsigned(JWTClaimsSet claims) {
        return new PlainJWT(claims).serialize();
    }

    /** A header naming any algorithm, the claims, and a made-up signature: the algorithm check must come first. */
    static String withAlgorithm(String alg, String kid, JWTClaimsSet claims) {
        String header = "{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"" + (kid == null ? "" : ",\"kid\":\"" + kid + "\"") + "}";
        return Base64URL.encode(header) + "." + Base64URL.encode(claims.toString()) + "." + Base64URL.encode("not a signature");
    }

    /** The classic key-confusion attack: HS256 with the platform's public key (X.509 DER bytes) as the HMAC secret. */
    static String hmacWithPublicKey(JWTClaimsSet claims, RSAKey platformKey) throws JOSEException {
        byte[] publicKey = platformKey.toRSAPublicKey().getEncoded();
        return signed(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(platformKey.getKeyID()).type(JOSEObjectType.JWT).build(),
                claims, new MACSigner(publicKey));
    }

    static String signed(JWSHeader header, JWTClaimsSet claims, JWSSigner signer) throws JOSEException {
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    /** RS256 over a payload given as raw JSON text, for claims a JWTClaimsSet would not let us build. */
    static String signRawPayload(String json, RSAKey key) throws JOSEException {
        JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
                new Payload(json));
        jws.sign(new RSASSASigner(key));
        return jws.serialize();
    }

    static ECKey newEcKey() throws JOSEException {
        return new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE).keyID(UUID.randomUUID().toString()).generate();
    }

    static String es256(JWTClaimsSet claims, ECKey key) throws JOSEException {
        return signed(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
                claims, new ECDSASigner(key));
    }

    /** An ES256 token whose signature is r = s = 0 (CVE-2022-21449, "psychic signatures"). */
    static String es256WithZeroSignature(JWTClaimsSet claims, ECKey key) {
        String header = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build()
                .toBase64URL().toString();
        return header + "." + Base64URL.encode(claims.toString()) + "." + Base64URL.encode(new byte[64]);
    }

    /** The claims encrypted (JWE) to the given key rather than signed. */
    static String encrypted(JWTClaimsSet claims, RSAKey recipient) throws JOSEException {
        EncryptedJWT jwe = new EncryptedJWT(new JWEHeader.Builder(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM)
                .keyID(recipient.getKeyID()).build(), claims);
        jwe.encrypt(new RSAEncrypter(recipient.toRSAPublicKey()));
        return jwe.serialize();
    }

    /**
     * Changes exactly one character of the payload segment, at the first place where the result
     * still decodes to a JSON object of claims (so only the signature can tell).
     */
    static String tamperPayload(String jwt) {
        String[] parts = jwt.split("\\.", -1);
        String payload = parts[1];
        for (int i = payload.length() / 2; i < payload.length() - 1; i++) {
            char original = payload.charAt(i);
            for (char replacement : BASE64URL.toCharArray()) {
                if (replacement == original) {
                    continue;
                }
                String changed = payload.substring(0, i) + replacement + payload.substring(i + 1);
                if (decodesToDifferentClaims(payload, changed)) {
                    return parts[0] + "." + changed + "." + parts[2];
                }
            }
        }
        throw new IllegalStateException("no one-character change of the payload keeps it valid JSON");
    }

    private static boolean decodesToDifferentClaims(String original, String changed) {
        try {
            String before = new Base64URL(original).decodeToString();
            String after = new Base64URL(changed).decodeToString();
            if (before.equals(after) || !after.equals(new String(after.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                    || after.chars().anyMatch(c -> c < 0x20 || c == 0xFFFD)) {
                return false;
            }
            JWTClaimsSet.parse(after);
            return true;
        } catch (ParseException | RuntimeException e) {
            return false;
        }
    }

    /** Changes the first character of the signature segment. */
    static String tamperSignature(String jwt) {
        int dot = jwt.lastIndexOf('.');
        char first = jwt.charAt(dot + 1);
        return jwt.substring(0, dot + 1) + (first == 'A' ? 'B' : 'A') + jwt.substring(dot + 2);
    }

    /** The reason code on the tool's refusal page, or null when the page is not one. */
    static String reason(String body) {
        Matcher m = REASON.matcher(body);
        return m.find() ? m.group(1) : null;
    }

    /** The status the refusal page states next to its reason code. */
    static Integer statedStatus(String body) {
        Matcher m = REASON.matcher(body);
        return m.find() ? Integer.valueOf(m.group(2)) : null;
    }

    /** The sentence on the refusal page that says what failed, as plain text. */
    static String detail(String body) {
        Matcher m = DETAIL.matcher(body);
        return m.find() ? unescape(m.group(1)) : "";
    }

    static String unescape(String html) {
        return html.replace("&#39;", "'").replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}
