package org.attest.tool.portfolio;

import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.attest.standards.AssessmentMethod;
import org.attest.standards.Unit;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.portfolio.audit.AuditAction;
import org.attest.tool.portfolio.internal.Audited;
import org.attest.tool.portfolio.internal.Claims;
import org.attest.tool.portfolio.internal.Evidence;
import org.attest.tool.portfolio.internal.EvidenceStore;
import org.attest.tool.portfolio.internal.LearnerPortfolio;
import org.attest.tool.portfolio.internal.LearnerUnitStore;
import org.attest.tool.portfolio.internal.MappingStatus;
import org.attest.tool.portfolio.internal.PortfolioChanges;
import org.attest.tool.portfolio.internal.SignatureStore;
import org.attest.tool.portfolio.internal.files.EvidenceFiles;
import org.attest.tool.portfolio.internal.files.StoredFile;
import org.attest.tool.portfolio.internal.files.UploadRejected;
import org.springframework.stereotype.Service;

/**
 * What the assessor's recording documents (the records module) need of a learner's unit: its criteria and range items to
 * choose from, its current evidence to link to a plan, and evidence an assessor records from a signed observation or
 * questioning record, with its mappings confirmed by that assessor.
 */
@Service
public class AssessorEvidence {

    /** A criterion or range item of the unit, as a record's "reference to standards" names it. */
    public record Item(UUID id, String code, String statement, boolean rangeItem) {
    }

    /** A piece of evidence as a record lists it; {@code mapped} are the codes it is mapped to (not rejected). */
    public record Piece(UUID id, UUID learnerUnitId, int version, boolean current, String title, LocalDate occasion,
            List<String> methods, List<String> mapped) {
    }

    /**
     * A file an assessor attached to a record (supplementary evidence), stored and checked as evidence files are; it
     * becomes a file of the evidence the record writes when it is signed.
     */
    public record AttachedFile(String storageKey, String name, String contentType, long size, String sha256) {
    }

    private final LearnerUnits learnerUnits;
    private final EvidenceFiles files;
    private final LearnerUnitStore unitStore;
    private final EvidenceStore evidence;
    private final SignatureStore signatures;
    private final PortfolioChanges changes;
    private final Clock clock;

    AssessorEvidence(LearnerUnits learnerUnits, LearnerUnitStore unitStore, EvidenceStore evidence, SignatureStore signatures,
            PortfolioChanges changes, Clock clock, EvidenceFiles files) {
        this.learnerUnits = learnerUnits;
        this.files = files;
        this.unitStore = unitStore;
        this.evidence = evidence;
        this.signatures = signatures;
        this.changes = changes;
        this.clock = clock;
    }

    /** The criteria and range items of the learner's unit, in the unit's order; the caller has checked visibility. */
    public List<Item> items(LearnerUnit unit) {
        Unit model = learnerUnits.placed(unit).unit();
        List<Item> items = new ArrayList<>();
        model.criteria().forEach(c -> items.add(new Item(c.id(), c.code(), c.statement(), false)));
        model.rangeItems().forEach(r -> items.add(new Item(r.id(), r.code(), r.statement(), true)));
        return items;
    }

    /** The unit's current evidence; the caller has checked visibility. */
    public List<Piece> current(LearnerUnit unit) {
        return evidence.currentEvidence(unit.id()).stream().map(AssessorEvidence::piece).toList();
    }

    /** One piece of evidence, any version; the caller checks it belongs to a unit the user may see. */
    public Optional<Piece> find(UUID evidenceId) {
        return evidence.evidence(evidenceId).map(AssessorEvidence::piece);
    }

    /**
     * Stores a file an assessor of the unit's course attaches to a record; refused (nothing stored) as any evidence file
     * is: too large, a type not allowed, empty. Reads {@code content} to its end and does not close it.
     */
    public AttachedFile store(LtiPrincipal assessor, LearnerUnit unit, String originalName, String declaredType,
            InputStream content) {
        PortfolioAccess.requireAssessable(assessor, unit);
        try {
            StoredFile f = files.store(originalName, declaredType, content);
            return new AttachedFile(f.storageKey(), f.safeName(), f.contentType(), f.size(), f.sha256());
        } catch (UploadRejected rejected) {
            throw PortfolioRefused.invalid(rejected.getMessage());
        }
    }

