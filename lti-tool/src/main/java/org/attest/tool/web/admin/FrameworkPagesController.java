package org.attest.tool.web.admin;

import java.io.IOException;
import org.attest.standards.StandardsImportException;
import org.attest.tool.lti.ApiTokens;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.lti.LtiProperties;
import org.attest.tool.standards.FrameworkImport;
import org.attest.tool.standards.FrameworkVersions;
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
 * package, and the API tokens that let the standards-import CLI push packages.
 */
@Controller
@RequestMapping("/s/{token}/admin/frameworks")
class FrameworkPagesController {

    private final FrameworkImport imports;
    private final FrameworkVersions versions;
    private final ApiTokens apiTokens;
    private final LtiProperties tool;

    FrameworkPagesController(FrameworkImport imports, FrameworkVersions versions, ApiTokens apiTokens, LtiProperties tool) {
        this.imports = imports;
        this.versions = versions;
        this.apiTokens = apiTokens;
        this.tool = tool;
    }

    @GetMapping({"", "/"})
    String frameworks(@RequestParam(required = false) String done, Model model) {
        model.addAttribute("done", done);
        return page(model);
    }

    /** Shows the outcome on the page that answers the upload, since it lists what changed. */
    @PostMapping({"", "/"})
    ModelAndView upload(@AuthenticationPrincipal LtiPrincipal user, @RequestParam(required = false) MultipartFile file,
            Model model) throws IOException {
        if (file == null || file.isEmpty()) {
            model.addAttribute("problem", "Choose a CASE JSON file to import (the file chosen was empty, or none was).");
            return new ModelAndView(page(model), HttpStatus.BAD_REQUEST);
        }
        String name = file.getOriginalFilename() == null || file.getOriginalFilename().isBlank() ? "upload" : file.getOriginalFilename();
        try {
            model.addAttribute("outcome", imports.importCase(name, file.getBytes(), AdminPages.who(user)));
            return new ModelAndView(page(model));
        } catch (StandardsImportException e) {
            model.addAttribute("problem", e.getMessage());
            return new ModelAndView(page(model), HttpStatus.BAD_REQUEST);
        }
    }

    @PostMapping("/tokens")
    String createToken(@AuthenticationPrincipal LtiPrincipal user, @RequestParam(required = false) String label, Model model) {
        String named = label == null || label.isBlank() ? "standards-import CLI" : label.strip();
        // Shown once on this page rather than redirected to, so the token is never in a link or the history.
        model.addAttribute("newToken", apiTokens.create(named.length() > 200 ? named.substring(0, 200) : named, AdminPages.who(user)));
        model.addAttribute("newTokenLabel", named);
        return page(model);
    }

    @PostMapping("/tokens/delete")
    View deleteToken(@PathVariable String token, @RequestParam(required = false) String id) {
        return AdminPages.seeOther(AdminPages.home(token) + "/frameworks?done=" + (apiTokens.delete(id) ? "token-deleted" : "no-such-token"));
    }

    private String page(Model model) {
        model.addAttribute("frameworks", versions.all());
        model.addAttribute("tokens", apiTokens.list());
        model.addAttribute("pushUrl", tool.baseUrlString() + "/admin/api/frameworks");
        return "admin/frameworks";
    }
}
