package org.attest.tool.quality.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.attest.standards.Framework;
import org.attest.tool.lti.AdminPage;
import org.attest.tool.lti.AdminPages;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.lti.LtiProperties;
import org.attest.tool.lti.Platform;
import org.attest.tool.lti.PlatformAdministration;
import org.attest.tool.portfolio.AccessRecords;
import org.attest.tool.quality.internal.EqaGrant;
import org.attest.tool.quality.internal.EqaGrants;
import org.attest.tool.quality.internal.EqaPasskeys;
import org.attest.tool.quality.internal.EqaReports;
import org.attest.tool.quality.internal.QualityRefused;
import org.attest.tool.standards.FrameworkCatalog;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The centre administrator grants external verifiers (EQAs) access, sees each grant's status and what the EQA opened,
 * revokes a grant at once or issues a new one-time link and access code (shown once, never stored), and reads the
 * EQAs' visit reports. Bad input is shown on the page and changes nothing.
 */
@Controller
@AdminPage
@RequestMapping("/s/{token}/admin/eqa")
class EqaAdminController {

    static final int VIEWS_SHOWN = 50;

    /** What the audit trail's actions of an EQA say, in words. */
    static final Map<String, String> ACTIONS = Map.of("EXTERNAL_VIEW", "Opened", "EQA_SIGNED_IN", "Signed in",
            "EQA_SIGN_IN_REFUSED", "Sign-in refused", "EQA_REPORT_WRITTEN", "Wrote a visit report",
            "EQA_PASSKEY_ADDED", "Added a passkey", "EQA_PASSKEY_REMOVED", "Passkey removed");

    /** A grant on the page, with what its EQA did. */
    record Row(EqaGrant grant, EqaGrant.Status status, String qualification, List<AccessRecords.Recorded> views,
            List<EqaPasskeys.Passkey> passkeys) {
    }

    /** What the centre's page shows for one platform. */
    record Centre(Platform platform, List<Framework> frameworks, List<EqaGrants.PlanChoice> plans, List<Row> grants,
            List<EqaReports.Report> reports) {
    }

    private final PlatformAdministration administration;
    private final EqaGrants grants;
    private final EqaReports reports;
    private final AccessRecords records;
    private final FrameworkCatalog catalog;
    private final LtiProperties properties;
    private final Clock clock;
    private final EqaPasskeys passkeys;

    EqaAdminController(PlatformAdministration administration, EqaGrants grants, EqaReports reports, AccessRecords records,
            FrameworkCatalog catalog, LtiProperties properties, Clock clock, EqaPasskeys passkeys) {
        this.passkeys = passkeys;
        this.clock = clock;
        this.administration = administration;
        this.grants = grants;
        this.reports = reports;
        this.records = records;
        this.catalog = catalog;
        this.properties = properties;
    }

    @GetMapping
    String list(@AuthenticationPrincipal LtiPrincipal user, Model model) {
        LocalDate today = LocalDate.now(clock);
        List<Centre> centres = administration.visibleTo(user).stream().map(p -> centre(p, today)).toList();
        model.addAttribute("centres", centres);
        model.addAttribute("today", today);
        model.addAttribute("actions", ACTIONS);
        if (!model.containsAttribute("entered")) {
            model.addAttribute("entered", Map.of());
        }
        return "admin/eqa";
    }

    @PostMapping
    String grant(@AuthenticationPrincipal LtiPrincipal user, @RequestParam UUID platformId,
            @RequestParam Map<String, String> form, Model model, HttpServletResponse response) {
        Platform platform = managed(user, platformId);
        try {
            EqaGrants.Request request = new EqaGrants.Request(form.get("name"), form.get("email"), form.get("awardingBody"),
                    uuid(form.get("frameworkId"), "the qualification"), form.get("unitCodes"), uuid(form.get("planId"),
                    "the sampling plan"), FormValues.date(form.get("startsOn"), "the start date"),
                    FormValues.date(form.get("endsOn"), "the end date"));
            EqaGrants.Issued issued = grants.create(platform.id(), request, AdminPages.who(user));
            issued(model, issued, "Access granted to " + issued.grant().name());
        } catch (QualityRefused e) {
            if (e.kind() != QualityRefused.Kind.INVALID) {
                throw e;
            }
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("error", e.getMessage().substring(0, 1).toUpperCase() + e.getMessage().substring(1)
                    + ". Nothing was changed.");
            model.addAttribute("entered", form);
        }
        return list(user, model);
    }

