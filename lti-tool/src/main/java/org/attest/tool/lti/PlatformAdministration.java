package org.attest.tool.lti;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.attest.tool.lti.internal.EndpointChange;
import org.attest.tool.lti.internal.OneTimeTokens;
import org.attest.tool.lti.internal.OperatorSetup;
import org.attest.tool.lti.internal.ToolConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a centre administrator may do with platform registrations. The operator manages every
 * platform; a centre administrator who launched from an LMS manages only that LMS's registration,
 * and other platforms do not exist for them (404). Only the operator adds platforms, by hand or
 * through a one-time Dynamic Registration URL.
 */
@Service
public class PlatformAdministration {

    /** A platform registered by hand. */
    public record NewPlatform(String issuer, String clientId, String name, String authorizationEndpoint, String tokenEndpoint,
            String jwksUri, List<String> deploymentIds) {
    }

    /** What an administrator may change on a registered platform; issuer and client id are its identity and stay. */
    public record Endpoints(String name, String authorizationEndpoint, String tokenEndpoint, String jwksUri) {
    }

    static final Duration REGISTRATION_URL_VALID_FOR = Duration.ofDays(7);

    private static final Logger log = LoggerFactory.getLogger(PlatformAdministration.class);

    private final PlatformRegistry registry;
    private final PlatformKeySources keySources;
    private final OneTimeTokens tokens;
    private final ToolConfiguration tool;
    private final PlatformUrls urls;
    private final PlatformKeyPreview keyPreview;

    PlatformAdministration(PlatformRegistry registry, PlatformKeySources keySources, OneTimeTokens tokens, ToolConfiguration tool,
            PlatformUrls urls, PlatformKeyPreview keyPreview) {
        this.registry = registry;
        this.keySources = keySources;
        this.tokens = tokens;
        this.tool = tool;
        this.urls = urls;
        this.keyPreview = keyPreview;
    }

    /** What came of an edit: saved (only the name changed), or a change of endpoints waiting for confirmation. */
    public sealed interface Edit {
        record Saved(Platform platform) implements Edit {
        }

        record NeedsConfirmation(EndpointChange change) implements Edit {
        }
    }

    /** Whether this administrator may add platforms, make registration URLs and rotate the tool's keys. */
    public boolean managesTheTool(LtiPrincipal who) {
        return OperatorSetup.isOperator(who);
    }

    /** Throws {@link AdminRefused} (403) unless this administrator may add platforms. */
    public void checkMayAddPlatforms(LtiPrincipal who) {
        requireOperator(who, "Only the operator can add platforms; as a centre administrator you manage the platform you launched from");
    }

    public List<Platform> visibleTo(LtiPrincipal who) {
        if (managesTheTool(who)) {
            return registry.all();
        }
        return launchedFrom(who).flatMap(registry::find).map(List::of).orElse(List.of());
    }

    /** The platform, if this administrator manages it. */
    public Platform get(LtiPrincipal who, String platformId) {
        UUID id = parse(platformId);
        if (id == null || !(managesTheTool(who) || launchedFrom(who).filter(id::equals).isPresent())) {
            throw noSuchPlatform(platformId);
        }
        return registry.find(id).orElseThrow(() -> noSuchPlatform(platformId));
    }

    @Transactional
    public Platform register(LtiPrincipal who, NewPlatform input) {
        checkMayAddPlatforms(who);
        PlatformInput check = new PlatformInput(urls);
        String issuer = check.issuer(input.issuer());
        String clientId = check.clientId(input.clientId());
        String name = check.name(input.name());
        String authorization = check.authorizationEndpoint(input.authorizationEndpoint());
        String token = check.tokenEndpoint(input.tokenEndpoint());
        String jwks = check.jwksUri(input.jwksUri());
        List<String> deployments = check.deploymentIds(input.deploymentIds());
        if (!issuer.isEmpty() && !clientId.isEmpty()) {
            registry.find(issuer, clientId).ifPresent(existing -> check.problem("clientId", "A platform with issuer " + issuer
                    + " and client id " + clientId + " is already registered: " + existing.describe()
                    + "; edit that one instead"));
        }
        check.check();
        Platform platform;
        try {
            platform = registry.register(new PlatformRegistry.Registration(issuer, clientId, name, authorization, token, jwks,
                    null, Platform.RegisteredBy.MANUAL, deployments));
        } catch (PlatformRegistry.AlreadyRegistered e) {
            throw AdminRefused.invalid("clientId", "A platform with issuer " + issuer + " and client id " + clientId
                    + " was registered a moment ago by someone else; reload the list");
        }
        log.info("{} registered platform {} by hand", who.describe(), platform.describe());
        return platform;
    }

    /**
     * An administrator's edit of name and endpoints. A new name alone is saved at once; a change of
     * the authorisation, token or JWKS URL is not applied but returned for review, with the keys
     * published at the old and the new JWKS URL, until {@link #confirmEndpoints} applies it.
     */
    @Transactional
    public Edit edit(LtiPrincipal who, String platformId, Endpoints input) {
        Platform platform = get(who, platformId);
        Endpoints checked = checked(input);
        if (sameEndpoints(endpointsOf(platform), checked)) {
            if (!checked.name().equals(platform.name())) {
                registry.update(platform.id(), checked.name(), platform.authorizationEndpoint(), platform.tokenEndpoint(),
                        platform.jwksUri());
                log.info("{} renamed platform {} to '{}'", who.describe(), platform.describe(), checked.name());
            }
            return new Edit.Saved(registry.find(platform.id()).orElseThrow());
        }
        return new Edit.NeedsConfirmation(new EndpointChange(platform, endpointsOf(platform), checked,
                keyPreview.keysAt(platform.jwksUri()), keyPreview.keysAt(checked.jwksUri())));
    }

