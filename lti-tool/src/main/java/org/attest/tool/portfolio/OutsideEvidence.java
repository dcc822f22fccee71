package org.attest.tool.portfolio;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.attest.standards.AssessmentMethod;
import org.attest.standards.Criterion;
import org.attest.standards.Unit;
import org.attest.tool.portfolio.audit.AuditAction;
import org.attest.tool.portfolio.internal.Audited;
import org.attest.tool.portfolio.internal.Evidence;
import org.attest.tool.portfolio.internal.EvidenceStore;
import org.attest.tool.portfolio.internal.MappingStatus;
import org.springframework.stereotype.Component;

/**
 * The evidence an outside outcome rests on: one record per source and learner, written by Attest
 * (never by the learner), mapped to the source's criteria and confirmed while the outcome is met. An
 * outcome no longer met writes a new version whose mappings are rejected, so the portfolio shows what
 * the decisions rested on and when that changed.
 */
@Component
class OutsideEvidence {

    /** The evidence an outcome rests on, and the audit entries of what was written for it (none when nothing was). */
    record Written(UUID evidenceId, List<Audited> audited) {
    }

    private final EvidenceStore evidence;
    private final Clock clock;

    OutsideEvidence(EvidenceStore evidence, Clock clock) {
        this.evidence = evidence;
        this.clock = clock;
    }

    /** The source's current evidence in the learner's unit. */
    Optional<Evidence> current(LearnerUnit unit, OutsideOutcome.Source source) {
        return evidence.outsideEvidence(unit.id(), source.id());
    }

    /** Every version of the source's evidence in the learner's unit, for finding the decisions that rest on it. */
    Set<UUID> versions(LearnerUnit unit, OutsideOutcome.Source source) {
        return evidence.outsideEvidenceVersions(unit.id(), source.id());
    }

    /**
     * The evidence a met outcome rests on: the source's {@code current} version when it already confirms every
     * criterion, else a new one.
     */
    Written recordMet(OutsideOutcome outcome, LearnerUnit unit, Unit model, List<Criterion> criteria, Optional<Evidence> current) {
        if (current.isPresent() && criteria.stream().allMatch(c -> current.get().mappings().stream()
                .anyMatch(m -> m.itemId().equals(c.id()) && m.status() == MappingStatus.CONFIRMED))) {
            return new Written(current.get().id(), List.of()); // a changed outcome that is still met leaves the recorded one as it is
        }
        Map<UUID, String> items = new LinkedHashMap<>();
        criteria.forEach(c -> items.put(c.id(), c.code()));
        return write(outcome, unit, model, current, items, MappingStatus.CONFIRMED);
    }

    /**
     * A new version that no longer supports any criterion, when the current one still does: its audit entries; none when
     * there was nothing to withdraw.
     */
    List<Audited> recordNoLongerMet(OutsideOutcome outcome, LearnerUnit unit, Unit model, Evidence current) {
        if (current.mappings().stream().noneMatch(m -> m.status() == MappingStatus.CONFIRMED)) {
            return List.of();
        }
        Map<UUID, String> items = new LinkedHashMap<>();
        current.mappings().forEach(m -> items.put(m.itemId(), m.code()));
        return write(outcome, unit, model, Optional.of(current), items, MappingStatus.REJECTED).audited();
    }

    private Written write(OutsideOutcome outcome, LearnerUnit unit, Unit model, Optional<Evidence> previous,
            Map<UUID, String> items, MappingStatus status) {
        OutsideOutcome.Source source = outcome.source();
        String title = shortened(outcome.account().title(), 200);
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        UUID lineage = previous.map(Evidence::lineageId).orElse(id);
        int version = previous.map(e -> e.version() + 1).orElse(1);
        evidence.insertOutside(id, unit.id(), lineage, version, previous.map(Evidence::id), title, outcome.account().text(),
                occasion(outcome.account().occurredAt(), now), Set.of(method(model)), source.id(), source.deciderSubject(),
                source.deciderName(), items, status, now);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("evidence", id.toString());
        detail.put("version", version);
        detail.put("title", title);
        detail.put("source", source.kind().name());
        detail.putAll(source.auditDetail());
        previous.ifPresent(p -> detail.put("previousVersion", p.id().toString()));
        return new Written(id, List.of(
                new Audited(source.deciderSubject(), source.deciderName(),
                        previous.isPresent() ? AuditAction.EVIDENCE_NEW_VERSION : AuditAction.EVIDENCE_ADDED, detail),
                new Audited(source.deciderSubject(), source.deciderName(),
                        status == MappingStatus.CONFIRMED ? AuditAction.MAPPING_CONFIRMED : AuditAction.MAPPING_REJECTED,
                        Map.of("evidence", id.toString(), "items", List.copyOf(items.values()), "source", source.kind().name()))));
    }

    /** Outside work such as a graded assignment: "Projects and assignments" when the unit's key lists it, else product evidence. */
    private static AssessmentMethod method(Unit unit) {
        return unit.methods().contains(AssessmentMethod.PROJECTS_AND_ASSIGNMENTS) ? AssessmentMethod.PROJECTS_AND_ASSIGNMENTS
                : AssessmentMethod.PRODUCT_EVIDENCE;
    }

    /** The day the outcome was reached; an evidence date is never in the future. */
    private static LocalDate occasion(Instant occurredAt, Instant now) {
        Instant day = occurredAt == null || occurredAt.isAfter(now) ? now : occurredAt;
        return LocalDate.ofInstant(day, ZoneOffset.UTC);
    }

    private static String shortened(String text, int limit) {
        return text.length() <= limit ? text : text.substring(0, limit - 1) + "…";
    }
}
