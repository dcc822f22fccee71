package org.attest.tool.records.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.attest.standards.AssessmentMethod;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.portfolio.AccessRecords;
import org.attest.tool.portfolio.AssessorEvidence;
import org.attest.tool.portfolio.Course;
import org.attest.tool.portfolio.LearnerUnit;
import org.attest.tool.portfolio.LearnerUnits;
import org.attest.tool.portfolio.PortfolioAccess;
import org.attest.tool.portfolio.PortfolioRefused;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The assessor's recording documents about a learner's unit: writing one, editing it while it is a draft, signing it
 * (assessor and candidate, with their typed names), a new version of a signed one, linking evidence to the plan it
 * fulfils, and the plans of a course by due date. A signed observation record writes its evidence (method O) into the
 * portfolio, mapped to the criteria and range items it refers to and confirmed by the assessor; a signed assessment report
 * with questions does the same for its questioning record (method Q). Every change is audited in its transaction; a
 * refusal changes nothing.
 */
@Service
public class AssessorRecords {

    /** A unit's records: the current version of each, newest first, with the versions before it. */
    public record OfUnit(LearnerUnit unit, List<AssessorRecord> current, List<AssessorRecord> superseded) {
    }

    /** One record with what its page shows beside it. */
    public record Shown(LearnerUnit unit, AssessorRecord record, List<AssessorRecord> versions,
            List<AssessorEvidence.Item> items, List<AssessorEvidence.Piece> linked) {
    }

    static final int MAX_FILES = 10;

    private final RecordStore store;
    private final LearnerUnits learnerUnits;
    private final AssessorEvidence evidence;
    private final AccessRecords audit;
    private final Clock clock;

    AssessorRecords(RecordStore store, LearnerUnits learnerUnits, AssessorEvidence evidence, AccessRecords audit, Clock clock) {
        this.store = store;
        this.learnerUnits = learnerUnits;
        this.evidence = evidence;
        this.audit = audit;
        this.clock = clock;
    }

    /** The records of a learner unit the user may see (the learner's own, their course's as assessor, as its verifier). */
    public OfUnit ofUnit(LtiPrincipal user, UUID learnerUnitId) {
        LearnerUnit unit = learnerUnits.visible(user, learnerUnitId);
        List<AssessorRecord> all = store.ofUnit(unit.id());
        return new OfUnit(unit, all.stream().filter(r -> !r.superseded()).toList(),
                all.stream().filter(AssessorRecord::superseded).toList());
    }

    /** A record the user may see, with its versions, the unit's items and, for a plan, the evidence linked to it. */
    public Shown shown(LtiPrincipal user, UUID recordId) {
        AssessorRecord record = visible(user, recordId);
        LearnerUnit unit = learnerUnits.visible(user, record.learnerUnitId());
        List<AssessorEvidence.Piece> linked = record.linkedEvidence().stream()
                .map(id -> evidence.find(id).orElseThrow()).toList();
        return new Shown(unit, record, store.versions(record.lineageId()), evidence.items(unit), linked);
    }

    /** The unit's criteria and range items and current evidence, for a form; the user must be able to write records. */
    public LearnerUnit writable(LtiPrincipal user, UUID learnerUnitId) {
        LearnerUnit unit = learnerUnits.visible(user, learnerUnitId);
        RecordRules.requireWriter(user, unit);
        return unit;
    }

    /** A record the user may write a draft or new version of: they assess its unit's course. */
    public AssessorRecord writableRecord(LtiPrincipal user, UUID recordId) {
        AssessorRecord record = visible(user, recordId);
        RecordRules.requireWriter(user, learnerUnits.visible(user, record.learnerUnitId()));
        return record;
    }

    public List<AssessorEvidence.Item> items(LearnerUnit unit) {
        return evidence.items(unit);
    }

    public List<AssessorEvidence.Piece> currentEvidence(LearnerUnit unit) {
        return evidence.current(unit);
    }

    /** An assessor of the unit's course writes a record, a draft named after them. */
    @Transactional
    public AssessorRecord write(LtiPrincipal user, UUID learnerUnitId, RecordKind kind, RecordContent content,
            List<NewFile> files) {
        LearnerUnit unit = writable(user, learnerUnitId);
        RecordContent checked = checked(kind, content, unit);
        return withFiles(user, unit, kind, List.of(), checked, files, withFiles -> {
            UUID id = UUID.randomUUID();
            store.insert(id, id, 1, kind, unit, user.subject(), user.displayName(), withFiles, clock.instant());
            AssessorRecord written = store.byId(id).orElseThrow();
            audit.onUnit(user, unit, AccessRecords.Event.RECORD_WRITTEN, RecordStore.auditDetail(written));
            return written;
        });
    }

