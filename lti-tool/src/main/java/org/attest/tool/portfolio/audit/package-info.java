/**
 * The portfolio's append-only, hash-chained audit trail: {@link org.attest.tool.portfolio.audit.AuditTrail}
 * appends an entry in the transaction of the change it records, reads a subject's entries back, and verifies
 * the chain (the hash format is in its Javadoc); {@link org.attest.tool.portfolio.audit.AuditAction} names
 * what can be recorded. {@code java -jar attest.jar --attest.audit.verify} runs the check as a one-shot
 * command ({@code AuditVerificationCommand}, {@code AuditVerificationRunner}). Internal to the portfolio module.
 */
package org.attest.tool.portfolio.audit;
