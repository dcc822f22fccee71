package org.attest.tool.witnesses.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import org.attest.tool.documents.Pdfs;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.portfolio.LearnerUnit;
import org.attest.tool.witnesses.internal.WitnessForms;
import org.attest.tool.witnesses.internal.WitnessPdfs;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The witness records as PDF, for exactly those who may read their pages (the same checks, the same refusals): the
 * witness status list for the unit's assessor; the record of expert witness and the expert witness statement for the
 * unit's assessor, its candidate and the centre's IQAs. The form is read and checked before the first byte goes out,
 * then written as it is rendered. The witness's one-time link has no PDF.
 */
@Controller
class WitnessDownloads {

    private final WitnessReaders readers;
    private final WitnessPdfs pdfs;

    WitnessDownloads(WitnessReaders readers, WitnessPdfs pdfs) {
        this.readers = readers;
        this.pdfs = pdfs;
    }

    @GetMapping("/s/{token}/witnesses/{learnerUnitId}/status-list.pdf")
    void statusList(@AuthenticationPrincipal LtiPrincipal user, @PathVariable UUID learnerUnitId,
            HttpServletResponse response) throws IOException {
        LearnerUnit unit = readers.listReader(user, learnerUnitId);
        WitnessForms.StatusList form = pdfs.statusList(unit);
        pdfs.write(form, attachment(response, form.fileName()).getOutputStream());
    }

    @GetMapping("/s/{token}/witnesses/{learnerUnitId}/expert/{recordId}/record.pdf")
    void record(@AuthenticationPrincipal LtiPrincipal user, @PathVariable UUID learnerUnitId, @PathVariable UUID recordId,
            HttpServletResponse response) throws IOException {
        WitnessForms.Expert form = pdfs.expert(readers.expertReader(user, learnerUnitId), recordId);
        pdfs.writeRecord(form, attachment(response, form.recordFileName()).getOutputStream());
    }

    @GetMapping("/s/{token}/witnesses/{learnerUnitId}/expert/{recordId}/statement.pdf")
    void statement(@AuthenticationPrincipal LtiPrincipal user, @PathVariable UUID learnerUnitId,
            @PathVariable UUID recordId, HttpServletResponse response) throws IOException {
        WitnessForms.Expert form = pdfs.expert(readers.expertReader(user, learnerUnitId), recordId);
        pdfs.writeStatement(form, attachment(response, form.statementFileName()).getOutputStream());
    }

    private static HttpServletResponse attachment(HttpServletResponse response, String fileName) {
        Pdfs.startDownload(response, fileName);
        return response;
    }
}
