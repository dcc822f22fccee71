package org.attest.tool.witnesses.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import org.attest.tool.lti.LtiPrincipal;

/** What every signature of the module checks: a typed name as intent, matching the signer's name from the launch. */
final class Signing {

    static final int MAX_NAME = 200;

    private Signing() {
    }

    /** The typed name, stripped; refused when blank, too long, or not the launch's name. */
    static String typedNameOf(LtiPrincipal signer, String typed, String what) {
        String name = required(typed, "your full name to sign " + what, MAX_NAME);
        String launchName = signer.displayName();
        if (launchName == null || !normal(launchName).equals(normal(name))) {
            throw WitnessRefused.invalid("the name typed (\"" + name + "\") is not your name as your LMS gives it (\""
                    + launchName + "\"); type it as it is there to sign " + what);
        }
        return name;
    }

    static String required(String text, String what, int max) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            throw WitnessRefused.invalid("type " + what);
        }
        if (t.length() > max) {
            throw WitnessRefused.invalid(what + ": " + t.length() + " characters is too long; write at most " + max);
        }
        return t;
    }

    static String optional(String text, String what, int max) {
        String t = text == null ? "" : text.strip();
        if (t.length() > max) {
            throw WitnessRefused.invalid(what + ": " + t.length() + " characters is too long; write at most " + max);
        }
        return t.isEmpty() ? null : t;
    }

    static String normal(String name) {
        return name.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
