package org.attest.tool.portfolio;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.portfolio.audit.AuditTrail;
import org.attest.tool.portfolio.internal.Evidence;
import org.attest.tool.portfolio.internal.EvidenceRecords;
import org.springframework.stereotype.Service;

/**
 * What a learner's unit holds beyond its recording form, for its export: the files of its current evidence (read as a
 * stream, never whole) and its entries in the audit trail as stored, for whoever may read the portfolio.
 */
@Service
public class UnitContents {

    private final LearnerUnits learnerUnits;
    private final EvidenceRecords evidence;
    private final AuditTrail audit;

    UnitContents(LearnerUnits learnerUnits, EvidenceRecords evidence, AuditTrail audit) {
        this.learnerUnits = learnerUnits;
        this.evidence = evidence;
        this.audit = audit;
    }

    /**
     * The files of the unit's current evidence, numbered as the coverage matrix numbers the evidence (E1 is column 1);
     * {@link PortfolioRefused} "not found" when the user may not read the portfolio.
     */
    public List<EvidenceFile> files(LtiPrincipal user, UUID learnerUnitId) {
        LearnerUnit unit = learnerUnits.visible(user, learnerUnitId);
        List<EvidenceFile> files = new ArrayList<>();
        int number = 0;
        for (Evidence e : learnerUnits.view(unit).evidence()) {
            number++;
            for (Evidence.EvidenceFile f : e.files()) {
                files.add(new EvidenceFile(number, e.title(), f.id(), f.fileName(), f.sizeBytes(), f.sha256()));
            }
        }
        return List.copyOf(files);
    }

    /**
     * The ids of the learner's units in the course of this one, those the user may read (for a per-learner export);
     * "not found" when the user may not read this one.
     */
    public List<UUID> sameLearnersUnits(LtiPrincipal user, UUID learnerUnitId) {
        return learnerUnits.sameLearnersVisible(user, learnerUnitId).stream().map(LearnerUnit::id).toList();
    }

    /**
     * The ids of every learner unit of the assessor's course (its caseload), for a per-course export;
     * {@link PortfolioRefused} when the user is not an assessor there.
     */
    public List<UUID> courseUnits(LtiPrincipal assessor) {
        return learnerUnits.caseload(assessor, null).stream().map(LearnerUnit::id).toList();
    }

    /** The bytes of one evidence file the user may see; the caller closes the stream. */
    public InputStream open(LtiPrincipal user, UUID fileId) {
        return evidence.open(evidence.visibleFile(user, fileId));
    }

    /**
     * Hands each audit entry about the unit to {@code line}, oldest first, as the trail stores it: one line of canonical
     * JSON with its sequence number, previous hash and hash (the format is in {@code AuditTrail}'s documentation).
     */
    public void auditLines(LtiPrincipal user, UUID learnerUnitId, Consumer<String> line) {
        LearnerUnit unit = learnerUnits.visible(user, learnerUnitId);
        audit.forEachLineAbout(unit.id(), line);
    }

    /** The head of the whole audit chain now, to compare with the operator's check later. */
    public ChainHead chainHead() {
        AuditTrail.ChainHead head = audit.chainHead();
        return new ChainHead(head.seq(), head.hash());
    }

    /**
     * One evidence file.
     *
     * @param evidenceNumber its evidence's place in the unit (the reference "E{number}")
     * @param fileName the uploaded name as made safe on upload
     * @param sha256 lower-case hex SHA-256 of the bytes, taken when they were uploaded
     */
    public record EvidenceFile(int evidenceNumber, String evidenceTitle, UUID fileId, String fileName, long size,
            String sha256) {
    }

    /** The last row of the audit chain: its sequence number and hash. */
    public record ChainHead(long seq, String hash) {
    }
}
