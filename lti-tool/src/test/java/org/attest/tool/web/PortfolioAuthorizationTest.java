package org.attest.tool.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.attest.standards.Criterion;
import org.attest.tool.lti.TestPlatform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every portfolio page and action, requested by everyone who might try it: the learner who owns the
 * portfolio, another learner of the course, the course's assessor, an assessor of another course on
 * the same platform, and a user of another platform with the same course and user ids. Only the
 * allowed requests get past authorization; the rest get 403 or 404 and change nothing.
 */
class PortfolioAuthorizationTest extends PortfolioTestSupport {

    static final Person SAM = new Person("sam", "Sam Student", LEARNER);
    static final Person LEE = new Person("lee", "Lee Learner", LEARNER);
    static final Person ALEX = new Person("alex", "Alex Assessor", INSTRUCTOR);
    static final Person OLLY = new Person("olly", "Olly Other", INSTRUCTOR);

    static TestPlatform otherPlatform;

    @BeforeAll
    static void startOtherPlatform() throws Exception {
        otherPlatform = TestPlatform.start();
    }

    @AfterAll
    static void stopOtherPlatform() {
        otherPlatform.close();
    }

    enum Who { OWNER, CLASSMATE, ASSESSOR, OTHER_COURSE_ASSESSOR, OTHER_PLATFORM_LEARNER, OTHER_PLATFORM_ASSESSOR }

    /** A request and who may make it. */
    record Endpoint(String method, String path, Set<Who> allowed) {
    }

