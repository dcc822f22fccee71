/**
 * The IQA sampling engine and the sampling matrix, as pure functions: no Spring, no database.
 *
 * <p>{@link org.attest.tool.quality.sampling.Sampling#propose} turns the plan's
 * {@link org.attest.tool.quality.sampling.SamplingRules} and the live caseload (one
 * {@link org.attest.tool.quality.sampling.Candidate} per learner unit) into a
 * {@link org.attest.tool.quality.sampling.Proposal}: reproducible from its seed whatever the input order, every
 * pick with its reasons in plain words, and what the rules could not meet. CAMERA: candidates are spread across
 * employers, sites and start quarters, assessors are sampled by risk (trainee and new assessors 100 %, others at
 * the base rate, raised after a disagreement), and every method an assessor's units use appears in their sample.
 * {@link org.attest.tool.quality.sampling.SamplingMatrix#of} shows assessor × unit × method coverage and the gaps
 * in words, shaped for a template to print without logic.
 * {@link org.attest.tool.quality.sampling.ObservationCoverage#of} says whether an interim plan has observed each
 * assessor's practice, and the gaps (trainee and new assessors in every plan, others once a year).
 */
package org.attest.tool.quality.sampling;