    @PostMapping("/{grantId}/revoke")
    Object revoke(@AuthenticationPrincipal LtiPrincipal user, @PathVariable String token, @PathVariable UUID grantId,
            Model model, HttpServletResponse response) {
        EqaGrant grant = ownGrant(user, grantId);
        try {
            grants.revoke(grant.platformId(), grantId, AdminPages.who(user));
        } catch (QualityRefused e) {
            return refused(user, model, response, e);
        }
        return AdminPages.seeOther("/s/" + token + "/admin/eqa?revoked");
    }

    @PostMapping("/{grantId}/reissue")
    String reissue(@AuthenticationPrincipal LtiPrincipal user, @PathVariable UUID grantId, Model model,
            HttpServletResponse response) {
        EqaGrant grant = ownGrant(user, grantId);
        try {
            issued(model, grants.reissue(grant.platformId(), grantId, AdminPages.who(user)),
                    "New link and code for " + grant.name() + " (the old ones no longer work)");
        } catch (QualityRefused e) {
            return refused(user, model, response, e);
        }
        return list(user, model);
    }

    /** Removes an EQA's passkey: they sign in with it no more (their grant and any open session are unchanged). */
    @PostMapping("/{grantId}/passkeys/{passkeyId}/remove")
    Object removePasskey(@AuthenticationPrincipal LtiPrincipal user, @PathVariable String token, @PathVariable UUID grantId,
            @PathVariable UUID passkeyId) {
        EqaGrant grant = ownGrant(user, grantId);
        String who = AdminPages.who(user);
        passkeys.remove(grant, passkeyId, who, who);
        return AdminPages.seeOther("/s/" + token + "/admin/eqa?passkey-removed");
    }

    private String refused(LtiPrincipal user, Model model, HttpServletResponse response, QualityRefused e) {
        if (e.kind() != QualityRefused.Kind.INVALID) {
            throw e;
        }
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        model.addAttribute("error", e.getMessage() + ". Nothing was changed.");
        return list(user, model);
    }

    private void issued(Model model, EqaGrants.Issued issued, String heading) {
        model.addAttribute("issuedHeading", heading);
        model.addAttribute("issuedLink", properties.baseUrlString() + "/eqa/" + issued.linkToken());
        model.addAttribute("issuedCode", issued.accessCode());
    }

    private Centre centre(Platform platform, LocalDate today) {
        Map<UUID, Framework> frameworks = new LinkedHashMap<>();
        catalog.units(platform.id()).forEach(u -> frameworks.putIfAbsent(u.framework().id(), u.framework()));
        List<Row> rows = grants.onPlatform(platform.id()).stream().map(g -> new Row(g, g.status(today),
                frameworks.containsKey(g.frameworkId()) ? frameworks.get(g.frameworkId()).title() : g.frameworkId().toString(),
                records.byActor(platform.id(), g.subject(), VIEWS_SHOWN), passkeys.ofGrant(g.id()))).toList();
        return new Centre(platform, List.copyOf(frameworks.values()), grants.planChoices(platform.id()), rows,
                reports.reports(platform.id()));
    }

    private Platform managed(LtiPrincipal user, UUID platformId) {
        return administration.visibleTo(user).stream().filter(p -> p.id().equals(platformId)).findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                        "There is no platform '" + platformId + "' among those you manage"));
    }

    private EqaGrant ownGrant(LtiPrincipal user, UUID grantId) {
        return grants.find(grantId).filter(g -> administration.visibleTo(user).stream()
                        .anyMatch(p -> p.id().equals(g.platformId())))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                        "There is no external verifier's grant '" + grantId + "' on the platforms you manage"));
    }

    private static UUID uuid(String text, String what) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(text.strip());
        } catch (IllegalArgumentException e) {
            throw QualityRefused.badInput(what + " '" + text + "' is not one of the choices listed; choose one");
        }
    }
}
