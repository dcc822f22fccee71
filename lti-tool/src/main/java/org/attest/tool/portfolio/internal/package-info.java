/**
 * The portfolio's inside, not for other modules (they use the base package only).
 *
 * <ul>
 * <li>The use cases the module's own pages call: {@link org.attest.tool.portfolio.internal.EvidenceRecords}
 * (the learner's evidence and its mappings), {@link org.attest.tool.portfolio.internal.Assessment} (review,
 * decisions, signatures), {@link org.attest.tool.portfolio.internal.AssessmentQueues} (the assessor's work
 * lists), {@link org.attest.tool.portfolio.internal.Assessors} (qualified status), and
 * {@link org.attest.tool.portfolio.internal.FrameworkUpgrades} (learners moved to a new framework version).
 * Each use case runs in {@link org.attest.tool.portfolio.internal.PortfolioChanges#inTransaction} and ends with
 * {@link org.attest.tool.portfolio.internal.PortfolioChanges#finish}, which audits, counts and announces.</li>
 * <li>The rules: the {@link org.attest.tool.portfolio.internal.LearnerPortfolio} aggregate, whose methods
 * return the changes to make, and the completion engine ({@link org.attest.tool.portfolio.internal.Completion},
 * pure).</li>
 * <li>One store per table family, which alone holds that family's SQL (learner units, evidence with its files
 * and mappings, decisions, signatures, unit bindings, assessors' status), and the values they read
 * ({@link org.attest.tool.portfolio.internal.Evidence}, ...).</li>
 * </ul>
 */
package org.attest.tool.portfolio.internal;
