package org.attest.tool.documents.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import org.attest.tool.documents.Pdfs;
import org.attest.tool.documents.internal.RecordingForm;
import org.attest.tool.documents.internal.RecordingForms;
import org.attest.tool.lti.LtiPrincipal;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The unit recording form as PDF, for whoever may read the portfolio (its learner, the course's assessors, its
 * verifiers). The form is read and checked before the first byte goes out; the PDF is then written as it is rendered.
 * An external verifier's download is recorded in the audit trail like every page they open.
 */
@Controller
class RecordingFormController {

    private final RecordingForms forms;

    RecordingFormController(RecordingForms forms) {
        this.forms = forms;
    }

    @GetMapping("/s/{token}/portfolio/{id}/recording-form.pdf")
    void recordingForm(@AuthenticationPrincipal LtiPrincipal user, @PathVariable UUID id, HttpServletResponse response)
            throws IOException {
        RecordingForm form = forms.read(user, id);
        Pdfs.startDownload(response, form.fileName());
        forms.write(form, response.getOutputStream());
    }
}
