package org.attest.tool.portfolio;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.attest.tool.lti.AdminScope;
import org.attest.tool.lti.AttestRole;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.portfolio.audit.AuditTrail;
import org.attest.tool.portfolio.internal.Evidence;
import org.attest.tool.portfolio.internal.EvidenceRecords;
import org.attest.tool.portfolio.internal.LearnerUnitStore;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a learner's unit holds beyond its recording form, for its export: the files of its current evidence (read as a
 * stream, never whole) and its entries in the audit trail as stored, for whoever may read the portfolio; which learner
 * units an export holds (a learner's, a course's, a centre administrator's course); and the export's own entry on each
 * unit it holds ({@link #recordExport}).
 */
@Service
public class UnitContents {

    /** Which export a learner unit went out in, as its audit entry says. */
    public enum Export {
        /** One learner unit. */
        UNIT,
        /** Every unit of one learner in a course. */
        LEARNER,
        /** Every learner unit of a course (an assessor's caseload, an IQA's or a centre administrator's course). */
        COURSE,
        /** Every learner unit an external verifier's grant covers. */
        GRANT
    }

    private final LearnerUnits learnerUnits;
    private final EvidenceRecords evidence;
    private final AuditTrail audit;
    private final LearnerUnitStore store;
    private final AccessRecords records;
    private final TransactionTemplate transaction;

    UnitContents(LearnerUnits learnerUnits, EvidenceRecords evidence, AuditTrail audit, LearnerUnitStore store,
            AccessRecords records, TransactionTemplate transaction) {
        this.learnerUnits = learnerUnits;
        this.evidence = evidence;
        this.audit = audit;
        this.store = store;
        this.records = records;
        this.transaction = transaction;
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

    /**
     * The ids of every learner unit of a course the user may read, for a course export by someone who is not its
     * assessor (an IQA of the centre); "not found" when they may read none of it, so a course key reveals nothing.
     */
    public List<UUID> readableCourseUnits(LtiPrincipal user, Course course) {
        Verifiers verifiers = learnerUnits.verifiers();
        List<UUID> ids = store.inCourse(course, null).stream().filter(u -> PortfolioAccess.mayRead(user, u, verifiers))
                .map(LearnerUnit::id).toList();
        if (ids.isEmpty()) {
            throw PortfolioRefused.notFound("that course");
        }
        return ids;
    }

    /** A course an administrator may export, with how many learner units and learners it has. */
    public record CourseToExport(Course course, int learnerUnits, int learners) {

        /** The course in a URL ({@link Course#key}). */
        public String key() {
            return course.key();
        }
    }

    /**
     * The courses with learner units that an administrator may export: those of their own platform's centre, or of
     * every platform for the operator ({@link AdminScope}); refused (403) for anyone who is not an administrator.
     */
    public List<CourseToExport> coursesToExport(LtiPrincipal administrator) {
        AdminScope scope = AdminScope.of(administrator);
        return store.courses(scope.platformId()).stream()
                .map(c -> new CourseToExport(c.course(), c.learnerUnits(), c.learners())).toList();
    }

    /** An administrator's course export: reads and writes the ZIP of the course's learner units. */
    @FunctionalInterface
    public interface AdministratorExport {
        void export(List<UUID> learnerUnitIds) throws IOException;
    }

    /**
     * Runs a centre administrator's (or the operator's) export of a course: the course must be of their centre (any
     * for the operator) and have learner units, else "not found" and nothing runs. While {@code export} runs on this
     * thread, and only then, the administrator may read the course's learner units, so every read of the export
     * (including other modules' documents) passes the portfolio's usual check; their other pages never can.
     */
    public void exportCourseAsAdministrator(LtiPrincipal administrator, String courseKey, AdministratorExport export)
            throws IOException {
        AdminScope scope = AdminScope.of(administrator);
        Course course = Course.fromKey(courseKey).filter(c -> scope.manages(c.platformId()))
                .orElseThrow(() -> PortfolioRefused.notFound("that course"));
        List<UUID> ids = store.inCourse(course, null).stream().map(LearnerUnit::id).toList();
        if (ids.isEmpty()) {
            throw PortfolioRefused.notFound("that course");
        }
        AdministratorExports.during(administrator, new LinkedHashSet<>(ids), () -> export.export(ids));
    }

    /**
     * Puts the export into the audit trail: one {@code PORTFOLIO_EXPORTED} entry on each learner unit it holds, naming
     * who exported it, their role (learner, assessor, IQA, EQA, centre administrator, operator) and which export, all
     * in one transaction. Every unit is checked readable first; if one is not, nothing is recorded ("not found"). The
     * export calls this after reading and checking everything and before its first byte, so the unit's
     * {@code audit.jsonl} and the chain head in its manifest include the export's own entry.
     */
    public void recordExport(LtiPrincipal user, List<UUID> learnerUnitIds, Export export) {
        Verifiers verifiers = learnerUnits.verifiers();
        List<LearnerUnit> units = learnerUnitIds.stream().map(id -> store.byId(id)
                .map(u -> PortfolioAccess.requireReadable(user, u, verifiers))
                .orElseThrow(() -> PortfolioRefused.notFound("that portfolio"))).toList();
        transaction.executeWithoutResult(tx -> {
            for (LearnerUnit unit : units) {
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("export", export.name().toLowerCase(Locale.ROOT));
                detail.put("role", role(user, unit));
                detail.put("learnerUnits", units.size());
                records.onUnit(user, unit, AccessRecords.Event.PORTFOLIO_EXPORTED, detail);
            }
        });
    }

    /** The role the user read the unit in, for the export's audit entry. */
    private static String role(LtiPrincipal user, LearnerUnit unit) {
        if (AdministratorExports.covers(user, unit)) {
            return AdminScope.of(user).isTool() ? "operator" : "centre administrator";
        }
        if (PortfolioAccess.owns(user, unit)) {
            return "learner";
        }
        if (PortfolioAccess.mayAssess(user, unit)) {
            return "assessor";
        }
        return user.has(AttestRole.EXTERNAL_VERIFIER) ? "EQA" : "IQA";
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
