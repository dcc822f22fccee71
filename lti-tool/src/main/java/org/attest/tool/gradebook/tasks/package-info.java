/**
 * Assessment tasks and the grade pull: tasks a tutor places by Deep Linking, when each task's grades are
 * read and by which replica, the last grade seen per learner, the task's grade column, and what a grade
 * means for the learner's portfolio (recorded there as an outside outcome; the portfolio is never asked
 * what happened). Also the gradebook's one access policy, {@code GradebookAccess}, for its pages and
 * services alike.
 */
package org.attest.tool.gradebook.tasks;
