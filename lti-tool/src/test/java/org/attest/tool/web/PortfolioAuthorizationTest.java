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
 * Every portfolio and internal-quality-assurance page and action, requested by everyone who might try it: the learner
 * who owns the portfolio, another learner of the course, the course's assessor, an assessor of another course on the
 * same platform, users of another platform with the same course and user ids, an IQA and a lead IQA of the centre
 * (tutors of another course), and a lead IQA of another platform; the witness pages and records of expert witness too,
 * and every export route (the centre administrator's and the EQA's refuse all nine: ExportAccessTest has their people). Only the allowed requests get past authorization;
 * the rest get 403 or 404 and change nothing: not the portfolio, not the quality records, not the audit chain.
 * (External verifiers have their own matrix in {@code EqaAccessTest}.)
 */
class PortfolioAuthorizationTest extends PortfolioTestSupport {

    static final Person SAM = new Person("sam", "Sam Student", LEARNER);
    static final Person LEE = new Person("lee", "Lee Learner", LEARNER);
    static final Person ALEX = new Person("alex", "Alex Assessor", INSTRUCTOR);
    static final Person OLLY = new Person("olly", "Olly Other", INSTRUCTOR);
    static final Person IVY = new Person("ivy", "Ivy Verifier", INSTRUCTOR);
    static final Person LENA = new Person("lena", "Lena Leadverifier", INSTRUCTOR);

    @org.springframework.beans.factory.annotation.Autowired
    org.attest.tool.quality.internal.IqaPeople iqas;

    static TestPlatform otherPlatform;

    @BeforeAll
    static void startOtherPlatform() throws Exception {
        otherPlatform = TestPlatform.start();
    }

    @AfterAll
    static void stopOtherPlatform() {
        otherPlatform.close();
    }

    enum Who { OWNER, CLASSMATE, ASSESSOR, OTHER_COURSE_ASSESSOR, OTHER_PLATFORM_LEARNER, OTHER_PLATFORM_ASSESSOR, IQA,
        LEAD_IQA, OTHER_PLATFORM_LEAD_IQA }

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
        String staffRoom = "staff-" + UUID.randomUUID();
        people.put(Who.IQA, launch(platform, IVY, staffRoom, "act-" + staffRoom));
        people.put(Who.LEAD_IQA, launch(platform, LENA, staffRoom, "act-" + staffRoom));
        people.put(Who.OTHER_PLATFORM_LEAD_IQA, launch(otherPlatform, LENA, staffRoom, "act-" + staffRoom));
        UUID centre = registry.find(platform.issuer, platform.clientId).orElseThrow().id();
        iqas.appoint(centre, IVY.subject(), IVY.name(), new org.attest.tool.quality.internal.IqaPeople.Appointment(
                "TAQA Level 4", false, false, true), "test");
        iqas.appoint(centre, LENA.subject(), LENA.name(), new org.attest.tool.quality.internal.IqaPeople.Appointment(
                "TAQA Level 4", false, true, true), "test");
        iqas.appoint(registry.find(otherPlatform.issuer, otherPlatform.clientId).orElseThrow().id(), LENA.subject(),
                LENA.name(), new org.attest.tool.quality.internal.IqaPeople.Appointment("V1", false, true, true), "test");
        UUID plan = idAfter(location(post(people.get(Who.LEAD_IQA).base() + "/iqa/plans", form("title", "Interim",
                "frameworkId", frameworkId(), "kind", "INTERIM", "baseRate", "10", "raisedRate", "50"))), "plans");

        UUID expert = idAfter(location(post(people.get(Who.ASSESSOR).base() + "/witnesses/" + learnerUnit + "/expert",
                form("witnessName", "Erin Expert", "site", "Leeds", "standardsReference", "224",
                        "witnessStatement", "Competent."))), "expert");
        UUID record = idAfter(location(postFields(people.get(Who.ASSESSOR).base() + "/records/units/" + learnerUnit, List.of(
                Map.entry("kind", "FEEDBACK"), Map.entry("feedback", "Ask open questions"), Map.entry("outcome", "Not yet")))),
                "records");
        UUID draft = idAfter(location(postFields(people.get(Who.ASSESSOR).base() + "/records/units/" + learnerUnit, List.of(
                Map.entry("kind", "FEEDBACK"), Map.entry("feedback", "A draft to discard"), Map.entry("outcome", "Not yet")))),
                "records");

