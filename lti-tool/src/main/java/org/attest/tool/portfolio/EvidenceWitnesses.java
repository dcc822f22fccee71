package org.attest.tool.portfolio;

import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.attest.tool.portfolio.internal.Evidence;
import org.attest.tool.portfolio.internal.EvidenceStore;
import org.attest.tool.portfolio.internal.LearnerUnitStore;
import org.attest.tool.portfolio.internal.files.EvidenceFiles;
import org.springframework.stereotype.Service;

/**
 * The witnesses named on learners' evidence, for the witnesses module: read the witnesses of a learner's unit (or of
 * all the learner's units in its course) and one witnessed statement, and record a witness's own confirmation of a
 * statement on the evidence version it confirms; and the statement's files, for a witness whose link includes them. The callers check who may ask: these reads take a learner unit the
 * caller has already been allowed to see.
 */
@Service
public class EvidenceWitnesses {

    /**
     * One current piece of evidence with a witness: the statement (account, activity date, unit, learner) and the
     * witness as the learner named them, with the witness's own confirmation when given.
     *
     * @param updatedAt when the evidence last changed: a confirmation asked for before then is of another statement
     */
    public record Witnessed(UUID evidenceId, UUID learnerUnitId, UUID frameworkId, String unitCode, String learnerName,
            String title, String account, LocalDate occasionDate, Instant updatedAt, String name, String contact,
            Integer status, String relationship, String signedName, LocalDate signedOn, String confirmedName,
            Instant confirmedAt) {

        public boolean confirmed() {
            return confirmedAt != null;
        }
    }

    /** A file of a witnessed statement, for a witness whose link the assessor gave the files. */
    public record WitnessFile(UUID id, String fileName, String contentType, long sizeBytes) {
    }

    private final EvidenceStore evidence;
    private final LearnerUnitStore learnerUnits;
    private final EvidenceFiles files;

    EvidenceWitnesses(EvidenceStore evidence, LearnerUnitStore learnerUnits, EvidenceFiles files) {
        this.evidence = evidence;
        this.learnerUnits = learnerUnits;
        this.files = files;
    }

    /** The files of a piece of evidence, oldest first. */
    public List<WitnessFile> files(UUID evidenceId) {
        return evidence.evidence(evidenceId).map(e -> e.files().stream()
                .map(f -> new WitnessFile(f.id(), f.fileName(), f.contentType(), f.sizeBytes())).toList()).orElse(List.of());
    }

    /** One file of this piece of evidence, with its content opened; empty when the file is not the evidence's. */
    public Optional<Map.Entry<WitnessFile, InputStream>> openFile(UUID evidenceId, UUID fileId) {
        return evidence.file(fileId).filter(f -> f.evidenceId().equals(evidenceId))
                .map(f -> Map.entry(new WitnessFile(f.id(), f.fileName(), f.contentType(), f.sizeBytes()),
                        files.open(f.storageKey())));
    }

    /** The witnessed evidence of this learner unit, oldest activity first. */
    public List<Witnessed> ofUnit(LearnerUnit unit) {
        return witnessed(List.of(unit));
    }

    /** The witnessed evidence of every unit the unit's learner has in its course, oldest activity first. */
    public List<Witnessed> ofLearner(LearnerUnit unit) {
        return witnessed(learnerUnits.ofLearner(unit.course(), unit.learnerSubject()));
    }

    /** The learner units of the unit's learner in its course (the witness list's "units witnessed" may span them). */
    public List<LearnerUnit> unitsOfLearner(LearnerUnit unit) {
        return learnerUnits.ofLearner(unit.course(), unit.learnerSubject());
    }

    /** One current, witnessed piece of evidence of this learner unit; empty for anything else. */
    public Optional<Witnessed> one(LearnerUnit unit, UUID evidenceId) {
        return evidence.evidence(evidenceId).filter(e -> e.learnerUnitId().equals(unit.id()))
                .filter(e -> e.current() && e.witness().present()).map(e -> witnessed(e, unit));
    }

    /** The learner unit a current, witnessed piece of evidence belongs to, with the statement; empty otherwise. */
    public Optional<Witnessed> current(UUID evidenceId) {
        return evidence.evidence(evidenceId).filter(e -> e.current() && e.witness().present())
                .flatMap(e -> learnerUnits.byId(e.learnerUnitId()).map(u -> witnessed(e, u)));
    }

    /**
     * Records that the witness confirmed this current version of the statement, with the name they typed; false when it
     * is no longer current, has no witness, or was confirmed already (nothing changes then). Runs in the caller's
     * transaction, which records the audit entry.
     */
    public boolean confirm(UUID evidenceId, String typedName, Instant at) {
        return evidence.confirmWitness(evidenceId, typedName, at);
    }

    private List<Witnessed> witnessed(List<LearnerUnit> units) {
        Map<UUID, LearnerUnit> byId = units.stream().collect(Collectors.toMap(LearnerUnit::id, Function.identity()));
        return evidence.witnessed(List.copyOf(byId.keySet())).stream().map(e -> witnessed(e, byId.get(e.learnerUnitId())))
                .toList();
    }

    private static Witnessed witnessed(Evidence e, LearnerUnit unit) {
        Evidence.Witness w = e.witness();
        return new Witnessed(e.id(), unit.id(), unit.frameworkId(), unit.unitCode(), unit.learnerName(), e.title(),
                e.account(), e.occasionDate(), e.updatedAt(), w.name(), w.contact(), w.status(), w.relationship(),
                w.signedName(), w.signedOn(), w.confirmedName(), w.confirmedAt());
    }
}
