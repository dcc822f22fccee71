package org.attest.tool.portfolio;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.attest.standards.Criterion;
import org.attest.standards.RangeItem;
import org.attest.standards.Unit;
import org.attest.tool.lti.AttestRole;
import org.attest.tool.lti.LtiPrincipal;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A learner's evidence: recording it with its files, editing it while no assessor has looked at it
 * (afterwards an edit makes a new version, never a silent change), and mapping it to criteria and
 * range items as claims for the assessor.
 */
@Service
public class EvidenceRecords {

    static final int MAX_FILES = 20;

    private final JdbcClient jdbc;
    private final PortfolioReads reads;
    private final LearnerUnits learnerUnits;
    private final EvidenceFiles files;
    private final PortfolioAudit audit;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final Clock clock;

    EvidenceRecords(JdbcClient jdbc, PortfolioReads reads, LearnerUnits learnerUnits, EvidenceFiles files,
            PortfolioAudit audit, ApplicationEventPublisher events, TransactionTemplate transaction, Clock clock) {
        this.jdbc = jdbc;
        this.reads = reads;
        this.learnerUnits = learnerUnits;
        this.files = files;
        this.audit = audit;
        this.events = events;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** Evidence the user may see: in their own portfolio as a learner, in their course as an assessor. */
    public Evidence visible(LtiPrincipal user, UUID evidenceId) {
        Evidence evidence = reads.evidence(evidenceId).orElseThrow(() -> PortfolioRefused.notFound("that evidence"));
        LearnerUnit unit = reads.learnerUnit(evidence.learnerUnitId()).orElseThrow();
        if (!LearnerUnits.maySee(user, unit)) {
            throw PortfolioRefused.notFound("that evidence");
        }
        return evidence;
    }

    /** A file of evidence the user may see, with its bytes. */
    public Evidence.EvidenceFile visibleFile(LtiPrincipal user, UUID fileId) {
        Evidence.EvidenceFile file = reads.file(fileId).orElseThrow(() -> PortfolioRefused.notFound("that file"));
        visible(user, file.evidenceId());
        return file;
    }

    public java.io.InputStream open(Evidence.EvidenceFile file) {
        return files.open(file.storageKey());
    }

    public List<Evidence> versions(Evidence evidence) {
        return reads.versions(evidence.lineageId());
    }

    /** Records new evidence in the learner's own portfolio; files are stored first and removed again if anything fails. */
    public Evidence add(LtiPrincipal learner, LearnerUnit unit, EvidenceInput input, List<Upload> uploads) {
        requireOwner(learner, unit);
        EvidenceInput checked = check(input, unit);
        List<StoredFile> stored = store(uploads);
        try {
            return transaction.execute(tx -> {
                UUID id = UUID.randomUUID();
                insert(id, unit.id(), id, 1, checked, learner.subject());
                attach(id, stored);
                audit.record(learner, unit, AuditAction.EVIDENCE_ADDED, detail(id, 1, checked, stored));
                withdrawDeclaration(learner, unit);
                events.publishEvent(new EvidenceSubmitted(learnerUnits.refresh(unit.id()), id));
                return reads.evidence(id).orElseThrow();
            });
        } catch (RuntimeException e) {
            stored.forEach(f -> files.delete(f.storageKey()));
            throw e;
        }
    }

    /**
     * Changes evidence. Before an assessor has looked at it the change is made in place; afterwards a
     * new version is written, its mappings claimed afresh, and the assessed version kept as it was.
     */
    public Evidence edit(LtiPrincipal learner, UUID evidenceId, EvidenceInput input, List<Upload> uploads) {
        Evidence current = visible(learner, evidenceId);
        LearnerUnit unit = reads.learnerUnit(current.learnerUnitId()).orElseThrow();
        requireOwner(learner, unit);
        requireByHand(current);
        if (!current.current()) {
            throw PortfolioRefused.conflict("this is an old version of the evidence; edit the current version instead");
        }
        EvidenceInput checked = check(input, unit);
        if (current.files().size() + uploads.size() > MAX_FILES) {
            throw PortfolioRefused.invalid("evidence can hold at most " + MAX_FILES + " files");
        }
        List<StoredFile> stored = store(uploads);
        try {
            return transaction.execute(tx -> {
                UUID id;
                if (current.status() == Evidence.Status.SUBMITTED) {
                    id = current.id();
                    update(id, checked);
                    attach(id, stored);
                    audit.record(learner, unit, AuditAction.EVIDENCE_EDITED, detail(id, current.version(), checked, stored));
                } else {
                    id = UUID.randomUUID();
                    int updated = jdbc.sql("UPDATE evidence SET is_current = FALSE WHERE id = ? AND is_current = TRUE")
                            .param(current.id()).update();
                    if (updated != 1) {
                        throw PortfolioRefused.conflict("the evidence changed while you edited it; open it again");
                    }
                    insert(id, unit.id(), current.lineageId(), current.version() + 1, checked, learner.subject());
                    copyFiles(current, id);
                    attach(id, stored);
                    for (Evidence.Mapping m : current.mappings()) {
                        if (m.status() != MappingStatus.REJECTED) {
                            insertMapping(id, m.itemId(), m.kind(), m.code());
                        }
                    }
                    Map<String, Object> detail = detail(id, current.version() + 1, checked, stored);
                    detail.put("previousVersion", current.id().toString());
                    audit.record(learner, unit, AuditAction.EVIDENCE_NEW_VERSION, detail);
                }
                withdrawDeclaration(learner, unit);
                events.publishEvent(new EvidenceSubmitted(learnerUnits.refresh(unit.id()), id));
                return reads.evidence(id).orElseThrow();
            });
        } catch (RuntimeException e) {
            stored.forEach(f -> files.delete(f.storageKey()));
            throw e;
        }
    }

    /**
     * Sets which criteria and range items the learner claims this evidence proves. Claims are added and
     * withdrawn; what an assessor already confirmed or rejected stays as the assessor left it.
     */
    public Evidence map(LtiPrincipal learner, UUID evidenceId, Set<UUID> itemIds) {
        Evidence evidence = visible(learner, evidenceId);
        LearnerUnit unit = reads.learnerUnit(evidence.learnerUnitId()).orElseThrow();
        requireOwner(learner, unit);
        requireByHand(evidence);
        if (!evidence.current()) {
            throw PortfolioRefused.conflict("this is an old version of the evidence; map the current version");
        }
        Unit model = learnerUnits.placed(unit).unit();
        Map<UUID, Item> items = items(model);
        for (UUID id : itemIds) {
            if (!items.containsKey(id)) {
                throw PortfolioRefused.invalid("the evidence can only be mapped to criteria and range items of Unit " + unit.unitCode());
            }
        }
        return transaction.execute(tx -> {
            Set<UUID> existing = new HashSet<>();
            List<String> added = new ArrayList<>();
            List<String> withdrawn = new ArrayList<>();
            for (Evidence.Mapping m : evidence.mappings()) {
                existing.add(m.itemId());
                if (m.status() == MappingStatus.CLAIMED && !itemIds.contains(m.itemId())) {
                    jdbc.sql("DELETE FROM evidence_mapping WHERE evidence_id = ? AND item_id = ? AND status = 'CLAIMED'")
                            .params(evidence.id(), m.itemId()).update();
                    withdrawn.add(m.code());
                }
            }
            for (UUID id : itemIds) {
                if (!existing.contains(id)) {
                    Item item = items.get(id);
                    insertMapping(evidence.id(), id, item.kind(), item.code());
                    added.add(item.code());
                }
            }
            if (!added.isEmpty() || !withdrawn.isEmpty()) {
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("evidence", evidence.id().toString());
                detail.put("claimed", added);
                detail.put("withdrawn", withdrawn);
                audit.record(learner, unit, AuditAction.EVIDENCE_MAPPED, detail);
                withdrawDeclaration(learner, unit);
                events.publishEvent(new EvidenceSubmitted(learnerUnits.refresh(unit.id()), evidence.id()));
            }
            return reads.evidence(evidence.id()).orElseThrow();
        });
    }

    /** A criterion or range item of a unit, as mappings name it. */
    record Item(UUID id, Evidence.ItemKind kind, String code) {
    }

    static Map<UUID, Item> items(Unit unit) {
        Map<UUID, Item> items = new LinkedHashMap<>();
        for (Criterion c : unit.criteria().toList()) {
            items.put(c.id(), new Item(c.id(), Evidence.ItemKind.CRITERION, c.code()));
        }
        for (RangeItem r : unit.rangeItems().toList()) {
            items.put(r.id(), new Item(r.id(), Evidence.ItemKind.RANGE, r.code()));
        }
        return items;
    }

    private void requireOwner(LtiPrincipal learner, LearnerUnit unit) {
        if (!learner.has(AttestRole.LEARNER) || !learner.subject().equals(unit.learnerSubject())
                || !LearnerUnits.sameCourse(learner, unit.course())) {
            throw PortfolioRefused.notFound("that portfolio");
        }
        if (reads.signatures(unit.id()).stream().anyMatch(s -> s.kind() == UnitSignature.Kind.SIGN_OFF)) {
            throw PortfolioRefused.conflict("Unit " + unit.unitCode() + " is signed off; its evidence can no longer change");
        }
    }

    private static void requireByHand(Evidence evidence) {
        if (evidence.fromGradebook()) {
            throw PortfolioRefused.conflict("this evidence records a grade from the LMS gradebook; Attest changes it when the "
                    + "grade changes there, so it cannot be edited or mapped by hand");
        }
    }

    /** Changed evidence is no longer what the learner declared: the declaration must be signed again. */
    private void withdrawDeclaration(LtiPrincipal learner, LearnerUnit unit) {
        int withdrawn = jdbc.sql("""
                UPDATE unit_signature SET withdrawn_at = ? WHERE learner_unit_id = ? AND kind = 'DECLARATION'
                  AND withdrawn_at IS NULL""")
                .params(Timestamp.from(clock.instant()), unit.id()).update();
        if (withdrawn > 0) {
            audit.record(learner, unit, AuditAction.DECLARATION_WITHDRAWN, Map.of("reason", "evidence changed"));
        }
    }

    private EvidenceInput check(EvidenceInput in, LearnerUnit unit) {
        List<String> problems = new ArrayList<>();
        if (in.title() == null || in.title().isBlank()) {
            problems.add("give the evidence a title");
        } else if (in.title().length() > 200) {
            problems.add("the title is longer than 200 characters");
        }
        if (in.account() != null && in.account().length() > 20_000) {
            problems.add("the account is longer than 20,000 characters; attach a document instead");
        }
        LocalDate today = LocalDate.now(clock);
        if (in.occasionDate() == null) {
            problems.add("give the date of the occasion the evidence comes from");
        } else if (in.occasionDate().isAfter(today)) {
            problems.add("the occasion date " + in.occasionDate() + " is in the future");
        }
        if (in.methods().isEmpty()) {
            problems.add("choose at least one assessment method");
        }
        Evidence.Witness w = in.witness();
        if (w != null && w.present()) {
            if (w.status() != null && (w.status() < 1 || w.status() > 5)) {
                problems.add("the witness status must be a category from 1 to 5");
            }
            if (w.signedOn() != null && w.signedOn().isAfter(today)) {
                problems.add("the witness signature date is in the future");
            }
            if ((w.signedName() == null || w.signedName().isBlank()) != (w.signedOn() == null)) {
                problems.add("a witness signs with both their typed name and the date");
            }
        }
        tooLong(in.customerReference(), 200, "customer reference", problems);
        tooLong(in.customerDescriptor(), 500, "customer description", problems);
        tooLong(in.location(), 200, "location", problems);
        if (!problems.isEmpty()) {
            throw PortfolioRefused.invalid(String.join("; ", problems));
        }
        return in;
    }

    private static void tooLong(String value, int limit, String field, List<String> problems) {
        if (value != null && value.length() > limit) {
            problems.add("the " + field + " is longer than " + limit + " characters");
        }
    }

    private List<StoredFile> store(List<Upload> uploads) {
        if (uploads.size() > MAX_FILES) {
            throw PortfolioRefused.invalid("evidence can hold at most " + MAX_FILES + " files");
        }
        List<StoredFile> stored = new ArrayList<>();
        try {
            for (Upload upload : uploads) {
                try (var in = upload.source().open()) {
                    stored.add(files.store(upload.originalName(), upload.declaredContentType(), in));
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            stored.forEach(f -> files.delete(f.storageKey()));
            if (e instanceof UploadRejected rejected) {
                throw PortfolioRefused.invalid(rejected.getMessage() + (stored.isEmpty() ? "" : "; no files were saved"));
            }
            if (e instanceof java.io.IOException) {
                throw PortfolioRefused.invalid("the upload was interrupted; nothing was saved, please try again");
            }
            throw (RuntimeException) e;
        }
        return stored;
    }

    private void insert(UUID id, UUID learnerUnitId, UUID lineage, int version, EvidenceInput in, String by) {
        Timestamp now = Timestamp.from(clock.instant());
        Evidence.Witness w = in.witness() == null ? new Evidence.Witness(null, null, null, null, null, null) : in.witness();
        jdbc.sql("""
                INSERT INTO evidence (id, learner_unit_id, lineage_id, version, is_current, status, title, account,
                    occasion_date, methods, customer_reference, customer_descriptor, simulated, location, witness_name,
                    witness_contact, witness_status, witness_relationship, witness_signed_name, witness_signed_on,
                    created_by, created_at, updated_at)
                VALUES (?, ?, ?, ?, TRUE, 'SUBMITTED', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, learnerUnitId, lineage, version, in.title().strip(), blankToNull(in.account()), in.occasionDate(),
                        PortfolioReads.codes(in.methods()), blankToNull(in.customerReference()),
                        blankToNull(in.customerDescriptor()), in.simulated(), blankToNull(in.location()),
                        blankToNull(w.name()), blankToNull(w.contact()), w.status(), blankToNull(w.relationship()),
                        blankToNull(w.signedName()), w.signedOn(), by, now, now)
                .update();
    }

    private void update(UUID id, EvidenceInput in) {
        Evidence.Witness w = in.witness() == null ? new Evidence.Witness(null, null, null, null, null, null) : in.witness();
        int updated = jdbc.sql("""
                UPDATE evidence SET title = ?, account = ?, occasion_date = ?, methods = ?, customer_reference = ?,
                    customer_descriptor = ?, simulated = ?, location = ?, witness_name = ?, witness_contact = ?,
                    witness_status = ?, witness_relationship = ?, witness_signed_name = ?, witness_signed_on = ?,
                    updated_at = ?
                WHERE id = ? AND status = 'SUBMITTED' AND is_current = TRUE""")
                .params(in.title().strip(), blankToNull(in.account()), in.occasionDate(), PortfolioReads.codes(in.methods()),
                        blankToNull(in.customerReference()), blankToNull(in.customerDescriptor()), in.simulated(),
                        blankToNull(in.location()), blankToNull(w.name()), blankToNull(w.contact()), w.status(),
                        blankToNull(w.relationship()), blankToNull(w.signedName()), w.signedOn(),
                        Timestamp.from(clock.instant()), id)
                .update();
        if (updated != 1) {
            throw PortfolioRefused.conflict("an assessor looked at this evidence while you edited it; open it again to make a new version");
        }
    }

    private void attach(UUID evidenceId, List<StoredFile> stored) {
        Timestamp now = Timestamp.from(clock.instant());
        for (StoredFile f : stored) {
            jdbc.sql("""
                    INSERT INTO evidence_file (id, evidence_id, storage_key, file_name, content_type, size_bytes, sha256, uploaded_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(UUID.randomUUID(), evidenceId, f.storageKey(), f.safeName(), f.contentType(), f.size(),
                            f.sha256(), now)
                    .update();
        }
    }

    /** A new version refers to the same stored files: files are immutable, so sharing them is safe. */
    private void copyFiles(Evidence from, UUID to) {
        for (Evidence.EvidenceFile f : from.files()) {
            jdbc.sql("""
                    INSERT INTO evidence_file (id, evidence_id, storage_key, file_name, content_type, size_bytes, sha256, uploaded_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(UUID.randomUUID(), to, f.storageKey(), f.fileName(), f.contentType(), f.sizeBytes(), f.sha256(),
                            Timestamp.from(f.uploadedAt()))
                    .update();
        }
    }

    private void insertMapping(UUID evidenceId, UUID itemId, Evidence.ItemKind kind, String code) {
        jdbc.sql("""
                INSERT INTO evidence_mapping (evidence_id, item_id, item_kind, item_code, status, claimed_at)
                VALUES (?, ?, ?, ?, 'CLAIMED', ?)""")
                .params(evidenceId, itemId, kind.name(), code, Timestamp.from(clock.instant())).update();
    }

    private static Map<String, Object> detail(UUID id, int version, EvidenceInput in, List<StoredFile> stored) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("evidence", id.toString());
        detail.put("version", version);
        detail.put("title", in.title());
        detail.put("occasion", in.occasionDate().toString());
        detail.put("methods", PortfolioReads.codes(in.methods()));
        detail.put("simulated", in.simulated());
        detail.put("files", stored.stream().map(f -> f.safeName() + " sha256:" + f.sha256()).toList());
        return detail;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

}
