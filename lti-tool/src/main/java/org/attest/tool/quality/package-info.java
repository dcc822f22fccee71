/**
 * Internal and external quality assurance of assessment (docs/quality-assurance.md): the centre's internal quality
 * assurers (IQAs) and lead IQAs, sampling plans built on CAMERA, the IQA's decision on each sampled learner unit
 * (agree, or not agree with reasons per criterion, feedback and action points for the assessor), the IQA's
 * observations of assessors' practice (interim sampling, with their action points), what is ready for
 * the certificate claim, and external verifiers' (EQAs') access: a centre administrator's grant (on the page or
 * {@code POST /admin/api/eqa-grants}), sign-in with a one-time link and an access code, then with a passkey
 * (WebAuthn, webauthn4j) if the EQA added one, read-only pages of what the grant covers (each one recorded in the portfolio's
 * audit trail through {@code AccessRecords}), and the EQA's visit report.
 * <p><b>API</b>: {@link org.attest.tool.quality.Iqas} (whether someone is an IQA of a centre; the witnesses module
 * asks it before an IV signs a record of expert witness) and {@link org.attest.tool.quality.UnitVerifications}
 * (whether an IQA agreed with a learner unit, who, when: the unit recording form prints it). Otherwise it reads and
 * asks the portfolio through the portfolio's API
 * ({@code CentreAssessors}, and the seams the portfolio offers quality assurance) and answers the portfolio's
 * {@code Verifiers} port.
 * <p><b>Inside</b>: {@code internal} holds the use cases and one store per table family ({@code IqaPeople} for
 * {@code iqa_person}, {@code EqaGrants} for {@code eqa_grant}, {@code EqaPasskeys} for {@code eqa_passkey} and its
 * challenges, {@code EqaReports} for {@code eqa_report}, {@code AssessorObservations} for {@code assessor_observation}); {@code
 * sampling} the pure sampling engine and matrix; {@code web} the pages (the centre administrator's IQA and EQA pages
 * under {@code /s/{token}/admin/iqa} and {@code /admin/eqa}, the EQA's sign-in {@code /eqa/{link}} and
 * {@code /eqa/passkey}, and pages under {@code /s/{token}/eqa}).
 */
package org.attest.tool.quality;
