package org.attest.sandbox;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The sandbox course's gradebook page: what the tool sent through AGS, and where a tutor types a grade. */
@Controller
@ConditionalOnSandbox
class GradebookController {

    private final SandboxProperties properties;
    private final SandboxGradebook gradebook;

    GradebookController(SandboxProperties properties, SandboxGradebook gradebook) {
        this.properties = properties;
        this.gradebook = gradebook;
    }

    @GetMapping("/sandbox/gradebook")
    String gradebook(@RequestParam(name = "notice", required = false) String notice, Model model) {
        SandboxCourse course = SandboxCourse.CUSTOMER_SERVICE;
        model.addAttribute("course", course);
        model.addAttribute("gradebook", gradebook.view(course));
        model.addAttribute("issuer", properties.issuer());
        model.addAttribute("notice", notice);
        return "sandbox/gradebook";
    }

    @PostMapping("/sandbox/gradebook/grade")
    String enterGrade(@RequestParam long lineItem, @RequestParam String user, @RequestParam(required = false) String grade,
            Model model, HttpServletResponse response, RedirectAttributes redirect) {
        SandboxCourse course = SandboxCourse.CUSTOMER_SERVICE;
        try {
            gradebook.enter(course, lineItem, user, grade);
        } catch (SandboxGradebook.Refused e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("title", "The gradebook did not take the grade");
            model.addAttribute("detail", e.getMessage());
            return "sandbox/problem";
        }
        redirect.addAttribute("notice", "Grade " + grade.trim() + " entered for " + course.member(user).orElseThrow().name());
        return "redirect:/sandbox/gradebook";
    }
}
