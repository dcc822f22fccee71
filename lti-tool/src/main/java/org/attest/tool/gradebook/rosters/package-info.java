/**
 * Course rosters from the LMS (NRPS): read in full or by differences, stored per course with when and
 * how they were read, refreshed in the background after an instructor's launch and when a tutor asks,
 * and shown as the caseload's roster.
 */
package org.attest.tool.gradebook.rosters;
