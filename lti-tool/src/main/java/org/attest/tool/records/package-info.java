/**
 * The assessor's recording documents (Appendix 2 of the awarding body's recording documentation;
 * docs/recording-documents.md "Assessor's records"): assessment action plans, observation records, assessment reports
 * and action plans with feedback to the candidate, each a signed, versioned record about one learner's unit.
 *
 * <p><b>API</b>: none. No other module calls this one; it reads and writes the portfolio only through the portfolio's
 * API ({@code LearnerUnits.visible}, {@code PortfolioAccess}, {@code AssessorEvidence} for the evidence an observation or
 * questioning record writes, {@code AccessRecords.onUnit} for the audit trail); it prints its records through
 * {@code documents.Pdfs} and adds them to every export of a learner unit as a {@code documents.ExportContributor}.
 * <p><b>Inside</b>: {@code internal} holds the use cases ({@code AssessorRecords}), the pure rules ({@code RecordRules}:
 * what each form needs, who signs it, the typed name) and the store ({@code RecordStore}, all SQL of
 * {@code assessor_record}, {@code record_signature} and {@code plan_evidence}), the printed record ({@code RecordPrint},
 * {@code RecordPdfs}, templates under {@code templates/documents/records/}); {@code web} the pages under
 * {@code /s/{token}/records}, with each record's PDF at {@code /s/{token}/records/{id}/record.pdf}.
 */
package org.attest.tool.records;