    /** The record's assessor edits it while it is a current draft; a signed one changes only by a new version. */
    @Transactional
    public AssessorRecord edit(LtiPrincipal user, UUID recordId, RecordContent content, List<NewFile> files) {
        AssessorRecord record = visible(user, recordId);
        LearnerUnit unit = learnerUnits.visible(user, record.learnerUnitId());
        RecordRules.requireWriter(user, unit);
        store.lock(record.id());
        record = store.byId(record.id()).orElseThrow();
        RecordRules.requireEditable(record);
        if (!record.assessorSubject().equals(user.subject())) {
            throw PortfolioRefused.forbidden("this draft is " + record.assessorName() + "'s; make a new version once it is "
                    + "signed, or ask them to change it");
        }
        RecordContent checked = checked(record.kind(), content, unit);
        AssessorRecord draft = record;
        return withFiles(user, unit, record.kind(), record.content().files(), checked, files, withFiles -> {
            if (!store.update(draft.id(), draft.kind(), withFiles, clock.instant())) {
                throw PortfolioRefused.conflict("the record was signed while you edited it; make a new version instead");
            }
            AssessorRecord edited = store.byId(draft.id()).orElseThrow();
            audit.onUnit(user, unit, AccessRecords.Event.RECORD_EDITED, RecordStore.auditDetail(edited));
            return edited;
        });
    }

    /**
     * An assessor of the unit's course makes a new version of a signed record, named after them; the old version is kept,
     * marked superseded, and the new one is unsigned until signed again.
     */
    @Transactional
    public AssessorRecord newVersion(LtiPrincipal user, UUID recordId, RecordContent content, List<NewFile> files) {
        AssessorRecord record = visible(user, recordId);
        LearnerUnit unit = learnerUnits.visible(user, record.learnerUnitId());
        RecordRules.requireWriter(user, unit);
        store.lock(record.id());
        record = store.byId(record.id()).orElseThrow();
        RecordRules.requireVersionable(record);
        RecordContent checked = checked(record.kind(), content, unit);
        AssessorRecord previous = record;
        return withFiles(user, unit, record.kind(), record.content().files(), checked, files, withFiles -> {
            Instant now = clock.instant();
            if (!store.supersede(previous.id(), now)) {
                throw PortfolioRefused.conflict("someone made a new version of this record meanwhile; open the current one");
            }
            UUID id = UUID.randomUUID();
            store.insert(id, previous.lineageId(), previous.version() + 1, previous.kind(), unit, user.subject(),
                    user.displayName(), withFiles, now);
            AssessorRecord next = store.byId(id).orElseThrow();
            Map<String, Object> detail = RecordStore.auditDetail(next);
            detail.put("previousVersion", previous.id().toString());
            audit.onUnit(user, unit, AccessRecords.Event.RECORD_NEW_VERSION, detail);
            return next;
        });
    }

    /**
     * The assessor who wrote a draft nobody has signed discards it: the draft goes, and so do the files attached to it
     * alone (once the change is committed); a discarded new version makes the signed version it superseded current
     * again, returned, else {@code null}. Audited on the unit.
     */
    @Transactional
    public AssessorRecord discard(LtiPrincipal user, UUID recordId) {
        AssessorRecord record = visible(user, recordId);
        LearnerUnit unit = learnerUnits.visible(user, record.learnerUnitId());
        RecordRules.requireWriter(user, unit);
        store.lock(record.id());
        AssessorRecord draft = store.byId(record.id()).orElseThrow();
        RecordRules.requireDiscardable(user, draft);
        AssessorRecord previous = store.versions(draft.lineageId()).stream().filter(v -> v.version() == draft.version() - 1)
                .findFirst().orElse(null);
        if (!store.deleteDraft(draft.id())) {
            throw PortfolioRefused.conflict("the draft was signed meanwhile; make a new version instead");
        }
        Map<String, Object> detail = RecordStore.auditDetail(draft);
        if (previous != null) {
            store.reinstate(previous.id());
            detail.put("currentAgain", previous.id().toString());
        }
        audit.onUnit(user, unit, AccessRecords.Event.RECORD_DISCARDED, detail);
        java.util.Set<String> stillUsed = previous == null ? java.util.Set.of() : previous.content().files().stream()
                .map(RecordContent.Attachment::storageKey).collect(java.util.stream.Collectors.toSet());
        List<RecordContent.Attachment> orphaned = draft.content().files().stream()
                .filter(f -> !stillUsed.contains(f.storageKey())).toList();
        afterCommit(() -> evidence.discard(attached(orphaned)));
        return previous == null ? null : store.byId(previous.id()).orElseThrow();
    }

