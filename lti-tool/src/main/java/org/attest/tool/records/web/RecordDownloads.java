package org.attest.tool.records.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import org.attest.tool.documents.Pdfs;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.records.internal.RecordPdfs;
import org.attest.tool.records.internal.RecordPrint;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * One version of an assessor's record as PDF, for exactly those who may open its page (the same check, the same
 * refusals). The record is read and checked before the first byte goes out; the PDF is written as it is rendered. An
 * external verifier's download is recorded in the audit trail like every page they open.
 */
@Controller
class RecordDownloads {

    private final RecordPdfs pdfs;

    RecordDownloads(RecordPdfs pdfs) {
        this.pdfs = pdfs;
    }

    @GetMapping("/s/{token}/records/{id}/record.pdf")
    void record(@AuthenticationPrincipal LtiPrincipal user, @PathVariable UUID id, HttpServletResponse response)
            throws IOException {
        RecordPrint print = pdfs.read(user, id);
        Pdfs.startDownload(response, print.fileName());
        pdfs.write(print, response.getOutputStream());
    }
}
