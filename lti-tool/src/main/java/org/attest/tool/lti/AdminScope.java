package org.attest.tool.lti;

import java.util.Objects;
import java.util.UUID;
import org.attest.tool.lti.internal.OperatorSetup;

/**
 * What an administrator administers, decided here once for every admin service: the whole tool
 * ({@link #TOOL}: the operator, signed in by a setup link, and API tokens the operator made), or one
 * platform's centre ({@link Centre}: an administrator who launched from that platform, and that
 * centre's API tokens). Things an administrator makes (API tokens, frameworks) belong to the scope
 * they were made in: {@code null} owner for the tool, the platform's id for a centre.
 */
public sealed interface AdminScope permits AdminScope.Tool, AdminScope.Centre {

    /** The operator's scope: every platform and everything tool-wide. */
    AdminScope TOOL = new Tool();

    /** The whole installation. */
    record Tool() implements AdminScope {
        @Override
        public UUID platformId() {
            return null;
        }
    }

    /** One platform's centre. */
    record Centre(UUID platformId) implements AdminScope {
        public Centre {
            Objects.requireNonNull(platformId, "a centre's scope is its platform's id");
        }
    }

    static AdminScope centre(UUID platformId) {
        return new Centre(platformId);
    }

    /**
     * The scope of an administrator: the operator and tool-wide API tokens administer the tool; a
     * launch with an administrator role, and a centre's API token, administer the platform they come from.
     *
     * @throws AdminRefused (403) for anyone who is not an administrator
     */
    static AdminScope of(LtiPrincipal who) {
        if (who == null || !who.has(AttestRole.CENTRE_ADMIN)) {
            throw AdminRefused.notAllowed("Only administrators can do this");
        }
        if (OperatorSetup.isOperator(who)) {
            return TOOL;
        }
        if (ApiTokens.ISSUER.equals(who.issuer())) {
            return who.platformId() == null ? TOOL : centre(who.platformId());
        }
        if (who.platformId() == null) {
            throw AdminRefused.notAllowed("This sign-in belongs to no platform, so it administers nothing");
        }
        return centre(who.platformId());
    }

    /** The centre's platform; {@code null} for the tool. */
    UUID platformId();

    default boolean isTool() {
        return this instanceof Tool;
    }

    /** Whether this scope may change or delete something owned by {@code owner} ({@code null}: tool-wide). */
    default boolean manages(UUID owner) {
        return isTool() || Objects.equals(owner, platformId());
    }

    /** Whether this scope may see and use something owned by {@code owner}: what it manages, and whatever is tool-wide. */
    default boolean sees(UUID owner) {
        return owner == null || manages(owner);
    }
}
