/**
 * The documents a centre files, as PDF: the shared renderer and each learner's unit recording form
 * (docs/recording-documents.md).
 * <p><b>API</b>: {@link org.attest.tool.documents.Pdfs}, which renders a print template ({@code templates/documents/})
 * with its model to a tagged, archival PDF (PDF/UA-1 and PDF/A-3a, DejaVu Sans embedded) streamed to an output
 * stream, loading nothing from outside the tool; the other record types (action plans, observation records,
 * assessment reports, witness records) render through it.
 * <p><b>Inside</b>: {@code internal} builds the unit recording form from what the portfolio
 * ({@code portfolio.UnitRecords}) and quality assurance ({@code quality.UnitVerifications}) answer; {@code web} serves
 * {@code GET /s/{token}/portfolio/{id}/recording-form.pdf}.
 */
package org.attest.tool.documents;
