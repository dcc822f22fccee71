package org.attest.tool.portfolio.internal;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.portfolio.EvidenceSubmitted;
import org.attest.tool.portfolio.LearnerUnit;
import org.attest.tool.portfolio.PortfolioAccess;
import org.attest.tool.portfolio.PortfolioRefused;
import org.attest.tool.portfolio.Verifiers;
import org.attest.tool.portfolio.audit.AuditAction;
import org.attest.tool.portfolio.internal.files.EvidenceFiles;
import org.attest.tool.portfolio.internal.files.StoredFile;
import org.attest.tool.portfolio.internal.files.UploadRejected;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.util.function.SingletonSupplier;

/**
 * A learner's evidence: recording it with its files, editing it while no assessor has looked at it
 * (afterwards an edit makes a new version, never a silent change), and mapping it to criteria and
 * range items as claims for the assessor. Every change withdraws the learner's declaration.
 */
@Service
public class EvidenceRecords {

    private final EvidenceStore store;
    private final LearnerUnitStore learnerUnits;
    private final SignatureStore signatures;
    private final LearnerPortfolios portfolios;
    private final EvidenceFiles files;
    private final PortfolioChanges changes;
    private final Clock clock;
    /** Who answers {@link Verifiers}, resolved once: the module that does, else no one verifies. */
    private final SingletonSupplier<Verifiers> verifiers;

    EvidenceRecords(EvidenceStore store, LearnerUnitStore learnerUnits, SignatureStore signatures,
            LearnerPortfolios portfolios, EvidenceFiles files, PortfolioChanges changes, Clock clock,
            ObjectProvider<Verifiers> verifiers) {
        this.verifiers = SingletonSupplier.of(() -> verifiers.getIfUnique(() -> Verifiers.NONE));
        this.store = store;
        this.learnerUnits = learnerUnits;
        this.signatures = signatures;
        this.portfolios = portfolios;
        this.files = files;
        this.changes = changes;
        this.clock = clock;
    }

    /** Evidence the user may see: in their own portfolio as a learner, in their course as an assessor, as its verifier. */
    public Evidence visible(LtiPrincipal user, UUID evidenceId) {
        Evidence evidence = store.evidence(evidenceId).orElseThrow(() -> PortfolioRefused.notFound("that evidence"));
        visibleUnit(user, evidence);
        return evidence;
    }

    /** The learner unit the evidence belongs to, when the user may see the evidence. */
    private LearnerUnit visibleUnit(LtiPrincipal user, Evidence evidence) {
        LearnerUnit unit = learnerUnits.byId(evidence.learnerUnitId()).orElseThrow();
        if (!PortfolioAccess.mayRead(user, unit, verifiers.obtain())) {
            throw PortfolioRefused.notFound("that evidence");
        }
        return unit;
    }

    /** A file of evidence the user may see, with its bytes. */
    public Evidence.EvidenceFile visibleFile(LtiPrincipal user, UUID fileId) {
        Evidence.EvidenceFile file = store.file(fileId).orElseThrow(() -> PortfolioRefused.notFound("that file"));
        visible(user, file.evidenceId());
        return file;
    }

    public InputStream open(Evidence.EvidenceFile file) {
        return files.open(file.storageKey());
    }

    public List<Evidence> versions(Evidence evidence) {
        return store.versions(evidence.lineageId());
    }

    /** Records new evidence in the learner's own portfolio; files are stored first and removed again if anything fails. */
    public Evidence add(LtiPrincipal learner, LearnerUnit unit, EvidenceInput input, List<Upload> uploads) {
        requireOpenOwn(learner, unit);
        EvidenceInput checked = EvidenceRules.check(input, LocalDate.now(clock));
        List<StoredFile> stored = store(uploads);
        return withFiles(stored, () -> {
            UUID id = UUID.randomUUID();
            Instant now = clock.instant();
            store.insert(id, unit.id(), id, 1, checked, learner.subject(), now);
            store.attach(id, stored, now);
            return submitted(learner, unit, id, Audited.by(learner, AuditAction.EVIDENCE_ADDED,
                    detail(id, 1, checked, stored)));
        });
    }

    /**
     * Changes evidence. Before an assessor has looked at it the change is made in place; afterwards a
     * new version is written, its mappings claimed afresh, and the assessed version kept as it was.
     */
    public Evidence edit(LtiPrincipal learner, UUID evidenceId, EvidenceInput input, List<Upload> uploads) {
        Evidence current = store.evidence(evidenceId).orElseThrow(() -> PortfolioRefused.notFound("that evidence"));
        LearnerUnit unit = requireOpenOwn(learner, visibleUnit(learner, current));
        EvidenceRules.requireByHand(current, learner.subject());
        if (!current.current()) {
            throw PortfolioRefused.conflict("this is an old version of the evidence; edit the current version instead");
        }
        EvidenceInput checked = EvidenceRules.check(input, LocalDate.now(clock));
        if (current.files().size() + uploads.size() > EvidenceRules.MAX_FILES) {
            throw PortfolioRefused.invalid("evidence can hold at most " + EvidenceRules.MAX_FILES + " files");
        }
        List<StoredFile> stored = store(uploads);
        return withFiles(stored, () -> {
            Instant now = clock.instant();
            if (current.status() == Evidence.Status.SUBMITTED) {
                if (!store.update(current.id(), checked, now)) {
                    throw PortfolioRefused.conflict("an assessor looked at this evidence while you edited it; open it again "
                            + "to make a new version");
                }
                store.attach(current.id(), stored, now);
                return submitted(learner, unit, current.id(), Audited.by(learner, AuditAction.EVIDENCE_EDITED,
                        detail(current.id(), current.version(), checked, stored)));
            }
            UUID id = UUID.randomUUID();
            if (!store.supersede(current.id())) {
                throw PortfolioRefused.conflict("the evidence changed while you edited it; open it again");
            }
            store.insert(id, current.learnerUnitId(), current.lineageId(), current.version() + 1, checked,
                    learner.subject(), now);
            store.copyFiles(current, id);
            store.attach(id, stored, now);
            current.mappings().stream().filter(m -> m.status() != MappingStatus.REJECTED)
                    .forEach(m -> store.claim(id, m.itemId(), m.kind(), m.code(), now));
            Map<String, Object> detail = detail(id, current.version() + 1, checked, stored);
            detail.put("previousVersion", current.id().toString());
            return submitted(learner, unit, id, Audited.by(learner, AuditAction.EVIDENCE_NEW_VERSION, detail));
        });
    }

