/**
 * The inside of {@code lti}, not for other modules: what only the admin pages ({@code lti.web}) use (the operator's
 * setup link, the tool's configuration for LMSs, the tool-key and service-origin administration, a reviewed change of a
 * platform's endpoints), and the stores behind them and the launch (sessions, one-time tokens, service origins, and
 * the secret tokens whose hashes they keep).
 */
package org.attest.tool.lti.internal;
