package org.attest.sandbox;

import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What a person sees of the sandbox LMS: the course page with its activities and people, the
 * launch into the tool's iframe, the return from deep linking, and the storage frame.
 */
@Controller
@ConditionalOnSandbox
class CourseController {

    private final SandboxProperties properties;
    private final SandboxLinks links;
    private final SelfRegistration registration;
    private final DeepLinkingReturns deepLinkingReturns;
    private final SandboxEqa eqa;

    CourseController(SandboxProperties properties, SandboxLinks links, SelfRegistration registration,
            DeepLinkingReturns deepLinkingReturns, SandboxEqa eqa) {
        this.eqa = eqa;
        this.properties = properties;
        this.links = links;
        this.registration = registration;
        this.deepLinkingReturns = deepLinkingReturns;
    }

    @GetMapping({"/sandbox", "/sandbox/"})
    String course(@RequestParam(name = "placed", required = false) String placed,
            @RequestParam(name = "notice", required = false) String notice, Model model) {
        model.addAttribute("course", SandboxCourse.CUSTOMER_SERVICE);
        model.addAttribute("notice", notice);
        model.addAttribute("links", links.all());
        model.addAttribute("placed", placed);
        model.addAttribute("registration", registration.current().orElse(null));
        model.addAttribute("issuer", properties.issuer());
        model.addAttribute("toolOrigin", toolOrigin());
        model.addAttribute("storageFrame", LoginInitiation.STORAGE_FRAME);
        model.addAttribute("eqa", eqa.access().orElse(null));
        return "sandbox/course";
    }

    /** "New link and code" for the demo external verifier: Attest gives the live grant a new pair, the old link dies. */
    @PostMapping("/sandbox/eqa")
    String renewEqaAccess() {
        String notice = eqa.renew().isPresent() ? "New sign-in link and access code for " + SandboxEqa.NAME
                : "Attest gave no new link and code for " + SandboxEqa.NAME + "; the log says why";
        return "redirect:" + UriComponentsBuilder.fromPath("/sandbox").queryParam("notice", "{notice}").encode()
                .buildAndExpand(notice).toUriString() + "#eqa";
    }

    /** The tool frame's first page: the OIDC login initiation, auto-posted to the tool. */
    @GetMapping("/sandbox/launch")
    String launch(@RequestParam String user, @RequestParam String link,
            @RequestParam(name = "storage", defaultValue = "on") String storage, Model model, HttpServletResponse response) {
        Optional<ToolRegistrations.ToolRegistration> registered = registration.current();
        if (registered.isEmpty()) {
            return problem(model, response, HttpStatus.CONFLICT, "Attest is not registered with the sandbox",
                    "The sandbox has no Dynamic Registration with Attest yet (or Attest no longer knows it); "
                            + "use 'Register Attest again' on the course page.");
        }
        SandboxCourse course = SandboxCourse.CUSTOMER_SERVICE;
        Optional<SandboxCourse.Member> member = course.member(user);
        if (member.isEmpty()) {
            return problem(model, response, HttpStatus.NOT_FOUND, "No such user", "'" + user + "' is not a user of " + course.title() + ".");
        }
        ToolRegistrations.ToolRegistration attest = registered.get();
        String target;
        if (Authorization.DEEP_LINK_HINT.equals(link)) {
            if (!member.get().instructor()) {
                return problem(model, response, HttpStatus.FORBIDDEN, "Only instructors add activities",
                        member.get().name() + " is a learner in " + course.title() + ".");
            }
            target = attest.targetLinkUri();
        } else {
            Optional<SandboxLinks.Link> activity = links.find(link);
            if (activity.isEmpty()) {
                return problem(model, response, HttpStatus.NOT_FOUND, "No such activity", "Activity '" + link
                        + "' is not in " + course.title() + "; reload the course page.");
            }
            target = activity.get().url() != null ? activity.get().url() : attest.targetLinkUri();
        }
        LoginInitiation login = LoginInitiation.of(properties, attest, member.get(), link, target, !"off".equals(storage));
        model.addAttribute("action", login.action());
        model.addAttribute("fields", login.fields());
        model.addAttribute("message", "Opening Attest as " + member.get().name());
        return "sandbox/autopost";
    }

    /** Where the tool posts its deep-linking response, inside the tool frame; the course page then shows the new activities. */
    @PostMapping("/sandbox/deep-link-return")
    String deepLinkReturn(@RequestParam(name = "JWT", required = false) String jwt, Model model, HttpServletResponse response) {
        DeepLinkingReturns.Placed placed;
        try {
            placed = deepLinkingReturns.receive(jwt);
        } catch (DeepLinkingReturns.Refused e) {
            return problem(model, response, HttpStatus.BAD_REQUEST, "The sandbox refused the activities Attest returned", e.getMessage());
        }
        String titles = placed.links().stream().map(SandboxLinks.Link::title).collect(Collectors.joining(", "));
        String notice = placed.links().isEmpty() ? "Attest returned no activities to add" : placed.placedBy() + " added " + titles;
        if (placed.message() != null && !placed.message().isBlank()) {
            notice += ". Attest says: " + placed.message();
        }
        return backToCourse(model, placed.links().isEmpty() ? null : placed.links().get(0).id(), notice);
    }

    /** The launch's {@code return_url}: the tool sends the person back to the course, perhaps with a message. */
    @GetMapping("/sandbox/return")
    String returnToCourse(@RequestParam(name = "lti_msg", required = false) String message,
            @RequestParam(name = "lti_errormsg", required = false) String error, Model model) {
        return backToCourse(model, null, error != null ? error : message);
    }

    private static String backToCourse(Model model, String placedLinkId, String notice) {
        UriComponentsBuilder url = UriComponentsBuilder.fromPath("/sandbox");
        Map<String, String> values = new HashMap<>();
        if (placedLinkId != null) {
            url.queryParam("placed", "{placed}");
            values.put("placed", placedLinkId);
        }
        if (notice != null && !notice.isBlank()) {
            url.queryParam("notice", "{notice}");
            values.put("notice", notice);
        }
        model.addAttribute("courseUrl", url.encode().buildAndExpand(values).toUriString());
        model.addAttribute("notice", notice);
        return "sandbox/back-to-course";
    }

    /** The hidden frame named {@code post_message_forwarding}: answers the tool's lti.put_data and lti.get_data. */
    @GetMapping("/sandbox/post-message-forwarding")
    String storageFrame(Model model) {
        model.addAttribute("toolOrigin", toolOrigin());
        model.addAttribute("storageFrame", LoginInitiation.STORAGE_FRAME);
        return "sandbox/storage-frame";
    }

    /** "Register Attest again": the registration frame goes to Attest's Dynamic Registration URL with a fresh token. */
    @PostMapping("/sandbox/registration")
    String registerAgain(Model model, HttpServletResponse response) {
        try {
            return "redirect:" + registration.registrationUrl();
        } catch (ToolApi.Failed e) {
            return problem(model, response, HttpStatus.BAD_GATEWAY, "Attest gave no registration URL", e.getMessage());
        }
    }

    /** The origin the tool's pages post messages from, as browsers name it. */
    private String toolOrigin() {
        URI base = properties.toolUrl();
        return base.getScheme() + "://" + base.getHost() + (base.getPort() == -1 ? "" : ":" + base.getPort());
    }

    private static String problem(Model model, HttpServletResponse response, HttpStatus status, String title, String detail) {
        response.setStatus(status.value());
        model.addAttribute("title", title);
        model.addAttribute("detail", detail);
        return "sandbox/problem";
    }
}
