/**
 * The portfolio's inside, not for other modules: the {@link org.attest.tool.portfolio.internal.LearnerPortfolio}
 * aggregate, whose methods hold the rules and return the changes to make; the completion engine
 * ({@link org.attest.tool.portfolio.internal.Completion}); and one store per table family, which alone
 * holds that family's SQL (learner units, evidence with its files and mappings, decisions, signatures,
 * unit bindings, assessors' status).
 */
package org.attest.tool.portfolio.internal;
