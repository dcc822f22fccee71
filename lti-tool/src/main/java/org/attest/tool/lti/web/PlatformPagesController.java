package org.attest.tool.lti.web;

import java.util.Map;
import java.util.Optional;
import org.attest.tool.lti.AdminPage;
import org.attest.tool.lti.AdminPages;
import org.attest.tool.lti.AdminRefused;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.lti.Platform;
import org.attest.tool.lti.ProductFamilies;
import org.attest.tool.lti.PlatformAdministration;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/** The platform pages under {@code /s/{token}/admin}: the list, adding one by hand, and one platform's settings. */
@Controller
@AdminPage
@RequestMapping("/s/{token}/admin")
class PlatformPagesController {

    private final PlatformAdministration administration;
    private final ProductFamilies families;

    PlatformPagesController(PlatformAdministration administration, ProductFamilies families) {
        this.administration = administration;
        this.families = families;
    }

    @GetMapping({"", "/"})
    String platforms(@AuthenticationPrincipal LtiPrincipal user, @RequestParam(required = false) String done, Model model) {
        model.addAttribute("platforms", administration.visibleTo(user));
        model.addAttribute("done", done);
        return "admin/platforms";
    }

    @GetMapping("/platforms/new")
    String newPlatform(@AuthenticationPrincipal LtiPrincipal user, Model model) {
        administration.checkMayAddPlatforms(user);
        model.addAttribute("form", PlatformForm.empty());
        model.addAttribute("errors", Map.of());
        return "admin/platform-new";
    }

    @PostMapping("/platforms")
    ModelAndView addPlatform(@AuthenticationPrincipal LtiPrincipal user, @PathVariable String token,
            @ModelAttribute PlatformForm form, Model model) {
        try {
            Platform platform = administration.register(user, form.toNewPlatform());
            return new ModelAndView(AdminPages.seeOther(AdminPages.home(token) + "/platforms/" + platform.id() + "?done=created"));
        } catch (AdminRefused e) {
            if (e.kind() != AdminRefused.Kind.INVALID) {
                throw e;
            }
            model.addAttribute("form", form);
            model.addAttribute("errors", e.fields());
            return new ModelAndView("admin/platform-new", HttpStatus.BAD_REQUEST);
        }
    }

    @GetMapping("/platforms/{id}")
    String platform(@AuthenticationPrincipal LtiPrincipal user, @PathVariable String id,
            @RequestParam(required = false) String done, Model model) {
        Platform platform = administration.get(user, id);
        return platformPage(model, platform, PlatformForm.of(platform), Map.of(), "", "", done);
    }

    /** Saves a new name at once; new endpoints are shown for review first (admin/platform-change). */
    @PostMapping("/platforms/{id}")
    ModelAndView edit(@AuthenticationPrincipal LtiPrincipal user, @PathVariable String token, @PathVariable String id,
            @ModelAttribute PlatformForm form, Model model) {
        Platform platform = administration.get(user, id);
        try {
            PlatformAdministration.Edit edit = administration.edit(user, id, form.toEndpoints());
            if (edit instanceof PlatformAdministration.Edit.NeedsConfirmation review) {
                model.addAttribute("change", review.change());
                return new ModelAndView("admin/platform-change");
            }
            return done(token, id, "saved");
        } catch (AdminRefused e) {
            return invalidEdit(e, platform, form, model);
        }
    }

    /** "Confirm": applies the endpoints reviewed on admin/platform-change, unless the platform changed meanwhile. */
    @PostMapping("/platforms/{id}/endpoints")
    ModelAndView confirmEndpoints(@AuthenticationPrincipal LtiPrincipal user, @PathVariable String token, @PathVariable String id,
            @ModelAttribute PlatformForm form, @RequestParam(required = false) String reviewedAuthorizationEndpoint,
            @RequestParam(required = false) String reviewedTokenEndpoint, @RequestParam(required = false) String reviewedJwksUri,
            Model model) {
        Platform platform = administration.get(user, id);
        PlatformAdministration.Endpoints reviewed = new PlatformAdministration.Endpoints(platform.name(),
                reviewedAuthorizationEndpoint, reviewedTokenEndpoint, reviewedJwksUri);
        try {
            administration.confirmEndpoints(user, id, form.toEndpoints(), reviewed);
            return done(token, id, "endpoints-changed");
        } catch (AdminRefused e) {
            return invalidEdit(e, platform, form, model);
        }
    }