    /**
     * Sets which criteria and range items the learner claims this evidence proves. Claims are added and
     * withdrawn; what an assessor already confirmed or rejected stays as the assessor left it.
     */
    public Evidence map(LtiPrincipal learner, UUID evidenceId, Set<UUID> itemIds) {
        Evidence evidence = store.evidence(evidenceId).orElseThrow(() -> PortfolioRefused.notFound("that evidence"));
        LearnerUnit unit = requireOpenOwn(learner, visibleUnit(learner, evidence));
        EvidenceRules.requireByHand(evidence, learner.subject());
        if (!evidence.current()) {
            throw PortfolioRefused.conflict("this is an old version of the evidence; map the current version");
        }
        Claims claims = Claims.of(unit, portfolios.placed(unit).unit(), evidence, itemIds);
        return changes.inTransaction(() -> {
            if (!claims.changed()) {
                return store.evidence(evidence.id()).orElseThrow();
            }
            Instant now = clock.instant();
            claims.withdrawn().forEach(m -> store.withdrawClaim(evidence.id(), m.itemId()));
            claims.added().forEach(item -> store.claim(evidence.id(), item.id(), item.kind(), item.code(), now));
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("evidence", evidence.id().toString());
            detail.put("claimed", claims.added().stream().map(Claims.Item::code).toList());
            detail.put("withdrawn", claims.withdrawn().stream().map(Evidence.Mapping::code).toList());
            return submitted(learner, unit, evidence.id(), Audited.by(learner, AuditAction.EVIDENCE_MAPPED, detail));
        });
    }

    /** The learner's own unit, open for changes to its evidence: only its signatures are read. */
    private LearnerUnit requireOpenOwn(LtiPrincipal learner, LearnerUnit unit) {
        PortfolioAccess.requireOwn(learner, unit);
        LearnerPortfolio.requireEvidenceMayChange(unit, signatures.signatures(unit.id()));
        return unit;
    }

    /**
     * Finishes a change to the learner's evidence: changed evidence is no longer what the learner declared, so the
     * declaration is withdrawn and must be signed again; then audited, counted and announced.
     */
    private Evidence submitted(LtiPrincipal learner, LearnerUnit unit, UUID evidenceId, Audited change) {
        List<Audited> audited = new ArrayList<>(List.of(change));
        if (signatures.withdrawDeclaration(unit.id(), clock.instant())) {
            audited.add(Audited.by(learner, AuditAction.DECLARATION_WITHDRAWN, Map.of("reason", "evidence changed")));
        }
        changes.finish(unit, audited, progress -> new EvidenceSubmitted(progress, evidenceId));
        return store.evidence(evidenceId).orElseThrow();
    }

    /** Runs the change in a transaction; the files stored for it are removed again if it fails. */
    private Evidence withFiles(List<StoredFile> stored, java.util.function.Supplier<Evidence> change) {
        try {
            return changes.inTransaction(change);
        } catch (RuntimeException e) {
            stored.forEach(f -> files.delete(f.storageKey()));
            throw e;
        }
    }

    private List<StoredFile> store(List<Upload> uploads) {
        if (uploads.size() > EvidenceRules.MAX_FILES) {
            throw PortfolioRefused.invalid("evidence can hold at most " + EvidenceRules.MAX_FILES + " files");
        }
        List<StoredFile> stored = new ArrayList<>();
        try {
            for (Upload upload : uploads) {
                try (var in = upload.source().open()) {
                    stored.add(files.store(upload.originalName(), upload.declaredContentType(), in));
                }
            }
        } catch (IOException | RuntimeException e) {
            stored.forEach(f -> files.delete(f.storageKey()));
            if (e instanceof UploadRejected rejected) {
                throw PortfolioRefused.invalid(rejected.getMessage() + (stored.isEmpty() ? "" : "; no files were saved"));
            }
            if (e instanceof IOException) {
                throw PortfolioRefused.invalid("the upload was interrupted; nothing was saved, please try again");
            }
            throw (RuntimeException) e;
        }
        return stored;
    }

    private static Map<String, Object> detail(UUID id, int version, EvidenceInput in, List<StoredFile> stored) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("evidence", id.toString());
        detail.put("version", version);
        detail.put("title", in.title());
        detail.put("occasion", in.occasionDate().toString());
        detail.put("methods", Rows.codes(in.methods()));
        detail.put("simulated", in.simulated());
        detail.put("files", stored.stream().map(f -> f.safeName() + " sha256:" + f.sha256()).toList());
        return detail;
    }
}
