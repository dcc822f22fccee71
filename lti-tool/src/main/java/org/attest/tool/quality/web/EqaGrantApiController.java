package org.attest.tool.quality.web;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.attest.standards.Framework;
import org.attest.tool.lti.AdminScope;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.lti.LtiProperties;
import org.attest.tool.lti.Platform;
import org.attest.tool.lti.PlatformRegistry;
import org.attest.tool.quality.internal.EqaGrant;
import org.attest.tool.quality.internal.EqaGrants;
import org.attest.tool.quality.internal.QualityRefused;
import org.attest.tool.standards.FrameworkCatalog;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /admin/api/eqa-grants} with an API token: grants an external verifier access, as the External verifiers
 * admin page does, and answers the one-time sign-in link and access code once (201); only their hashes are kept. The
 * platform is named by {@code issuer} and {@code client_id}; a centre's token reaches its own platform only. Form
 * fields: {@code name}, {@code email}, {@code awarding_body}, {@code framework} (the framework's id, or its exact
 * title), {@code unit_codes} (empty: every unit), {@code plan_id} (empty: every learner unit; else only that sampling
 * plan's sample), {@code starts_on} and {@code ends_on} (ISO dates, both inclusive). With {@code reissue_existing=true}
 * a centre that already has an unrevoked, unexpired grant for that email address gets a new link and code for it
 * instead of a second grant (200): the sandbox of {@code attest-sandbox.jar} names its demo EQA this way at every
 * start. Bad input is answered 400 with what to correct, and changes nothing.
 */
@RestController
class EqaGrantApiController {

    static final String PATH = "/admin/api/eqa-grants";

    /** The grant, its one-time link and access code (never stored, shown this once), and whether it was reissued. */
    record Answer(UUID grantId, String name, String awardingBody, UUID frameworkId, List<String> unitCodes, UUID planId,
            LocalDate startsOn, LocalDate endsOn, String status, String link, String code, boolean reissued) {
    }

    private final PlatformRegistry platforms;
    private final EqaGrants grants;
    private final FrameworkCatalog catalog;
    private final LtiProperties properties;
    private final java.time.Clock clock;

    EqaGrantApiController(PlatformRegistry platforms, EqaGrants grants, FrameworkCatalog catalog, LtiProperties properties,
            java.time.Clock clock) {
        this.platforms = platforms;
        this.grants = grants;
        this.catalog = catalog;
        this.properties = properties;
        this.clock = clock;
    }

    @PostMapping(PATH)
    ResponseEntity<?> grant(@AuthenticationPrincipal LtiPrincipal user, @RequestParam Map<String, String> form) {
        String issuer = form.get("issuer");
        String clientId = form.get("client_id");
        if (blank(issuer) || blank(clientId)) {
            return refused(400, "Send issuer and client_id (the platform whose centre grants the access). Nothing was changed.");
        }
        AdminScope scope = AdminScope.of(user);
        Optional<Platform> platform = platforms.find(issuer, clientId).filter(p -> scope.manages(p.id()));
        if (platform.isEmpty()) {
            return refused(404, "This token manages no platform with issuer '" + issuer + "' and client_id '" + clientId
                    + "'. Nothing was changed.");
        }
        UUID platformId = platform.get().id();
        try {
            EqaGrants.Request request = new EqaGrants.Request(form.get("name"), form.get("email"), form.get("awarding_body"),
                    framework(platformId, form.get("framework")), form.get("unit_codes"), plan(form.get("plan_id")),
                    FormValues.date(form.get("starts_on"), "the start date (starts_on)"),
                    FormValues.date(form.get("ends_on"), "the end date (ends_on)"));
            if ("true".equalsIgnoreCase(form.get("reissue_existing"))) {
                Optional<EqaGrant> existing = live(platformId, request.email());
                if (existing.isPresent()) {
                    return ResponseEntity.ok(answer(grants.reissue(platformId, existing.get().id(), user.displayName()), true));
                }
            }
            return ResponseEntity.status(201).body(answer(grants.create(platformId, request, user.displayName()), false));
        } catch (QualityRefused e) {
            if (e.kind() != QualityRefused.Kind.INVALID) {
                throw e;
            }
            return refused(400, e.getMessage().substring(0, 1).toUpperCase(Locale.ROOT) + e.getMessage().substring(1)
                    + ". Nothing was changed.");
        }
    }

    /** The centre's unrevoked, unexpired grant to this email address, newest first. */
    private Optional<EqaGrant> live(UUID platformId, String email) {
        LocalDate today = LocalDate.now(clock);
        return grants.onPlatform(platformId).stream()
                .filter(g -> email != null && g.email().equalsIgnoreCase(email.strip()))
                .filter(g -> g.status(today) == EqaGrant.Status.ACTIVE || g.status(today) == EqaGrant.Status.NOT_STARTED)
                .findFirst();
    }

    private Answer answer(EqaGrants.Issued issued, boolean reissued) {
        EqaGrant g = issued.grant();
        return new Answer(g.id(), g.name(), g.awardingBody(), g.frameworkId(), g.unitCodes(), g.planId(), g.startsOn(),
                g.endsOn(), g.status(LocalDate.now(clock)).label(), properties.baseUrlString() + "/eqa/" + issued.linkToken(),
                issued.accessCode(), reissued);
    }

    /** The framework by its id or its exact title, among those the centre uses; null when none was named. */
    private UUID framework(UUID platformId, String named) {
        if (blank(named)) {
            return null;
        }
        String text = named.strip();
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException notAnId) {
            Map<UUID, Framework> used = new LinkedHashMap<>();
            catalog.units(platformId).forEach(u -> used.putIfAbsent(u.framework().id(), u.framework()));
            return used.values().stream().filter(f -> f.title().equalsIgnoreCase(text)).map(Framework::id).findFirst()
                    .orElseThrow(() -> QualityRefused.badInput("the centre uses no framework with the id or title '" + text
                            + "'; send framework as one of: " + used.values().stream()
                                    .map(f -> f.id() + " (" + f.title() + ")").toList()));
        }
    }

    private static UUID plan(String text) {
        if (blank(text)) {
            return null;
        }
        try {
            return UUID.fromString(text.strip());
        } catch (IllegalArgumentException e) {
            throw QualityRefused.badInput("plan_id '" + text + "' is not a sampling plan's id; leave it out for every "
                    + "learner unit");
        }
    }

    private static ResponseEntity<Map<String, String>> refused(int status, String sentence) {
        return ResponseEntity.status(status).body(Map.of("error", sentence));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