    @Test
    void onlyAllowedPeopleGetPastAuthorizationAndRefusalsChangeNothing() throws Exception {
        if (registry.find(otherPlatform.issuer, otherPlatform.clientId).isEmpty()) {
            otherPlatform.register(registry);
        }
        String course = "authz-" + UUID.randomUUID();
        Launched sam = launch(platform, SAM, course, "act-" + course);
        UUID learnerUnit = idAfter(sam.landing(), "portfolio");
        HttpResponse<String> added = multipart(sam.base() + "/portfolio/" + learnerUnit + "/evidence",
                evidenceFields("Observation", LocalDate.now().minusDays(2).toString(), "Customer 1", "OBSERVATION"),
                List.of(new FilePart("files", "notes.txt", "text/plain", "what I did".getBytes())));
        UUID evidence = idAfter(location(added), "evidence");
        Criterion criterion = unit224().criteria().findFirst().orElseThrow();
        postFields(sam.base() + "/evidence/" + evidence + "/map", List.of(Map.entry("item", criterion.id().toString())));
        UUID file = jdbc.sql("SELECT id FROM evidence_file WHERE evidence_id = ?").param(evidence).query(UUID.class).single();

        Map<Who, Launched> people = new java.util.EnumMap<>(Who.class);
        people.put(Who.OWNER, sam);
        people.put(Who.CLASSMATE, launch(platform, LEE, course, "act-" + course));
        people.put(Who.ASSESSOR, launch(platform, ALEX, course, "act-" + course));
        people.put(Who.OTHER_COURSE_ASSESSOR, launch(platform, OLLY, course + "-b", "act-" + course + "-b"));
        people.put(Who.OTHER_PLATFORM_LEARNER, launch(otherPlatform, SAM, course, "act-" + course));
        people.put(Who.OTHER_PLATFORM_ASSESSOR, launch(otherPlatform, ALEX, course, "act-" + course));

        Set<Who> owner = Set.of(Who.OWNER);
        Set<Who> ownerAndAssessor = Set.of(Who.OWNER, Who.ASSESSOR);
        Set<Who> assessor = Set.of(Who.ASSESSOR);
        Set<Who> anyAssessor = Set.of(Who.ASSESSOR, Who.OTHER_COURSE_ASSESSOR, Who.OTHER_PLATFORM_ASSESSOR);
        UUID nobody = UUID.randomUUID();
        List<Endpoint> endpoints = List.of(
                new Endpoint("GET", "/portfolio/" + learnerUnit, ownerAndAssessor),
                new Endpoint("GET", "/portfolio/" + learnerUnit + "/matrix", ownerAndAssessor),
                new Endpoint("GET", "/portfolio/" + learnerUnit + "/evidence/new", owner),
                new Endpoint("MULTIPART", "/portfolio/" + learnerUnit + "/evidence", owner),
                new Endpoint("GET", "/evidence/" + evidence, ownerAndAssessor),
                new Endpoint("GET", "/evidence/" + evidence + "/edit", owner),
                new Endpoint("MULTIPART", "/evidence/" + evidence, owner),
                new Endpoint("GET", "/evidence/" + evidence + "/map", owner),
                new Endpoint("POST", "/evidence/" + evidence + "/map", owner),
                new Endpoint("GET", "/files/" + file, ownerAndAssessor),
                new Endpoint("GET", "/evidence/" + evidence + "/review", assessor),
                new Endpoint("POST", "/evidence/" + evidence + "/review", assessor),
                new Endpoint("POST", "/portfolio/" + learnerUnit + "/declaration", owner),
                new Endpoint("POST", "/portfolio/" + learnerUnit + "/sign-off", assessor),
                new Endpoint("POST", "/countersign/sign-off/" + learnerUnit, assessor),
                new Endpoint("POST", "/countersign/decision/" + nobody, Set.of()),
                new Endpoint("GET", "/portfolio/" + nobody, Set.of()),
                new Endpoint("GET", "/evidence/" + nobody, Set.of()),
                new Endpoint("GET", "/files/" + nobody, Set.of()),
                new Endpoint("GET", "/caseload", anyAssessor),
                new Endpoint("POST", "/caseload/roster", anyAssessor),
                new Endpoint("GET", "/queue", anyAssessor),
                new Endpoint("GET", "/countersign", anyAssessor));

        List<String> failures = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            for (Who who : Who.values()) {
                if (endpoint.allowed().contains(who)) {
                    continue; // allowed requests are tried last: they may change the portfolio
                }
                String before = portfolioState();
                HttpResponse<String> response = request(people.get(who), endpoint);
                if (response.statusCode() != 403 && response.statusCode() != 404) {
                    failures.add(who + " " + endpoint.method() + " " + endpoint.path() + " answered " + response.statusCode());
                }
                if (!before.equals(portfolioState())) {
                    failures.add(who + " " + endpoint.method() + " " + endpoint.path() + " changed the portfolio");
                }
            }
        }
        for (Endpoint endpoint : endpoints) {
            for (Who who : endpoint.allowed()) {
                HttpResponse<String> response = request(people.get(who), endpoint);
                if (response.statusCode() == 403 || response.statusCode() == 404) {
                    failures.add(who + " " + endpoint.method() + " " + endpoint.path() + " was refused: " + response.statusCode());
                }
            }
        }
        assertThat(failures).isEmpty();

        String caseload = get(people.get(Who.OTHER_COURSE_ASSESSOR).base() + "/caseload").body();
        assertThat(caseload).doesNotContain("Sam Student");
        assertThat(get(people.get(Who.ASSESSOR).base() + "/caseload").body()).contains(learnerUnit.toString());
        assertThat(get(people.get(Who.OTHER_PLATFORM_ASSESSOR).base() + "/caseload").body())
                .as("same course id and user ids on another platform are another tenant, with its own Sam")
                .contains("Sam Student").doesNotContain(learnerUnit.toString());
    }

    private HttpResponse<String> request(Launched who, Endpoint endpoint) throws Exception {
        String path = who.base() + endpoint.path();
        return switch (endpoint.method()) {
            case "GET" -> get(path);
            case "POST" -> post(path, form("typedName", "Somebody", "item", UUID.randomUUID().toString()));
            case "MULTIPART" -> multipart(path, evidenceFields("Sneaky", LocalDate.now().toString(), "C", "OBSERVATION"),
                    List.of(new FilePart("files", "x.txt", "text/plain", "x".getBytes())));
            default -> throw new IllegalArgumentException(endpoint.method());
        };
    }
}
