package org.attest.tool.standards.web;

import java.io.IOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.attest.standards.StandardsImportException;
import org.attest.tool.lti.AdminPage;
import org.attest.tool.lti.AdminPages;
import org.attest.tool.lti.AdminRefused;
import org.attest.tool.lti.AdminScope;
import org.attest.tool.lti.ApiTokens;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.lti.LtiProperties;
import org.attest.tool.lti.PlatformAdministration;
import org.attest.tool.standards.internal.FrameworkImport;
import org.attest.tool.standards.internal.FrameworkOwnership;
import org.attest.tool.standards.internal.FrameworkVersions;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.View;

/**
 * {@code /s/{token}/admin/frameworks}: the imported frameworks and their versions, uploading a CASE
 * package, and the API tokens that let the standards-import CLI push packages; each as the
 * administrator's {@link AdminScope} allows (a centre administrator: the tool-wide frameworks and
 * the centre's own, the centre's tokens; the operator: everything).
 */
@Controller
@AdminPage
@RequestMapping("/s/{token}/admin/frameworks")
class FrameworkPagesController {

    /** A lifetime the token form offers: {@code value} as the form sends it (PT2160H), {@code label} as it reads (90 days). */
    record Lifetime(String value, String label, boolean chosen) {
    }

    private final FrameworkImport imports;
    private final FrameworkVersions versions;
    private final ApiTokens apiTokens;
    private final LtiProperties tool;
    private final PlatformAdministration platforms;
    private final FrameworkOwnership ownership;

    FrameworkPagesController(FrameworkImport imports, FrameworkVersions versions, ApiTokens apiTokens, LtiProperties tool,
            PlatformAdministration platforms, FrameworkOwnership ownership) {
        this.imports = imports;
        this.versions = versions;
        this.apiTokens = apiTokens;
        this.tool = tool;
        this.platforms = platforms;
        this.ownership = ownership;
    }

    @GetMapping({"", "/"})
    String frameworks(@AuthenticationPrincipal LtiPrincipal user, @RequestParam(required = false) String done, Model model) {
        model.addAttribute("done", done);
        return page(user, model);
    }

    /** Shows the outcome on the page that answers the upload, since it lists what changed. */
    @PostMapping({"", "/"})
    ModelAndView upload(@AuthenticationPrincipal LtiPrincipal user, @RequestParam(required = false) MultipartFile file,
            Model model) throws IOException {
        if (file == null || file.isEmpty()) {
            model.addAttribute("problem", "Choose a CASE JSON file to import (the file chosen was empty, or none was).");
            return new ModelAndView(page(user, model), HttpStatus.BAD_REQUEST);
        }
        String name = file.getOriginalFilename() == null || file.getOriginalFilename().isBlank() ? "upload" : file.getOriginalFilename();
        try {
            model.addAttribute("outcome", imports.importCase(AdminScope.of(user), name, file.getBytes(), AdminPages.who(user)));
            return new ModelAndView(page(user, model));
        } catch (StandardsImportException e) {
            model.addAttribute("problem", e.getMessage());
            return new ModelAndView(page(user, model), HttpStatus.BAD_REQUEST);
        } catch (AdminRefused e) {
            model.addAttribute("problem", e.getMessage() + ".");
            return new ModelAndView(page(user, model), HttpStatus.valueOf(e.kind().status()));
        }
    }

    /** The operator makes a centre's framework tool-wide. */
    @PostMapping("/{frameworkId}/tool-wide")
    View makeToolWide(@AuthenticationPrincipal LtiPrincipal user, @PathVariable String token, @PathVariable String frameworkId) {
        ownership.makeToolWide(AdminScope.of(user), frameworkId, AdminPages.who(user));
        return AdminPages.seeOther(AdminPages.home(token) + "/frameworks?done=tool-wide");
    }

    /** Makes a token of the administrator's scope, lasting one of the offered lifetimes ({@code lifetime}, as PT2160H). */
    @PostMapping("/tokens")
    String createToken(@AuthenticationPrincipal LtiPrincipal user, @RequestParam(required = false) String label,
            @RequestParam(required = false) String lifetime, Model model) {
        String named = label == null || label.isBlank() ? "standards-import CLI" : label.strip();
        named = named.length() > 200 ? named.substring(0, 200) : named;
        // Shown once on this page rather than redirected to, so the token is never in a link or the history.
        model.addAttribute("newToken", apiTokens.create(AdminScope.of(user), named, AdminPages.who(user), lifetime(lifetime)));
        model.addAttribute("newTokenLabel", named);
        return page(user, model);
    }

    /** Deletes one of the administrator's tokens; another's, or one that is gone, is 404 and nothing changes. */
    @PostMapping("/tokens/delete")
    View deleteToken(@AuthenticationPrincipal LtiPrincipal user, @PathVariable String token,
            @RequestParam(required = false) String id) {
        apiTokens.delete(AdminScope.of(user), id);
        return AdminPages.seeOther(AdminPages.home(token) + "/frameworks?done=token-deleted");
    }

    private String page(LtiPrincipal user, Model model) {
        AdminScope scope = AdminScope.of(user);
        model.addAttribute("frameworks", versions.visibleTo(scope));
        model.addAttribute("tokens", apiTokens.list(scope));
        model.addAttribute("lifetimes", apiTokens.lifetimes().stream()
                .map(d -> new Lifetime(d.toString(), ApiTokens.days(d), d.equals(apiTokens.defaultLifetime()))).toList());
        model.addAttribute("owners", owners(user));
        model.addAttribute("toolWide", scope.isTool());
        model.addAttribute("pushUrl", tool.baseUrlString() + "/admin/api/frameworks");
        return "admin/frameworks";
    }

    /** The names of the platforms this administrator sees, by id, to say whose a framework or token is. */
    private Map<UUID, String> owners(LtiPrincipal user) {
        Map<UUID, String> names = new HashMap<>();
        platforms.visibleTo(user).forEach(p -> names.put(p.id(), p.name()));
        return names;
    }

    /** The lifetime chosen on the form; one Attest cannot read is refused by {@link ApiTokens#create} with the choices. */
    private static Duration lifetime(String chosen) {
        if (chosen == null || chosen.isBlank()) {
            return null;
        }
        try {
            return Duration.parse(chosen.strip());
        } catch (DateTimeParseException e) {
            return Duration.ZERO;
        }
    }
}
