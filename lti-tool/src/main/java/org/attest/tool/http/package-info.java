/**
 * The front door, in front of every other module: the client's address (from {@code X-Forwarded-For}
 * only behind a trusted proxy), rate limits on the endpoints anyone may call without signing in, the
 * largest request body Attest reads, and the pages that say why a request was turned away.
 */
package org.attest.tool.http;
