/**
 * Score delivery: portfolio events become scores in the unit's grade column (the event carries every
 * fact the score needs), flagged as each LMS family reads them, queued in the outbox and sent by every
 * replica's senders with retries, re-stamping and backoff; and the score queues as an administrator
 * sees and resends them.
 */
package org.attest.tool.gradebook.scores;