    /**
     * Applies a reviewed change of endpoints. {@code reviewed} holds the endpoints the administrator
     * saw as current; if the platform has changed since, nothing is applied (null skips this check,
     * for the JSON API's {@code confirm=true}).
     */
    @Transactional
    public Platform confirmEndpoints(LtiPrincipal who, String platformId, Endpoints input, Endpoints reviewed) {
        Platform platform = get(who, platformId);
        Endpoints checked = checked(input);
        if (reviewed != null && !sameEndpoints(endpointsOf(platform), reviewed)) {
            throw AdminRefused.invalid("jwksUri", "The endpoints of " + platform.describe() + " changed after you reviewed "
                    + "this change; nothing was applied. Open the platform again and review the change anew");
        }
        registry.update(platform.id(), checked.name(), checked.authorizationEndpoint(), checked.tokenEndpoint(), checked.jwksUri());
        keySources.evict(platform); // the next launch fetches the keys from the URL as saved now
        log.info("{} changed the endpoints of platform {}: JWKS {} -> {}, authorisation {} -> {}, token {} -> {}", who.describe(),
                platform.describe(), platform.jwksUri(), checked.jwksUri(), platform.authorizationEndpoint(),
                checked.authorizationEndpoint(), platform.tokenEndpoint(), checked.tokenEndpoint());
        return registry.find(platform.id()).orElseThrow();
    }

    private Endpoints checked(Endpoints input) {
        PlatformInput check = new PlatformInput(urls);
        Endpoints checked = new Endpoints(check.name(input.name()), check.authorizationEndpoint(input.authorizationEndpoint()),
                check.tokenEndpoint(input.tokenEndpoint()), check.jwksUri(input.jwksUri()));
        check.check();
        return checked;
    }

    static Endpoints endpointsOf(Platform p) {
        return new Endpoints(p.name(), p.authorizationEndpoint(), p.tokenEndpoint() == null ? "" : p.tokenEndpoint(), p.jwksUri());
    }

    private static boolean sameEndpoints(Endpoints a, Endpoints b) {
        return nz(a.authorizationEndpoint()).equals(nz(b.authorizationEndpoint())) && nz(a.tokenEndpoint()).equals(nz(b.tokenEndpoint()))
                && nz(a.jwksUri()).equals(nz(b.jwksUri()));
    }

    private static String nz(String s) {
        return s == null ? "" : s.strip();
    }

    @Transactional
    public Platform setEnabled(LtiPrincipal who, String platformId, boolean enabled) {
        Platform platform = get(who, platformId);
        registry.setEnabled(platform.id(), enabled);
        log.info("{} {} platform {}", who.describe(), enabled ? "enabled" : "disabled", platform.describe());
        return registry.find(platform.id()).orElseThrow();
    }

    @Transactional
    public Platform addDeployment(LtiPrincipal who, String platformId, String deploymentId, String deploymentName) {
        Platform platform = get(who, platformId);
        PlatformInput check = new PlatformInput(urls);
        String id = check.deploymentId(deploymentId);
        String name = check.deploymentName(deploymentName);
        if (platform.hasDeployment(id)) {
            check.problem("deploymentId", "Deployment '" + id + "' is already registered for " + platform.describe());
        }
        check.check();
        registry.addDeployment(platform.id(), id, name);
        log.info("{} added deployment '{}' to platform {}", who.describe(), id, platform.describe());
        return registry.find(platform.id()).orElseThrow();
    }

    @Transactional
    public Platform removeDeployment(LtiPrincipal who, String platformId, String deploymentId) {
        Platform platform = get(who, platformId);
        if (deploymentId == null || !platform.hasDeployment(deploymentId)) {
            throw AdminRefused.notFound(platform.describe() + " has no deployment '" + deploymentId + "'");
        }
        registry.removeDeployment(platform.id(), deploymentId);
        log.info("{} removed deployment '{}' from platform {}", who.describe(), deploymentId, platform.describe());
        return registry.find(platform.id()).orElseThrow();
    }

    /** A Dynamic Registration URL that works once within 7 days, for when open registration is off. */
    public String makeRegistrationUrl(LtiPrincipal who) {
        requireOperator(who, "Only the operator can make registration URLs, since each one can register a new platform");
        String url = tool.oneTimeRegistrationUrl(tokens.mint(OneTimeTokens.Purpose.REGISTRATION, REGISTRATION_URL_VALID_FOR));
        log.info("{} made a one-time registration URL", who.describe());
        return url;
    }

    void requireOperator(LtiPrincipal who, String message) {
        if (!managesTheTool(who)) {
            throw AdminRefused.notAllowed(message);
        }
    }

    private static Optional<UUID> launchedFrom(LtiPrincipal who) {
        return who != null && who.has(AttestRole.CENTRE_ADMIN) && LtiRoles.isInstitutionAdministrator(who.ltiRoles())
                ? Optional.ofNullable(who.platformId()) : Optional.empty();
    }

    private static AdminRefused noSuchPlatform(String platformId) {
        return AdminRefused.notFound("There is no platform '" + platformId + "' among those you manage");
    }

    private static UUID parse(String id) {
        try {
            return id == null ? null : UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
