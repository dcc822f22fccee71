/** The course roster as last read from the LMS (NRPS), stored per course, with when and how it was read. */
package org.attest.tool.gradebook.rosters;