    private ModelAndView invalidEdit(AdminRefused e, Platform platform, PlatformForm form, Model model) {
        if (e.kind() != AdminRefused.Kind.INVALID) {
            throw e;
        }
        PlatformForm shown = new PlatformForm(platform.issuer(), platform.clientId(), form.name(), form.authorizationEndpoint(),
                form.tokenEndpoint(), form.jwksUri(), "");
        return new ModelAndView(platformPage(model, platform, shown, e.fields(), "", "", null), HttpStatus.BAD_REQUEST);
    }

    @PostMapping("/platforms/{id}/enabled")
    ModelAndView setEnabled(@AuthenticationPrincipal LtiPrincipal user, @PathVariable String token, @PathVariable String id,
            @RequestParam boolean enabled) {
        administration.setEnabled(user, id, enabled);
        return done(token, id, enabled ? "enabled" : "disabled");
    }

    @PostMapping("/platforms/{id}/deployments")
    ModelAndView addDeployment(@AuthenticationPrincipal LtiPrincipal user, @PathVariable String token, @PathVariable String id,
            @RequestParam(required = false) String deploymentId, @RequestParam(required = false) String deploymentName, Model model) {
        try {
            administration.addDeployment(user, id, deploymentId, deploymentName);
            return done(token, id, "deployment-added");
        } catch (AdminRefused e) {
            if (e.kind() != AdminRefused.Kind.INVALID) {
                throw e;
            }
            Platform platform = administration.get(user, id);
            String view = platformPage(model, platform, PlatformForm.of(platform), e.fields(), deploymentId, deploymentName, null);
            return new ModelAndView(view, HttpStatus.BAD_REQUEST);
        }
    }

    /** Which LMS this is, for what its scores mean (docs/gradebook.md); blank follows the platform's own product_family_code. */
    @PostMapping("/platforms/{id}/family")
    ModelAndView setFamily(@AuthenticationPrincipal LtiPrincipal user, @PathVariable String token, @PathVariable String id,
            @RequestParam(required = false) String family, Model model) {
        Platform platform = administration.get(user, id);
        Optional<ProductFamilies.Family> chosen;
        try {
            chosen = ProductFamilies.Family.parseOverride(family);
        } catch (IllegalArgumentException e) {
            String view = platformPage(model, platform, PlatformForm.of(platform), Map.of("family", e.getMessage()), "", "", null);
            return new ModelAndView(view, HttpStatus.BAD_REQUEST);
        }
        families.override(platform.id(), chosen);
        LoggerFactory.getLogger(PlatformPagesController.class).info("{} set the LMS family of platform {} to {}",
                user.displayName(), platform.describe(), chosen.map(Enum::name).orElse("what the platform says"));
        return done(token, id, "family-saved");
    }

    @PostMapping("/platforms/{id}/deployments/remove")
    ModelAndView removeDeployment(@AuthenticationPrincipal LtiPrincipal user, @PathVariable String token, @PathVariable String id,
            @RequestParam(required = false) String deploymentId) {
        administration.removeDeployment(user, id, deploymentId);
        return done(token, id, "deployment-removed");
    }

    private String platformPage(Model model, Platform platform, PlatformForm form, Map<String, String> errors,
            String deploymentId, String deploymentName, String done) {
        model.addAttribute("platform", platform);
        model.addAttribute("family", families.of(platform.id()));
        model.addAttribute("families", ProductFamilies.Family.values());
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("newDeploymentId", deploymentId == null ? "" : deploymentId);
        model.addAttribute("newDeploymentName", deploymentName == null ? "" : deploymentName);
        model.addAttribute("done", done);
        return "admin/platform";
    }

    private static ModelAndView done(String token, String id, String what) {
        return new ModelAndView(AdminPages.seeOther(AdminPages.home(token) + "/platforms/" + id + "?done=" + what));
    }
}
