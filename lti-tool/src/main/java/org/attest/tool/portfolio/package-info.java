/**
 * The learner's portfolio: the evidence a learner records for a unit of their qualification, the
 * assessor's review and decisions on it, the signatures that close the unit (declaration, sign-off,
 * countersignature), whether the unit is complete, and the hash-chained audit trail of every change.
 *
 * <p><b>API</b> (this package; other modules use nothing else): the use cases they call ({@link
 * org.attest.tool.portfolio.LearnerUnits}, {@link org.attest.tool.portfolio.UnitBindings}, {@link
 * org.attest.tool.portfolio.OutsideOutcomes}, and {@link org.attest.tool.portfolio.AccessRecords}, which puts what
 * external verifiers open and do into the audit trail), the values those take and return ({@link
 * org.attest.tool.portfolio.Course}, {@link org.attest.tool.portfolio.LearnerUnit}, {@link
 * org.attest.tool.portfolio.UnitBinding}, {@link org.attest.tool.portfolio.OutsideOutcome}, {@link
 * org.attest.tool.portfolio.AssessmentDecision}), the one access policy ({@link
 * org.attest.tool.portfolio.PortfolioAccess}) and its refusal ({@link org.attest.tool.portfolio.PortfolioRefused}),
 * the events that carry where a learner's unit stands ({@link org.attest.tool.portfolio.EvidenceSubmitted},
 * {@link org.attest.tool.portfolio.DecisionRecorded}, {@link org.attest.tool.portfolio.UnitSignedOff}, {@link
 * org.attest.tool.portfolio.QualityHoldChanged}, each with a {@link org.attest.tool.portfolio.UnitProgress}), the two
 * ports the portfolio asks the gradebook through ({@link org.attest.tool.portfolio.CourseRoster}, {@link
 * org.attest.tool.portfolio.LaunchedTasks}), and what internal quality assurance needs: the port {@link
 * org.attest.tool.portfolio.Verifiers} (who may read a unit to verify it), the use case {@link
 * org.attest.tool.portfolio.QualityHolds} and the read {@link org.attest.tool.portfolio.SamplingCandidates} (with
 * {@link org.attest.tool.portfolio.UnitForSampling}); for the witnesses module (issue 14) the read-and-confirm seam
 * {@link org.attest.tool.portfolio.EvidenceWitnesses} (the witnesses on a learner's evidence, and a witness's own
 * confirmation recorded on the evidence version it confirms); and for the recording documents the read {@link
 * org.attest.tool.portfolio.UnitRecords} (a learner unit as its recording form prints it, {@link
 * org.attest.tool.portfolio.UnitRecord}); and for the assessor's recording documents (the records module)
 * {@link org.attest.tool.portfolio.AssessorEvidence} (a unit's items and evidence, and the evidence a signed observation
 * or questioning record writes, with mappings the assessor confirms) and {@code AccessRecords.onUnit} (their audit entries).
 * Package-private beside them: {@code UnitLinks} (answers lti's {@code CourseLinks.Units} at launch) and
 * {@code OutsideEvidence} (the evidence an outside outcome rests on).
 *
 * <p><b>Inside</b>: {@code internal} holds the use cases the module's own pages call ({@code EvidenceRecords},
 * {@code Assessment}, {@code AssessmentQueues}, {@code Assessors}, {@code FrameworkUpgrades}), the rules (the
 * {@code LearnerPortfolio} aggregate, and the completion engine {@code Completion}, pure), and one store per
 * table family ({@code *Store}), which alone holds that family's SQL; {@code internal.files} receives and keeps
 * uploads; {@code audit} is the hash-chained audit trail and its verification; {@code web} holds the learner's
 * and assessor's pages.
 *
 * <p><b>Transactions</b>: one way throughout the module. Every use case that changes a portfolio runs in {@code
 * PortfolioChanges.inTransaction} (a {@code TransactionTemplate}; it joins the caller's transaction if there is
 * one) and ends with {@code PortfolioChanges.finish} (audited, counted, announced) in that transaction; reads, and
 * the single-row writes of {@code Assessors}, need none. No class of the module uses {@code @Transactional};
 * {@code AuditTrail.append} opens no transaction of its own and refuses to run outside one.
 */
package org.attest.tool.portfolio;
