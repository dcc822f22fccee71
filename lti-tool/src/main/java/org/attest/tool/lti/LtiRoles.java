package org.attest.tool.lti;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Maps LTI role URIs (context: {@code membership#Learner}, {@code membership/Instructor#TeachingAssistant};
 * institution and system: {@code institution/person#Administrator}) and the short forms NRPS and
 * older platforms send ({@code Learner}, {@code Instructor}) to Attest roles. Roles Attest does not
 * know (Mentor, Observer, Guest, ...) grant nothing: least privilege.
 */
final class LtiRoles {

    private static final String LIS = "http://purl.imsglobal.org/vocab/lis/v2/";

    private LtiRoles() {
    }

    public static Set<AttestRole> map(List<String> roles) {
        Set<AttestRole> result = EnumSet.noneOf(AttestRole.class);
        for (String role : roles) {
            if (role == null || role.isBlank()) {
                continue;
            }
            String r = role.trim();
            boolean institutional = r.startsWith(LIS + "institution/") || r.startsWith(LIS + "system/");
            boolean context = r.startsWith(LIS + "membership#") || r.startsWith(LIS + "membership/")
                    || (!r.contains("/") && !r.contains("#")); // a short form is a bare name
            String name = r.contains("#") ? r.substring(r.lastIndexOf('#') + 1) : r.substring(r.lastIndexOf('/') + 1);
            String principal = r.startsWith(LIS + "membership/") && r.contains("#")
                    ? r.substring((LIS + "membership/").length(), r.indexOf('#')) : name;
            if (institutional && (name.equals("Administrator") || name.equals("SysAdmin"))) {
                result.add(AttestRole.CENTRE_ADMIN);
            } else if (context) {
                switch (principal) {
                    case "Learner", "Student" -> result.add(AttestRole.LEARNER);
                    case "Instructor", "TeachingAssistant" -> result.add(AttestRole.ASSESSOR);
                    case "Administrator", "ContentDeveloper" -> result.add(AttestRole.CENTRE_ADMIN);
                    default -> { } // Mentor, Member, Manager, Officer: nothing without an explicit grant
                }
            }
        }
        return result;
    }

    /**
     * Whether the roles include an institution or system Administrator: only they manage the
     * platform registration itself (a course's content developer is a centre admin for standards and
     * rules, but must not disable the institution's LMS connection).
     */
    public static boolean isInstitutionAdministrator(List<String> roles) {
        return roles.stream().filter(r -> r != null).map(String::trim).anyMatch(r ->
                r.equals(LIS + "institution/person#Administrator") || r.equals(LIS + "system/person#Administrator")
                        || r.equals(LIS + "system/person#SysAdmin"));
    }
}
