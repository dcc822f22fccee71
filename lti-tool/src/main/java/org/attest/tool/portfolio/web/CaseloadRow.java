package org.attest.tool.portfolio.web;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.attest.tool.portfolio.CourseRoster;
import org.attest.tool.portfolio.LearnerUnit;
import org.attest.tool.portfolio.UnitBinding;

/**
 * One row of the caseload: a unit a learner has opened, or a learner on the LMS roster who has not
 * opened a unit of the course yet.
 *
 * @param learnerUnit the learner's portfolio for the unit; null when they have not opened it
 * @param email from the LMS roster, when it shares one
 * @param unitCode null for a roster learner in a course with no unit placed yet
 * @param leftCourse the LMS lists the learner as inactive or no longer lists them
 */
record CaseloadRow(LearnerUnit learnerUnit, String learnerName, String email, String unitCode, boolean leftCourse) {

    public boolean notStarted() {
        return learnerUnit == null;
    }

    /**
     * The units learners opened, in the order given; then, by name, each active learner on the
     * roster for each unit in view they have not opened.
     *
     * @param roster everyone on the course's roster, including who left
     * @param unitsInView the course's units, or the one the caseload is filtered to
     * @param filtered whether the caseload shows one unit
     */
    static List<CaseloadRow> of(List<LearnerUnit> opened, List<CourseRoster.Member> roster, List<UnitBinding> unitsInView,
            boolean filtered) {
        Map<String, CourseRoster.Member> bySubject = roster.stream()
                .collect(Collectors.toMap(CourseRoster.Member::subject, Function.identity(), (a, b) -> a));
        List<CaseloadRow> rows = new ArrayList<>();
        Set<String> started = new HashSet<>();
        Set<String> launched = new HashSet<>();
        for (LearnerUnit u : opened) {
            CourseRoster.Member member = bySubject.get(u.learnerSubject());
            rows.add(new CaseloadRow(u, u.learnerName(), member == null ? null : member.email(), u.unitCode(),
                    member != null && !member.active()));
            started.add(key(u.learnerSubject(), u.frameworkId() + ":" + u.unitCode()));
            launched.add(u.learnerSubject());
        }
        // A unit placed in several activities is one unit to start.
        Map<String, String> units = new LinkedHashMap<>();
        unitsInView.forEach(u -> units.putIfAbsent(u.frameworkId() + ":" + u.unitCode(), u.unitCode()));
        for (CourseRoster.Member m : roster) {
            if (!m.learner() || !m.active()) {
                continue;
            }
            if (units.isEmpty() && !filtered && !launched.contains(m.subject())) {
                rows.add(new CaseloadRow(null, m.displayName(), m.email(), null, false));
            }
            for (Map.Entry<String, String> unit : units.entrySet()) {
                if (!started.contains(key(m.subject(), unit.getKey()))) {
                    rows.add(new CaseloadRow(null, m.displayName(), m.email(), unit.getValue(), false));
                }
            }
        }
        return rows;
    }

    private static String key(String subject, String unit) {
        return subject + "\n" + unit;
    }
}
