/**
 * The LMS gradebook and roster, seen from Attest: what Attest sends to the LMS (each learner's unit
 * progress as a score in the unit's grade column, from the portfolio's events, which carry every fact
 * a score needs) and what it reads back (assessment tasks whose grades meet criteria, recorded in the
 * portfolio as outside outcomes; the course roster for the caseload).
 *
 * <p><b>API</b>: none. No other module calls the gradebook: it listens to the portfolio's events
 * ({@code EvidenceSubmitted}, {@code DecisionRecorded}, {@code UnitSignedOff}) and to {@code lti}'s
 * {@code LaunchAccepted}, calls the portfolio's and {@code lti}'s APIs, and serves its own pages. So
 * this package holds no types, only its sub-packages:
 * <ul>
 * <li>{@code lms}: the LTI Advantage clients and their tokens (AGS with its {@code Score}, NRPS), paged
 * calls and their errors, and the service endpoints each launch offers;</li>
 * <li>{@code rosters}: the course roster read from the LMS and stored per course, refreshed after an
 * instructor's launch;</li>
 * <li>{@code tasks}: assessment tasks placed by Deep Linking, the grade pull and what a grade means, and
 * the gradebook's one access policy ({@code GradebookAccess});</li>
 * <li>{@code scores}: from portfolio events to delivered scores, through the outbox, and the score queues
 * an administrator sees;</li>
 * <li>{@code web}: the gradebook's pages (assessment tasks, the admin page of score queues).</li>
 * </ul>
 */
package org.attest.tool.gradebook;
