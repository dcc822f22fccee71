/**
 * Internal and external quality assurance of assessment (docs/quality-assurance.md): the centre's internal quality
 * assurers (IQAs) and lead IQAs, sampling plans built on CAMERA, the IQA's decision on each sampled learner unit
 * (agree, or not agree with reasons per criterion, feedback and action points for the assessor), and what is ready
 * for the certificate claim.
 * <p><b>API</b>: none. No other module calls this one; it reads and asks the portfolio through the portfolio's API
 * ({@code CentreAssessors}, and the seams the portfolio offers quality assurance) and answers the portfolio's
 * {@code Verifiers} port.
 * <p><b>Inside</b>: {@code internal} holds the use cases and one store per table family ({@code IqaPeople} for
 * {@code iqa_person}); {@code sampling} the pure sampling engine and matrix; {@code web} the pages (the centre
 * administrator's IQA page under {@code /s/{token}/admin/iqa}).
 */
package org.attest.tool.quality;
