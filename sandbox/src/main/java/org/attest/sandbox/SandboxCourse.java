package org.attest.sandbox;

import java.util.List;
import java.util.Optional;

/**
 * The sandbox's one course and its people, fixed so that every launch is reproducible: a learner,
 * an assessor, a trainee assessor (whose decisions need countersigning), an internal verifier and a
 * centre administrator, with the LTI roles a real LMS would send for them; and two learners who are
 * enrolled but never open the tool (no launch buttons), so Attest's caseload shows learners it only
 * knows from the roster (NRPS).
 */
record SandboxCourse(String id, String label, String title, String type, List<Member> members) {

    static final String LIS = "http://purl.imsglobal.org/vocab/lis/v2/";
    static final String LEARNER = LIS + "membership#Learner";
    static final String INSTRUCTOR = LIS + "membership#Instructor";
    static final String ADMINISTRATOR = LIS + "institution/person#Administrator";

    static final SandboxCourse CUSTOMER_SERVICE = new SandboxCourse("cs-l2", "CS-L2", "Customer Service Level 2",
            LIS + "course#CourseSection", List.of(
                    new Member("sam", "Sam", "Student", "sam.student@example.com", List.of(LEARNER), "Learner", null, true),
                    new Member("alex", "Alex", "Assessor", "alex.assessor@example.com", List.of(INSTRUCTOR), "Instructor", null, true),
                    new Member("tom", "Tom", "Trainee", "tom.trainee@example.com", List.of(INSTRUCTOR), "Instructor",
                            "Trainee assessor", true),
                    new Member("ivy", "Ivy", "Verifier", "ivy.verifier@example.com", List.of(INSTRUCTOR), "Instructor", "IV", true),
                    new Member("ada", "Ada", "Admin", "ada.admin@example.com", List.of(ADMINISTRATOR, INSTRUCTOR),
                            "Administrator, Instructor", null, true),
                    new Member("priya", "Priya", "Patel", "priya.patel@example.com", List.of(LEARNER), "Learner", null, false),
                    new Member("jordan", "Jordan", "Lee", "jordan.lee@example.com", List.of(LEARNER), "Learner", null, false)));

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
     */
    record Member(String id, String givenName, String familyName, String email, List<String> roles, String roleNames,
            String attestDuty, boolean launches) {

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
