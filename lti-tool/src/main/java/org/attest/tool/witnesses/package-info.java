/**
 * Witnesses (issue 14): the witness status list of a learner's unit, generated from the witnesses named on the
 * learner's evidence and signed by the assessor; the one-time, expiring link through which a witness, who has no LMS
 * account, reads one statement and confirms or declines it; and the record of expert witness with the expert witness
 * statement, signed by the expert (through the link), an IQA of the centre and the candidate.
 *
 * <p><b>API</b>: none; no other module calls it. It reads and records through the portfolio's API
 * ({@code EvidenceWitnesses}, {@code LearnerUnits}, {@code PortfolioAccess}, {@code AccessRecords}) and asks quality
 * whether someone is an IQA of the centre ({@code quality.Iqas}); it prints its forms through {@code documents.Pdfs}
 * and adds them to every export of a learner unit as a {@code documents.ExportContributor}.
 *
 * <p><b>Inside</b>: {@code internal} holds the use cases and all SQL of the module's tables ({@code WitnessStatusLists}:
 * {@code witness_list_signature}; {@code WitnessLinks}: {@code witness_link}; {@code ExpertWitnesses}:
 * {@code expert_witness}), and {@code WitnessForms}/{@code WitnessPdfs}, the three forms as PDF (the status list,
 * the record of expert witness, the expert witness statement); {@code web} the assessor's pages under
 * {@code /s/{token}/witnesses}, their PDFs, and the witness's page {@code /witness/{token}}.
 */
package org.attest.tool.witnesses;
