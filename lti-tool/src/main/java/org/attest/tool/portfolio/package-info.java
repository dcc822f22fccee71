/**
 * The learner's portfolio: the evidence a learner records for a unit of their qualification, the
 * assessor's review and decisions on it, the signatures that close the unit (declaration, sign-off,
 * countersignature), whether the unit is complete, and the hash-chained audit trail of every change.
 *
 * <p><b>API</b> (this package): the use cases other modules and the pages call ({@link
 * org.attest.tool.portfolio.LearnerUnits}, {@link org.attest.tool.portfolio.EvidenceRecords}, {@link
 * org.attest.tool.portfolio.Assessment}, {@link org.attest.tool.portfolio.AssessmentQueues}, {@link
 * org.attest.tool.portfolio.UnitBindings}, {@link org.attest.tool.portfolio.Assessors}, {@link
 * org.attest.tool.portfolio.AuditTrail}), the records they return, the one access policy ({@link
 * org.attest.tool.portfolio.PortfolioAccess}), and the events that carry where a learner's unit stands
 * ({@link org.attest.tool.portfolio.EvidenceSubmitted}, {@link org.attest.tool.portfolio.DecisionRecorded},
 * {@link org.attest.tool.portfolio.UnitSignedOff}).
 *
 * <p><b>Inside</b>: the rules are the {@code LearnerPortfolio} aggregate's and the completion engine's
 * ({@code internal.Completion}, pure); each table family's SQL is its store's ({@code internal.*Store});
 * every change is finished by {@code PortfolioChanges} (audited, counted, announced) in one transaction;
 * uploads are received and kept by {@code internal.files}.
 */
package org.attest.tool.portfolio;
