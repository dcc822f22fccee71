/**
 * The LMS's LTI Advantage services as Attest calls them: service access tokens (client credentials
 * with a signed assertion), Assignment and Grade Services (columns, scores, results), Names and Role
 * Provisioning Services (the roster), paged calls and their errors, and the service endpoints each
 * launch offers for its activity.
 */
package org.attest.tool.gradebook.lms;
