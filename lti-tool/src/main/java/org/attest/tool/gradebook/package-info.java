/**
 * The LMS gradebook and roster, seen from Attest: what Attest sends to the LMS (each learner's unit
 * progress as a score in the unit's grade column, from the portfolio's events, which carry every fact
 * a score needs) and what it reads back (assessment tasks whose grades meet criteria, recorded in the
 * portfolio as outside outcomes; the course roster for the caseload).
 *
 * <p>Other modules use only the types in this package: {@link org.attest.tool.gradebook.AssessmentTasks}
 * and {@link org.attest.tool.gradebook.AssessmentTask} (tasks placed by Deep Linking),
 * {@link org.attest.tool.gradebook.GradebookGrades} (reading a task's grades),
 * {@link org.attest.tool.gradebook.CourseRosters}, {@link org.attest.tool.gradebook.CourseMember},
 * {@link org.attest.tool.gradebook.RosterSync} and {@link org.attest.tool.gradebook.RosterRefreshOnLaunch}
 * (the course roster), and {@link org.attest.tool.gradebook.ScoreOutbox},
 * {@link org.attest.tool.gradebook.QueuedScore} and {@link org.attest.tool.gradebook.Score} (the queue of
 * scores, for the admin page). Inside: {@code lms} (the LTI Advantage clients and their tokens),
 * {@code rosters} (the stored roster), {@code tasks} (the grade pull and what a grade means) and
 * {@code scores} (from portfolio events to delivered scores).
 */
package org.attest.tool.gradebook;