        String courseKey = courseKey(learnerUnit);
        String otherCourseKey = courseKey(jdbc.sql("SELECT id FROM learner_unit WHERE platform_id <> ? AND context_id = ?")
                .params(centre, course).query(UUID.class).single()); // the other platform's Sam, in its own course
        Set<Who> owner = Set.of(Who.OWNER);
        Set<Who> ownerAssessorAndIqas = Set.of(Who.OWNER, Who.ASSESSOR, Who.IQA, Who.LEAD_IQA);
        Set<Who> assessor = Set.of(Who.ASSESSOR);
        Set<Who> anyAssessor = Set.of(Who.ASSESSOR, Who.OTHER_COURSE_ASSESSOR, Who.OTHER_PLATFORM_ASSESSOR, Who.IQA,
                Who.LEAD_IQA, Who.OTHER_PLATFORM_LEAD_IQA); // IQAs are tutors too
        Set<Who> centreIqas = Set.of(Who.IQA, Who.LEAD_IQA);
        Set<Who> assessorAndIqas = Set.of(Who.ASSESSOR, Who.IQA, Who.LEAD_IQA); // reading the witness status list
        Set<Who> anyIqa = Set.of(Who.IQA, Who.LEAD_IQA, Who.OTHER_PLATFORM_LEAD_IQA);
        UUID nobody = UUID.randomUUID();
        List<Endpoint> endpoints = List.of(
                new Endpoint("GET", "/portfolio/" + learnerUnit, ownerAssessorAndIqas),
                new Endpoint("GET", "/portfolio/" + learnerUnit + "/matrix", ownerAssessorAndIqas),
                new Endpoint("GET", "/portfolio/" + learnerUnit + "/recording-form.pdf", ownerAssessorAndIqas),
                new Endpoint("GET", "/portfolio/" + nobody + "/recording-form.pdf", Set.of()),
                new Endpoint("GET", "/portfolio/" + learnerUnit + "/export.zip", ownerAssessorAndIqas),
                new Endpoint("GET", "/portfolio/" + nobody + "/export.zip", Set.of()),
                new Endpoint("GET", "/portfolio/" + learnerUnit + "/learner-export.zip", ownerAssessorAndIqas),
                new Endpoint("GET", "/portfolio/" + nobody + "/learner-export.zip", Set.of()),
                new Endpoint("GET", "/caseload/export.zip", anyAssessor),
                new Endpoint("GET", "/iqa/courses/" + courseKey + "/export.zip", centreIqas),
                new Endpoint("GET", "/iqa/courses/" + otherCourseKey + "/export.zip", Set.of(Who.OTHER_PLATFORM_LEAD_IQA)),
                new Endpoint("GET", "/iqa/courses/not-a-course/export.zip", Set.of()),
                new Endpoint("GET", "/eqa/export.zip", Set.of()), // external verifiers only: EqaAccessTest, ExportAccessTest
                new Endpoint("GET", "/admin/exports", Set.of()), // centre administrators only: ExportAccessTest
                new Endpoint("GET", "/admin/exports/" + courseKey + ".zip", Set.of()),
                new Endpoint("GET", "/portfolio/" + learnerUnit + "/evidence/new", owner),
                new Endpoint("MULTIPART", "/portfolio/" + learnerUnit + "/evidence", owner),
                new Endpoint("GET", "/evidence/" + evidence, ownerAssessorAndIqas),
                new Endpoint("GET", "/evidence/" + evidence + "/edit", owner),
                new Endpoint("MULTIPART", "/evidence/" + evidence, owner),
                new Endpoint("GET", "/evidence/" + evidence + "/map", owner),
                new Endpoint("POST", "/evidence/" + evidence + "/map", owner),
                new Endpoint("GET", "/files/" + file, ownerAssessorAndIqas),
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
                new Endpoint("GET", "/countersign", anyAssessor),
                new Endpoint("GET", "/iqa", anyIqa),
                new Endpoint("POST", "/iqa/plans", Set.of(Who.LEAD_IQA, Who.OTHER_PLATFORM_LEAD_IQA)),
                new Endpoint("GET", "/iqa/plans/" + plan, centreIqas),
                new Endpoint("GET", "/iqa/plans/" + plan + "/matrix", centreIqas),
                new Endpoint("POST", "/iqa/plans/" + plan + "/items", centreIqas),
                new Endpoint("POST", "/iqa/plans/" + plan + "/take", centreIqas),
                new Endpoint("POST", "/iqa/plans/" + plan + "/close", Set.of(Who.LEAD_IQA)),
                new Endpoint("GET", "/iqa/plans/" + nobody, Set.of()),
                new Endpoint("GET", "/iqa/units/" + learnerUnit, centreIqas),
                new Endpoint("POST", "/iqa/units/" + learnerUnit, centreIqas),
                new Endpoint("GET", "/iqa/units/" + nobody, Set.of()),
                new Endpoint("POST", "/iqa/reviews/" + nobody + "/countersign", Set.of()),
                new Endpoint("GET", "/iqa/ready", anyIqa),
                new Endpoint("GET", "/iqa/ready.csv", anyIqa),
                new Endpoint("POST", "/iqa/ulns", anyIqa), // for the learners of their own centre
                new Endpoint("GET", "/iqa/eqa-reports", anyIqa),
                new Endpoint("GET", "/iqa-actions", anyAssessor),
                new Endpoint("POST", "/iqa-actions/" + nobody + "/done", Set.of()),
                new Endpoint("GET", "/iqa/learners", anyIqa),
                new Endpoint("POST", "/iqa/learners", anyIqa), // for the learners of their own centre
                new Endpoint("GET", "/iqa/observations", anyIqa),
                new Endpoint("GET", "/iqa/observations/new", anyIqa),
                new Endpoint("POST", "/iqa/observations", anyIqa), // of their own centre's assessors
                new Endpoint("GET", "/iqa/observations/" + nobody, Set.of()),
                new Endpoint("POST", "/iqa/observations/" + nobody + "/countersign", Set.of()),
                new Endpoint("POST", "/iqa/observation-actions/" + nobody + "/close", Set.of()),
                new Endpoint("POST", "/iqa-actions/observations/" + nobody + "/done", Set.of()),
                new Endpoint("GET", "/witnesses/" + learnerUnit, assessorAndIqas),
                new Endpoint("POST", "/witnesses/" + learnerUnit + "/sign", assessor),
                new Endpoint("POST", "/witnesses/" + learnerUnit + "/links", assessor),
                new Endpoint("GET", "/witnesses/" + learnerUnit + "/expert/new", assessor),
                new Endpoint("POST", "/witnesses/" + learnerUnit + "/expert", assessor),
                new Endpoint("GET", "/witnesses/" + learnerUnit + "/experts", ownerAssessorAndIqas),
                new Endpoint("GET", "/witnesses/" + learnerUnit + "/expert/" + expert, ownerAssessorAndIqas),
                new Endpoint("POST", "/witnesses/" + learnerUnit + "/expert/" + expert + "/link", assessor),
                new Endpoint("POST", "/witnesses/" + learnerUnit + "/expert/" + expert + "/iv-signature", centreIqas),
                new Endpoint("POST", "/witnesses/" + learnerUnit + "/expert/" + expert + "/candidate-signature", owner),
                new Endpoint("GET", "/witnesses/" + learnerUnit + "/status-list.pdf", assessorAndIqas),
                new Endpoint("GET", "/witnesses/" + learnerUnit + "/expert/" + expert + "/record.pdf", ownerAssessorAndIqas),
                new Endpoint("GET", "/witnesses/" + learnerUnit + "/expert/" + expert + "/statement.pdf", ownerAssessorAndIqas),
                new Endpoint("GET", "/witnesses/" + nobody, Set.of()),
                new Endpoint("GET", "/witnesses/" + nobody + "/status-list.pdf", Set.of()),
                new Endpoint("GET", "/witnesses/" + learnerUnit + "/expert/" + nobody + "/record.pdf", Set.of()),
                new Endpoint("GET", "/witnesses/" + learnerUnit + "/expert/" + nobody + "/statement.pdf", Set.of()),
                new Endpoint("GET", "/witnesses/" + learnerUnit + "/expert/" + nobody, Set.of()),
                new Endpoint("GET", "/records/units/" + learnerUnit, ownerAssessorAndIqas),
                new Endpoint("GET", "/records/units/" + learnerUnit + "/new?kind=OBSERVATION", assessor),
                new Endpoint("POST", "/records/units/" + learnerUnit, assessor),
                new Endpoint("GET", "/records/" + record, ownerAssessorAndIqas),
                new Endpoint("GET", "/records/" + record + "/record.pdf", ownerAssessorAndIqas),
                new Endpoint("GET", "/records/" + nobody + "/record.pdf", Set.of()),
                new Endpoint("GET", "/records/" + record + "/edit", assessor),
                new Endpoint("POST", "/records/" + record, assessor),
                new Endpoint("POST", "/records/" + record + "/versions", assessor),
                new Endpoint("POST", "/records/" + record + "/sign", Set.of(Who.OWNER, Who.ASSESSOR)),
                new Endpoint("POST", "/records/" + record + "/evidence", Set.of(Who.OWNER, Who.ASSESSOR)),
                new Endpoint("GET", "/records/plans", anyAssessor),
                new Endpoint("GET", "/records/units/" + nobody, Set.of()),
                new Endpoint("GET", "/records/" + nobody, Set.of()),
                new Endpoint("POST", "/records/" + nobody + "/sign", Set.of()),
                new Endpoint("POST", "/records/" + draft + "/discard", assessor),
                new Endpoint("POST", "/records/" + nobody + "/discard", Set.of()));

