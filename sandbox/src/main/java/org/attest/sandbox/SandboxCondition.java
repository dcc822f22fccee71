package org.attest.sandbox;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Whether the sandbox runs. The sandbox hands centre-administrator launches to whoever opens
 * {@code /sandbox}, so it runs only where nobody else can reach it:
 * <ul>
 * <li>{@code attest.sandbox.enabled=auto} (the default): only when Attest listens on a loopback
 *     address ({@code server.address} 127.0.0.1, ::1 or localhost; unset means every interface,
 *     which is not loopback);</li>
 * <li>{@code true}: forced on whatever the address (a loud warning at start when not loopback);</li>
 * <li>{@code false}: never.</li>
 * </ul>
 * Never in the {@code prod} profile: forcing it there stops Attest from starting, with a message.
 */
class SandboxCondition implements Condition {

    static final String ENABLED = "attest.sandbox.enabled";

    /** What was decided and why; {@code exposed} when the sandbox runs where other machines may reach it. */
    record Decision(boolean runs, String reason, boolean exposed) {
    }

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return decide(context.getEnvironment()).runs();
    }

    static Decision decide(Environment environment) {
        String mode = environment.getProperty(ENABLED, "auto").strip().toLowerCase(Locale.ROOT);
        String address = environment.getProperty("server.address");
        boolean loopback = isLoopback(address);
        boolean prod = environment.matchesProfiles("prod");
        switch (mode) {
            case "false" -> {
                return new Decision(false, ENABLED + "=false", false);
            }
            case "true" -> {
                if (prod) {
                    throw new IllegalStateException(ENABLED + "=true is not allowed in the prod profile: the sandbox hands "
                            + "administrator sign-ins to anyone who opens /sandbox. Remove " + ENABLED + " (or set it to false), "
                            + "or run without the prod profile on a development machine.");
                }
                return new Decision(true, ENABLED + "=true (forced)", !loopback);
            }
            case "auto" -> {
                if (prod) {
                    return new Decision(false, "the prod profile never runs the sandbox", false);
                }
                return loopback
                        ? new Decision(true, "Attest listens only on the loopback address " + address, false)
                        : new Decision(false, "Attest listens on " + (address == null ? "every interface" : address)
                                + ", not only on loopback", false);
            }
            default -> throw new IllegalStateException(ENABLED + " must be auto, true or false; was '"
                    + environment.getProperty(ENABLED) + "'");
        }
    }

    /** Whether this {@code server.address} accepts connections from this machine only; unset means every interface. */
    static boolean isLoopback(String address) {
        if (address == null || address.isBlank()) {
            return false;
        }
        String a = address.strip();
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        if (a.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!a.matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
            return false; // a host name: not resolved here, so not trusted to be loopback
        }
        try {
            return InetAddress.getByName(a).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