    /** Removes files stored for a change that did not happen. */
    public void discard(List<AttachedFile> attached) {
        attached.forEach(f -> files.delete(f.storageKey()));
    }

    /**
     * Records evidence an assessor of the unit's course wrote (an observation, a questioning record), mapped to these
     * criteria and range items and confirmed by them; a new version of {@code previous} when it is given. Withdraws the
     * learner's declaration (their evidence changed), and is audited and announced as any evidence is, in the caller's
     * transaction when there is one. Refused for a signed-off unit, or items not of the unit. Returns the evidence's id.
     */
    public UUID record(LtiPrincipal assessor, LearnerUnit unit, UUID previous, String title, String account, LocalDate occasion,
            AssessmentMethod method, Set<UUID> itemIds, List<AttachedFile> attached) {
        PortfolioAccess.requireAssessable(assessor, unit);
        Map<UUID, Claims.Item> all = Claims.items(learnerUnits.placed(unit).unit());
        List<Claims.Item> items = new ArrayList<>();
        for (UUID id : itemIds) {
            Claims.Item item = all.get(id);
            if (item == null) {
                throw PortfolioRefused.invalid("the record can only refer to criteria and range items of Unit " + unit.unitCode());
            }
            items.add(item);
        }
        return changes.inTransaction(() -> {
            unitStore.lock(unit.id());
            LearnerUnit now = unitStore.byId(unit.id()).orElseThrow();
            LearnerPortfolio.requireEvidenceMayChange(now, signatures.signatures(now.id()));
            Optional<Evidence> before = Optional.ofNullable(previous).flatMap(evidence::evidence)
                    .filter(e -> e.learnerUnitId().equals(now.id()) && e.current());
            Instant at = clock.instant();
            UUID id = UUID.randomUUID();
            int version = before.map(e -> e.version() + 1).orElse(1);
            evidence.insertAssessed(id, now.id(), before.map(Evidence::lineageId).orElse(id), version,
                    before.map(Evidence::id), title, account, occasion, Set.of(method), assessor.subject(),
                    assessor.displayName(), items, at);
            evidence.attach(id, attached.stream().map(f -> new StoredFile(f.storageKey(), f.name(), f.contentType(), f.size(),
                    f.sha256())).toList(), at);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("evidence", id.toString());
            detail.put("version", version);
            detail.put("title", title);
            detail.put("occasion", occasion.toString());
            detail.put("methods", List.of(method.code()));
            detail.put("files", attached.stream().map(f -> f.name() + " sha256:" + f.sha256()).toList());
            before.ifPresent(b -> detail.put("previousVersion", b.id().toString()));
            List<Audited> audited = new ArrayList<>();
            audited.add(Audited.by(assessor, before.isPresent() ? AuditAction.EVIDENCE_NEW_VERSION : AuditAction.EVIDENCE_ADDED,
                    detail));
            if (!items.isEmpty()) {
                audited.add(Audited.by(assessor, AuditAction.MAPPING_CONFIRMED, Map.of("evidence", id.toString(),
                        "items", items.stream().map(Claims.Item::code).toList())));
            }
            if (signatures.withdrawDeclaration(now.id(), at)) {
                audited.add(Audited.by(assessor, AuditAction.DECLARATION_WITHDRAWN, Map.of("reason", "evidence changed")));
            }
            changes.finish(now, audited, progress -> new EvidenceSubmitted(progress, id));
            return id;
        });
    }

    private static Piece piece(Evidence e) {
        return new Piece(e.id(), e.learnerUnitId(), e.version(), e.current(), e.title(), e.occasionDate(),
                e.methodList().stream().map(AssessmentMethod::label).toList(),
                e.mappings().stream().filter(m -> m.status() != MappingStatus.REJECTED).map(Evidence.Mapping::code).toList());
    }
}