        List<String> failures = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            for (Who who : Who.values()) {
                if (endpoint.allowed().contains(who)) {
                    continue; // allowed requests are tried last: they may change the portfolio
                }
                String before = state();
                HttpResponse<String> response = request(people.get(who), endpoint);
                if (response.statusCode() != 403 && response.statusCode() != 404) {
                    failures.add(who + " " + endpoint.method() + " " + endpoint.path() + " answered " + response.statusCode());
                }
                if (!before.equals(state())) {
                    failures.add(who + " " + endpoint.method() + " " + endpoint.path() + " changed something");
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

    /** The course of a learner unit as the export routes name it. */
    private String courseKey(UUID learnerUnit) {
        Map<String, Object> row = jdbc.sql("SELECT platform_id, deployment_id, context_id FROM learner_unit WHERE id = ?")
                .param(learnerUnit).query().singleRow();
        return new org.attest.tool.portfolio.Course((UUID) row.get("platform_id"), (String) row.get("deployment_id"),
                (String) row.get("context_id")).key();
    }

    /** The portfolio, the quality records and the audit chain. */
    private String state() {
        StringBuilder state = new StringBuilder(portfolioState());
        for (String table : List.of("iqa_person", "sampling_plan", "sample_item", "plan_close_out", "iqa_review",
                "iqa_action", "learner_uln", "assessor_observation", "observation_action", "learner_placement", "witness_link",
                "witness_list_signature", "expert_witness", "assessor_record", "record_signature", "plan_evidence")) {
            state.append(jdbc.sql("SELECT * FROM " + table).query().listOfRows()).append('\n');
        }
        return state.toString();
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
