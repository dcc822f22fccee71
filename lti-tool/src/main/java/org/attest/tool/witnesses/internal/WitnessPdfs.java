package org.attest.tool.witnesses.internal;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.attest.tool.documents.ExportContributor;
import org.attest.tool.documents.Pdfs;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.portfolio.LearnerUnit;
import org.attest.tool.portfolio.LearnerUnits;
import org.springframework.stereotype.Service;

/**
 * The witness records as PDF, printed through the one renderer ({@link Pdfs}): the witness status list, and for each
 * record of expert witness both forms the seed has (the record, the statement). Also adds them to every export of a
 * learner unit, as far as the exporting user may read them on the witness pages: the status list for the unit's
 * assessors, the records of expert witness for its assessors, its candidate and the centre's IQAs.
 */
@Service
public class WitnessPdfs implements ExportContributor {

    static final String STATUS_LIST = "documents/witnesses/status-list";
    static final String RECORD = "documents/witnesses/expert-record";
    static final String STATEMENT = "documents/witnesses/expert-statement";

    private final Pdfs pdfs;
    private final LearnerUnits learnerUnits;
    private final WitnessStatusLists lists;
    private final ExpertWitnesses experts;
    private final WitnessAccess access;

    WitnessPdfs(Pdfs pdfs, LearnerUnits learnerUnits, WitnessStatusLists lists, ExpertWitnesses experts, WitnessAccess access) {
        this.pdfs = pdfs;
        this.learnerUnits = learnerUnits;
        this.lists = lists;
        this.experts = experts;
        this.access = access;
    }

    /** The unit's witness status list as it is now (the caller checked that the user assesses the unit). */
    public WitnessForms.StatusList statusList(LearnerUnit unit) {
        return WitnessForms.of(lists.of(unit, false));
    }

    /** A record of expert witness of the unit (the caller checked that the user may read it), or "not found". */
    public WitnessForms.Expert expert(LearnerUnit unit, UUID recordId) {
        return WitnessForms.of(experts.current(unit, recordId));
    }

    public void write(WitnessForms.StatusList form, OutputStream out) {
        pdfs.render(STATUS_LIST, Map.of("form", form), out);
    }

    public void writeRecord(WitnessForms.Expert form, OutputStream out) {
        pdfs.render(RECORD, Map.of("form", form), out);
    }

    public void writeStatement(WitnessForms.Expert form, OutputStream out) {
        pdfs.render(STATEMENT, Map.of("form", form), out);
    }

    @Override
    public List<ExportFile> files(LtiPrincipal user, UUID learnerUnitId) {
        LearnerUnit unit = learnerUnits.visible(user, learnerUnitId);
        List<ExportFile> files = new ArrayList<>();
        if (access.mayReadList(user, unit)) {
            WitnessForms.StatusList list = statusList(unit);
            if (!list.witnesses().isEmpty()) {
                files.add(new ExportFile("witnesses/witness-status-list.pdf", "Witness status list (" + list.witnesses().size()
                        + (list.witnesses().size() == 1 ? " witness, " : " witnesses, ") + signedState(list) + ")",
                        out -> write(list, out)));
            }
        }
        if (access.mayReadExperts(user, unit)) {
            int n = 0;
            for (ExpertWitnesses.Record r : experts.ofUnit(unit)) {
                WitnessForms.Expert form = WitnessForms.of(r);
                String name = "witnesses/expert-witness-" + ++n;
                String about = form.expertName() + ", " + form.site() + ", version " + form.version();
                files.add(new ExportFile(name + "-record.pdf", "Record of expert witness: " + about,
                        out -> writeRecord(form, out)));
                files.add(new ExportFile(name + "-statement.pdf", "Expert witness statement: " + about,
                        out -> writeStatement(form, out)));
            }
        }
        return List.copyOf(files);
    }

    private static String signedState(WitnessForms.StatusList list) {
        if (!list.assessor().blank()) {
            return "signed by the assessor, version " + list.signedVersion();
        }
        return list.needsSigningAgain() ? "changed since signed: needs signing again" : "not signed yet";
    }
}
