package org.attest.bench.launch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attest.standards.Framework;
import org.attest.standards.Samples;
import org.attest.standards.StandardsImportException;
import org.attest.standards.read.SourceDocument;
import org.attest.standards.read.StandardsImporter;

/**
 * The learners of one Moodle course who launch its activity for Unit 224, launch {@code i} being learner
 * {@code i mod count}. The activity is placed as Deep Linking places it: its custom parameters carry
 * {@code attest_framework} and {@code attest_unit} beside Moodle's own, so the tool binds the activity to the unit on
 * its first launch and every learner lands on their portfolio of the unit. Unit 224 is the tool's bundled sample,
 * seeded on its first start; its framework id is stable (UUID v5), read here from the same sample.
 */
public final class Learners {

    private static final String LEARNER = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner";
    private static final String[] GIVEN = {"Sam", "Alex", "Priya", "Tom", "Aisha", "Jordan", "Mei", "Oliver", "Zara", "Callum"};
    private static final String[] FAMILY = {"Student", "Patel", "Jones", "Okafor", "Smith", "Nowak", "Evans", "Khan", "Brown", "Hughes"};

    private final List<byte[]> loginForms;
    private final List<Map<String, Object>> claims;

    public Learners(PlayedPlatform platform, int count) throws StandardsImportException {
        Framework unit224 = StandardsImporter.read(new SourceDocument(Samples.UNIT_224.fileName(), Samples.UNIT_224.bytes())).framework();
        Map<String, Object> custom = new LinkedHashMap<>(asMap(platform.capturedClaim(PlayedPlatform.LTI + "custom")));
        custom.put("attest_framework", unit224.id().toString());
        custom.put("attest_unit", unit224.units().get(0).code());
        this.loginForms = new ArrayList<>(count);
        this.claims = new ArrayList<>(count);
        for (int n = 0; n < count; n++) {
            String subject = Integer.toString(1000 + n);
            String given = GIVEN[n % GIVEN.length];
            String family = FAMILY[(n / GIVEN.length) % FAMILY.length];
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("sub", subject);
            c.put("given_name", given);
            c.put("family_name", family);
            c.put("name", given + " " + family);
            c.put("email", "learner" + subject + "@example.ac.uk");
            c.put(PlayedPlatform.LTI + "roles", List.of(LEARNER));
            c.put(PlayedPlatform.LTI + "custom", custom);
            c.put(PlayedPlatform.LTI + "lis", Map.of("person_sourcedid", "L" + subject, "course_section_sourcedid", "LTILAB"));
            c.put(PlayedPlatform.LTI + "ext", Map.of("user_username", "learner" + subject, "lms", "moodle-2"));
            claims.add(Map.copyOf(c));
            loginForms.add(platform.loginForm(subject));
        }
    }

    public int count() {
        return claims.size();
    }

    /** The login initiation form of launch {@code i}'s learner. */
    public byte[] loginForm(int i) {
        return loginForms.get(i % loginForms.size());
    }

    /** The claims of launch {@code i}'s learner, put over the captured Moodle launch. */
    public Map<String, Object> claims(int i) {
        return claims.get(i % claims.size());
    }

    /** The name the tool's page greets launch {@code i}'s learner by. */
    public String name(int i) {
        return (String) claims(i).get("name");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object claim) {
        return claim instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
