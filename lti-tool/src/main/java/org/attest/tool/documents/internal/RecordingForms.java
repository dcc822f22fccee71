package org.attest.tool.documents.internal;

import java.io.OutputStream;
import java.util.Map;
import java.util.UUID;
import org.attest.tool.documents.Pdfs;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.portfolio.UnitRecord;
import org.attest.tool.portfolio.UnitRecords;
import org.attest.tool.quality.UnitVerifications;
import org.springframework.stereotype.Service;

/** Each learner's unit recording form: read for whoever may read the portfolio, printed as PDF. */
@Service
public class RecordingForms {

    static final String TEMPLATE = "documents/recording-form";

    private final UnitRecords records;
    private final UnitVerifications verifications;
    private final Pdfs pdfs;

    RecordingForms(UnitRecords records, UnitVerifications verifications, Pdfs pdfs) {
        this.records = records;
        this.verifications = verifications;
        this.pdfs = pdfs;
    }

    /** The form of a learner's unit; "not found" ({@code PortfolioRefused}) when the user may not read the portfolio. */
    public RecordingForm read(LtiPrincipal user, UUID learnerUnitId) {
        UnitRecord record = records.read(user, learnerUnitId);
        return RecordingForm.of(record, verifications.agreed(learnerUnitId).orElse(null));
    }

    /** Prints the form as PDF to {@code out}, as it is produced. */
    public void write(RecordingForm form, OutputStream out) {
        pdfs.render(TEMPLATE, Map.of("form", form), out);
    }
}
