package org.attest.tool.portfolio.internal;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.attest.standards.AssessmentMethod;
import org.attest.standards.Criterion;
import org.attest.standards.CriterionKind;
import org.attest.standards.RangeItem;
import org.attest.standards.Unit;
import org.attest.tool.portfolio.internal.PortfolioSnapshot.DecisionFacts;
import org.attest.tool.portfolio.internal.PortfolioSnapshot.EvidenceFacts;
import org.attest.tool.portfolio.internal.PortfolioSnapshot.Signatures;

/**
 * Builds portfolio snapshots for a unit in the words assessors use: evidence by title, criteria and
 * range items by their printed codes ("224.1.1", "1a"). Calling {@link #evidence} or
 * {@link #decision} again with the same title or code returns the same part, so a test can start
 * from {@link #complete} and change the one thing it is about.
 */
final class SnapshotBuilder {

    static final LocalDate FIRST_OCCASION = LocalDate.of(2026, 3, 2);

    private final Unit unit;
    private final Map<String, EvidenceBuilder> evidence = new LinkedHashMap<>();
    private final Map<String, DecisionBuilder> decisions = new LinkedHashMap<>();
    private boolean learnerDeclared;
    private boolean assessorSignedOff;
    private boolean signOffByUnqualified;
    private boolean signOffCountersigned;
    private String qualityHoldReason;

    private SnapshotBuilder(Unit unit) {
        this.unit = unit;
    }

    static SnapshotBuilder forUnit(Unit unit) {
        return new SnapshotBuilder(unit);
    }

    /**
     * A portfolio that meets every rule: for a unit with performance criteria, two pieces of real
     * work ("observation 1" and "observation 2") on different days with different customers, each
     * confirmed for every criterion and range item; otherwise one piece ("assignment"). Every
     * criterion decided MET, declaration signed, unit signed off by a qualified assessor.
     */
    static SnapshotBuilder complete(Unit unit) {
        SnapshotBuilder b = forUnit(unit);
        String[] everything = Stream.concat(unit.criteria().map(Criterion::code), unit.rangeItems().map(RangeItem::code))
                .toArray(String[]::new);
        if (unit.criteria().anyMatch(c -> c.kind() == CriterionKind.PERFORMANCE)) {
            b.evidence("observation 1").on(FIRST_OCCASION).customer("customer A").confirms(everything);
            b.evidence("observation 2").on(FIRST_OCCASION.plusDays(7)).customer("customer B").confirms(everything);
        } else {
            b.evidence("assignment").on(FIRST_OCCASION).confirms(everything);
        }
        unit.criteria().forEach(c -> b.decision(c.code()).met());
        return b.declared().signedOff();
    }

    EvidenceBuilder evidence(String title) {
        return evidence.computeIfAbsent(title, EvidenceBuilder::new);
    }

    DecisionBuilder decision(String criterionCode) {
        return decisions.computeIfAbsent(criterionCode, code -> new DecisionBuilder(criterionId(code)));
    }

    SnapshotBuilder withoutDecision(String criterionCode) {
        decisions.remove(criterionCode);
        return this;
    }

    SnapshotBuilder withoutEvidence(String title) {
        evidence.remove(title);
        return this;
    }

    SnapshotBuilder declared() {
        learnerDeclared = true;
        return this;
    }

    SnapshotBuilder notDeclared() {
        learnerDeclared = false;
        return this;
    }

    SnapshotBuilder signedOff() {
        assessorSignedOff = true;
        return this;
    }

    SnapshotBuilder notSignedOff() {
        assessorSignedOff = false;
        return this;
    }

    /** The sign-off is by an unqualified assessor; nobody has countersigned it yet. */
    SnapshotBuilder signedOffByUnqualified() {
        assessorSignedOff = true;
        signOffByUnqualified = true;
        signOffCountersigned = false;
        return this;
    }

    /** An internal verifier holds the unit for the reason given. */
    SnapshotBuilder heldBecause(String reason) {
        qualityHoldReason = reason;
        return this;
    }

    SnapshotBuilder signOffCountersigned() {
        signOffCountersigned = true;
        return this;
    }

