package org.attest.sandbox;

import java.util.List;
import java.util.Optional;

/**
 * The sandbox's one course and its people, fixed so that every launch is reproducible: a learner,
 * an assessor, a trainee assessor (whose decisions need countersigning), an internal verifier and a
 * centre administrator, with the LTI roles a real LMS would send for them; and two learners who are
 * enrolled but never open the tool (no launch buttons), so Attest's caseload shows learners it only
 * knows from the roster (NRPS). Each learner has an employer and an assessment site, which their launches carry in
 * the custom parameters {@code employer} and {@code site} (as an LMS would from the course's or activity's custom
 * parameters), so Attest's sampling plans can spread across employers and sites.
 */
record SandboxCourse(String id, String label, String title, String type, List<Member> members) {

    static final String LIS = "http://purl.imsglobal.org/vocab/lis/v2/";
    static final String LEARNER = LIS + "membership#Learner";
    static final String INSTRUCTOR = LIS + "membership#Instructor";
    static final String ADMINISTRATOR = LIS + "institution/person#Administrator";

    static final SandboxCourse CUSTOMER_SERVICE = new SandboxCourse("cs-l2", "CS-L2", "Customer Service Level 2",
            LIS + "course#CourseSection", List.of(
                    new Member("sam", "Sam", "Student", "sam.student@example.com", List.of(LEARNER), "Learner", null, true,
                            "Greggs", "Leeds Kirkgate"),
                    new Member("alex", "Alex", "Assessor", "alex.assessor@example.com", List.of(INSTRUCTOR), "Instructor", null, true, null, null),
                    new Member("tom", "Tom", "Trainee", "tom.trainee@example.com", List.of(INSTRUCTOR), "Instructor",
                            "Trainee assessor", true, null, null),
                    new Member("ivy", "Ivy", "Verifier", "ivy.verifier@example.com", List.of(INSTRUCTOR), "Instructor", "IV", true, null, null),
                    new Member("ada", "Ada", "Admin", "ada.admin@example.com", List.of(ADMINISTRATOR, INSTRUCTOR),
                            "Administrator, Instructor", null, true, null, null),
                    new Member("priya", "Priya", "Patel", "priya.patel@example.com", List.of(LEARNER), "Learner", null, false,
                            "Co-op Food", "Bradford Forster Square"),
                    new Member("jordan", "Jordan", "Lee", "jordan.lee@example.com", List.of(LEARNER), "Learner", null, false,
                            "Greggs", "York Coney Street")));

    SandboxCourse {
        members = List.copyOf(members);
    }

    /** The people the course page offers to launch as. */
    public List<Member> launchers() {
        return members.stream().filter(Member::launches).toList();
    }

    Optional<Member> member(String userId) {
        return members.stream().filter(m -> m.id().equals(userId)).findFirst();
    }

    /**
     * One person in the course. The id is the LMS user id: the {@code login_hint} and the {@code sub}.
     *
     * @param roles LTI role URIs, as a launch carries them
     * @param roleNames the roles as the course page shows them
     * @param attestDuty a duty Attest assigns outside the LMS (IV), or null
     * @param launches whether the course page offers to launch as them; false for learners only on the roster
     * @param employer a learner's employer, sent in the launch's custom parameter {@code employer}; null for staff
     * @param site a learner's assessment site, sent in the custom parameter {@code site}; null for staff
     */
    record Member(String id, String givenName, String familyName, String email, List<String> roles, String roleNames,
            String attestDuty, boolean launches, String employer, String site) {

        Member {
            roles = List.copyOf(roles);
        }

        public String name() {
            return givenName + " " + familyName;
        }

        /** Instructors may place activities (deep linking); learners may not. */
        public boolean instructor() {
            return roles.contains(INSTRUCTOR);
        }
    }
}
