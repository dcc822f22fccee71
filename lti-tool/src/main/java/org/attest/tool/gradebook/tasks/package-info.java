/**
 * The grade pull of assessment tasks: when each task's grades are read and by which replica, the last
 * grade seen per learner, the task's grade column, and what a grade means for the learner's portfolio
 * (recorded there as an outside outcome; the portfolio is never asked what happened).
 */
package org.attest.tool.gradebook.tasks;