    /** The id of a piece of evidence added with {@link #evidence}. */
    UUID evidenceId(String title) {
        return UUID.nameUUIDFromBytes(("evidence:" + title).getBytes(StandardCharsets.UTF_8));
    }

    PortfolioSnapshot build() {
        return new PortfolioSnapshot(
                evidence.values().stream().map(EvidenceBuilder::build).toList(),
                decisions.values().stream().map(DecisionBuilder::build).toList(),
                new Signatures(learnerDeclared, assessorSignedOff, signOffByUnqualified, signOffCountersigned),
                qualityHoldReason);
    }

    private UUID criterionId(String code) {
        return unit.criterion(code).map(Criterion::id)
                .orElseThrow(() -> new IllegalArgumentException("unit " + unit.code() + " has no criterion " + code));
    }

    private UUID itemId(String code) {
        return unit.criterion(code).map(Criterion::id)
                .or(() -> unit.rangeItems().filter(r -> r.code().equals(code)).map(RangeItem::id).findFirst())
                .orElseThrow(() -> new IllegalArgumentException(
                        "unit " + unit.code() + " has no criterion or range item " + code));
    }

    final class EvidenceBuilder {
        private final String title;
        private LocalDate occasion = FIRST_OCCASION;
        private String customer;
        private boolean simulated;
        private final Map<UUID, MappingStatus> mappings = new HashMap<>();

        private EvidenceBuilder(String title) {
            this.title = title;
        }

        EvidenceBuilder on(LocalDate date) {
            occasion = date;
            return this;
        }

        EvidenceBuilder customer(String reference) {
            customer = reference;
            return this;
        }

        EvidenceBuilder simulated() {
            simulated = true;
            return this;
        }

        EvidenceBuilder confirms(String... codes) {
            return mapped(MappingStatus.CONFIRMED, codes);
        }

        EvidenceBuilder claims(String... codes) {
            return mapped(MappingStatus.CLAIMED, codes);
        }

        EvidenceBuilder rejects(String... codes) {
            return mapped(MappingStatus.REJECTED, codes);
        }

        EvidenceBuilder unmaps(String... codes) {
            Arrays.stream(codes).map(SnapshotBuilder.this::itemId).forEach(mappings::remove);
            return this;
        }

        EvidenceBuilder mapped(MappingStatus status, String... codes) {
            Arrays.stream(codes).forEach(code -> mappings.put(itemId(code), status));
            return this;
        }

        private EvidenceFacts build() {
            return new EvidenceFacts(evidenceId(title), title, occasion, customer, simulated,
                    Set.of(AssessmentMethod.OBSERVATION), mappings);
        }
    }

    final class DecisionBuilder {
        private final UUID criterionId;
        private Outcome outcome = Outcome.MET;
        private boolean countersignatureNeeded;
        private boolean countersigned;
        private boolean needsReview;
        private String verifierDisagreed;
        private final Set<String> reliedOn = new HashSet<>();

        private DecisionBuilder(UUID criterionId) {
            this.criterionId = criterionId;
        }

        DecisionBuilder met() {
            outcome = Outcome.MET;
            return this;
        }

        DecisionBuilder notYet() {
            outcome = Outcome.NOT_YET;
            return this;
        }

        /** The assessor names the evidence the decision rests on; without this, any assessed evidence counts. */
        DecisionBuilder reliesOn(String... titles) {
            reliedOn.addAll(List.of(titles));
            return this;
        }

        /** Made by an unqualified assessor; not yet countersigned. */
        DecisionBuilder byUnqualifiedAssessor() {
            countersignatureNeeded = true;
            countersigned = false;
            return this;
        }

        DecisionBuilder countersigned() {
            countersigned = true;
            return this;
        }

        DecisionBuilder needsReview() {
            needsReview = true;
            return this;
        }

        /** The internal verifier did not agree with the decision, for the reason given. */
        DecisionBuilder verifierDisagreed(String reason) {
            verifierDisagreed = reason;
            return this;
        }

        private DecisionFacts build() {
            return new DecisionFacts(criterionId, outcome, countersignatureNeeded, countersigned, needsReview,
                    reliedOn.stream().map(SnapshotBuilder.this::evidenceId).collect(Collectors.toSet()), verifierDisagreed);
        }
    }
}