    private static void afterCommit(Runnable action) {
        if (!org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
            action.run();
            return;
        }
        org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                new org.springframework.transaction.support.TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        action.run();
                    }
                });
    }

    /**
     * Stores the new files (an observation's supplementary evidence), then makes the change with the content carrying the
     * files kept and the new ones; the new files are removed again if the change fails.
     */
    private AssessorRecord withFiles(LtiPrincipal user, LearnerUnit unit, RecordKind kind, List<RecordContent.Attachment> kept,
            RecordContent content, List<NewFile> files, java.util.function.Function<RecordContent, AssessorRecord> change) {
        if (!files.isEmpty() && kind != RecordKind.OBSERVATION) {
            throw PortfolioRefused.invalid("files are attached to an observation record's supplementary evidence; the "
                    + kind.title() + " takes none");
        }
        if (kept.size() + files.size() > MAX_FILES) {
            throw PortfolioRefused.invalid("an observation record holds at most " + MAX_FILES + " files");
        }
        List<RecordContent.Attachment> stored = new java.util.ArrayList<>();
        try {
            for (NewFile f : files) {
                try (java.io.InputStream in = f.source().open()) {
                    AssessorEvidence.AttachedFile a = evidence.store(user, unit, f.originalName(), f.declaredType(), in);
                    stored.add(new RecordContent.Attachment(f.box(), a.storageKey(), a.name(), a.contentType(), a.size(),
                            a.sha256()));
                }
            }
            List<RecordContent.Attachment> all = new java.util.ArrayList<>(kept);
            all.addAll(stored);
            return change.apply(content.withFiles(all));
        } catch (java.io.IOException e) {
            evidence.discard(attached(stored));
            throw PortfolioRefused.invalid("the upload was interrupted; nothing was saved, please try again");
        } catch (RuntimeException e) {
            evidence.discard(attached(stored));
            throw e;
        }
    }

    private static List<AssessorEvidence.AttachedFile> attached(List<RecordContent.Attachment> files) {
        return files.stream().map(f -> new AssessorEvidence.AttachedFile(f.storageKey(), f.name(), f.contentType(), f.size(),
                f.sha256())).toList();
    }

    /**
     * Signs the record's current version in the given role with the typed name. The assessor's signature on an observation
     * record writes its evidence into the portfolio (method O), and on an assessment report with questions its
     * questioning record (method Q), a new version of the evidence an earlier version of the record wrote.
     */
    @Transactional
    public AssessorRecord sign(LtiPrincipal user, UUID recordId, SignerRole role, String typedName) {
        AssessorRecord record = visible(user, recordId);
        LearnerUnit unit = learnerUnits.visible(user, record.learnerUnitId());
        if (!PortfolioAccess.mayAssess(user, unit) && !PortfolioAccess.owns(user, unit)) {
            throw PortfolioRefused.forbidden("only the candidate and their assessor sign a record; you may read it");
        }
        if (role == null) {
            throw PortfolioRefused.invalid("say whether you sign as candidate or as assessor");
        }
        store.lock(record.id());
        record = store.byId(record.id()).orElseThrow();
        RecordRules.requireSigner(user, unit, record, role, typedName);
        Instant now = clock.instant();
        if (!store.sign(record.id(), role, unit.course().platformId(), user.subject(), user.displayName(), typedName, now)) {
            throw PortfolioRefused.conflict("this version was signed as " + role.label() + " meanwhile");
        }
        if (role == SignerRole.ASSESSOR) {
            writeEvidence(user, unit, record);
        }
        AssessorRecord signed = store.byId(record.id()).orElseThrow();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("record", signed.id().toString());
        detail.put("kind", signed.kind().name());
        detail.put("version", signed.version());
        detail.put("role", role.name());
        detail.put("typedName", typedName.strip());
        detail.put("complete", signed.complete());
        if (signed.evidenceId() != null) {
            detail.put("evidence", signed.evidenceId().toString());
        }
        audit.onUnit(user, unit, AccessRecords.Event.RECORD_SIGNED, detail);
        return signed;
    }

    /**
     * Links a piece of the unit's evidence to the plan it fulfils; the unit's assessor or the learner may, once the plan's
     * current version is signed by both.
     */
    @Transactional
    public AssessorRecord link(LtiPrincipal user, UUID planId, UUID evidenceId) {
        AssessorRecord plan = visible(user, planId);
        LearnerUnit unit = learnerUnits.visible(user, plan.learnerUnitId());
        if (!PortfolioAccess.mayAssess(user, unit) && !PortfolioAccess.owns(user, unit)) {
            throw PortfolioRefused.forbidden("only the learner and their assessors link evidence to a plan");
        }
        if (plan.kind() != RecordKind.ASSESSMENT_PLAN) {
            throw PortfolioRefused.invalid("evidence is linked to an assessment action plan, and this is an "
                    + plan.kind().title());
        }
        if (!plan.complete()) {
            throw PortfolioRefused.conflict("this plan is not agreed yet: evidence is linked to a plan once the assessor and "
                    + "the candidate have both signed it (" + plan.state().toLowerCase(java.util.Locale.ROOT) + ")");
        }
        if (plan.superseded()) {
            throw PortfolioRefused.conflict("this is an old version of the plan; link evidence to the current version");
        }
        AssessorEvidence.Piece piece = evidenceId == null ? null : evidence.find(evidenceId)
                .filter(p -> p.learnerUnitId().equals(unit.id())).orElse(null);
        if (piece == null) {
            throw PortfolioRefused.invalid("choose a piece of evidence of this unit to link to the plan");
        }
        if (plan.linkedEvidence().contains(piece.id())) {
            return plan;
        }
        store.link(plan.lineageId(), piece.id(), user.subject(), clock.instant());
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("record", plan.id().toString());
        detail.put("lineage", plan.lineageId().toString());
        detail.put("evidence", piece.id().toString());
        detail.put("title", piece.title());
        audit.onUnit(user, unit, AccessRecords.Event.RECORD_EVIDENCE_LINKED, detail);
        return store.byId(plan.id()).orElseThrow();
    }

    /** The current plans of the assessor's course, soonest due first. */
    public List<AssessorRecord> plans(LtiPrincipal user) {
        PortfolioAccess.requireAssessor(user, "the plans of a course are for its assessors");
        return store.currentPlans(Course.of(user));
    }

    private void writeEvidence(LtiPrincipal user, LearnerUnit unit, AssessorRecord record) {
        RecordContent c = record.content();
        UUID previous = store.versions(record.lineageId()).stream().map(AssessorRecord::evidenceId)
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
        UUID written = switch (record.kind()) {
            case OBSERVATION -> evidence.record(user, unit, previous, "Observation record, version " + record.version(),
                    c.observed(), c.observedOn(), AssessmentMethod.OBSERVATION, c.items(), attached(c.files()));
            case ASSESSMENT_REPORT -> c.questions().isEmpty() ? null
                    : evidence.record(user, unit, previous, "Questioning record (assessment report, version "
                            + record.version() + ")", questioning(c), LocalDate.now(clock), AssessmentMethod.QUESTIONING,
                            c.items(), List.of());
            default -> null;
        };
        if (written != null) {
            store.setEvidence(record.id(), written);
        }
    }

    private static String questioning(RecordContent c) {
        StringBuilder text = new StringBuilder();
        for (RecordContent.QuestionAnswer qa : c.questions()) {
            text.append("Q: ").append(qa.question().strip()).append("\nA: ").append(qa.answer().strip()).append("\n\n");
        }
        return text.toString().strip();
    }

    private RecordContent checked(RecordKind kind, RecordContent content, LearnerUnit unit) {
        if (kind == null) {
            throw PortfolioRefused.invalid("choose which record to write");
        }
        RecordContent checked = RecordRules.check(kind, content, LocalDate.now(clock));
        if (!checked.items().isEmpty()) {
            Set<UUID> known = new java.util.HashSet<>(evidence.items(unit).stream().map(AssessorEvidence.Item::id).toList());
            if (!known.containsAll(checked.items())) {
                throw PortfolioRefused.invalid("the record can only refer to criteria and range items of Unit "
                        + unit.unitCode());
            }
        }
        return checked;
    }

    private AssessorRecord visible(LtiPrincipal user, UUID recordId) {
        AssessorRecord record = store.byId(recordId).orElseThrow(() -> PortfolioRefused.notFound("that record"));
        try {
            learnerUnits.visible(user, record.learnerUnitId());
        } catch (PortfolioRefused e) {
            throw PortfolioRefused.notFound("that record");
        }
        return record;
    }
}
