package org.attest.tool.portfolio.internal;

import java.time.Clock;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.attest.tool.portfolio.LearnerUnit;
import org.attest.tool.portfolio.UnitBinding;
import org.attest.tool.portfolio.UnitProgress;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one way a change to a learner's portfolio is made: in a transaction, and finished by
 * {@link #finish}, which audits it, recomputes the counts the row keeps and announces where the unit now
 * stands. Every use case calls {@link #finish} once, after its writes, so none can forget a step.
 */
@Component
public class PortfolioChanges {

    private final TransactionTemplate transaction;
    private final PortfolioAudit audit;
    private final LearnerPortfolios portfolios;
    private final LearnerUnitStore learnerUnits;
    private final EvidenceStore evidence;
    private final UnitBindingStore bindings;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    PortfolioChanges(TransactionTemplate transaction, PortfolioAudit audit, LearnerPortfolios portfolios,
            LearnerUnitStore learnerUnits, EvidenceStore evidence, UnitBindingStore bindings, ApplicationEventPublisher events,
            Clock clock) {
        this.transaction = transaction;
        this.audit = audit;
        this.portfolios = portfolios;
        this.learnerUnits = learnerUnits;
        this.evidence = evidence;
        this.bindings = bindings;
        this.events = events;
        this.clock = clock;
    }

    /** Runs a use case in one transaction (joining the caller's, if there is one). */
    public <T> T inTransaction(Supplier<T> work) {
        return transaction.execute(tx -> work.get());
    }

    public void inTransaction(Runnable work) {
        transaction.executeWithoutResult(tx -> work.run());
    }

    /**
     * Finishes a change to the learner's unit, in its transaction: appends its audit entries, recomputes the
     * counts and completion the row keeps, and publishes the event {@code announce} makes of where the unit now
     * stands (none when it returns null, or when {@code announce} is null). {@code unit} is the row as it stands in
     * this transaction: its framework version is the one the counts are computed against. Returns where the unit now
     * stands.
     */
    public UnitProgress finish(LearnerUnit unit, List<Audited> audited, Function<UnitProgress, ?> announce) {
        for (Audited a : audited) {
            audit.record(a.actorSubject(), a.actorName(), unit, a.action(), a.detail());
        }
        UnitProgress progress = refresh(unit);
        Object event = announce == null ? null : announce.apply(progress);
        if (event != null) {
            events.publishEvent(event);
        }
        return progress;
    }

    private UnitProgress refresh(LearnerUnit unit) {
        LearnerUnitStore.Counts counts = portfolios.of(unit).counts();
        evidence.refreshToMark(unit.id());
        learnerUnits.saveCounts(unit.id(), counts, clock.instant());
        List<String> columns = bindings.inCourse(unit.course()).stream()
                .filter(b -> b.frameworkId().equals(unit.frameworkId()) && b.unitCode().equals(unit.unitCode()))
                .map(UnitBinding::resourceLinkId)
                .toList();
        return new UnitProgress(unit.id(), unit.course(), unit.learnerSubject(), unit.frameworkId(), unit.unitCode(),
                counts.criteriaMet(), counts.criteriaTotal(), counts.awaitingReview(), counts.complete(), columns);
    }
}
