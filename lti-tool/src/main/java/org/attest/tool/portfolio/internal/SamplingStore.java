package org.attest.tool.portfolio.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.attest.standards.AssessmentMethod;
import org.attest.tool.portfolio.Course;
import org.attest.tool.portfolio.UnitForSampling;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What sampling reads of a centre's learner units, across the portfolio's tables (read only): the units with the
 * sign-off in force, the assessors of their current decisions, and the methods of their current evidence. One statement
 * each, joined in memory, so a centre of thousands of learner units costs three statements.
 */
@Repository
public class SamplingStore {

    private final JdbcClient jdbc;

    SamplingStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private record Unit(UUID id, Course course, String learnerSubject, String learnerName, UUID frameworkId,
            String unitCode, java.time.Instant started, boolean complete, boolean held, String signerSubject,
            String signerName, Boolean signerQualified, java.time.Instant signedOffAt) {
    }

    private record Decider(String subject, String name, long decided, java.time.Instant latest, boolean trainee) {
    }

    public List<UnitForSampling> ofCentre(UUID platformId, UUID frameworkId, Collection<String> unitCodes) {
        return of(platformId, null, frameworkId, unitCodes);
    }

    /** One course's learner units (a cohort), of one framework (any when null). */
    public List<UnitForSampling> ofCourse(Course course, UUID frameworkId) {
        return of(course.platformId(), course, frameworkId, List.of());
    }

    /** The distinct courses of the centre that have learner units of the framework (any when null). */
    public List<Course> courses(UUID platformId, UUID frameworkId) {
        return jdbc.sql("SELECT DISTINCT deployment_id, context_id FROM learner_unit WHERE platform_id = :platform"
                        + (frameworkId == null ? "" : " AND framework_id = :framework") + " ORDER BY context_id, deployment_id")
                .param("platform", platformId).param("framework", frameworkId)
                .query((rs, n) -> new Course(platformId, rs.getString("deployment_id"), rs.getString("context_id"))).list();
    }

    /** One learner unit of the centre, as sampling sees it; empty when it is not the centre's. */
    public java.util.Optional<UnitForSampling> one(UUID platformId, UUID learnerUnitId) {
        return of(platformId, null, null, List.of(), learnerUnitId).stream().findFirst();
    }

    private List<UnitForSampling> of(UUID platformId, Course course, UUID frameworkId, Collection<String> unitCodes) {
        return of(platformId, course, frameworkId, unitCodes, null);
    }

    private List<UnitForSampling> of(UUID platformId, Course course, UUID frameworkId, Collection<String> unitCodes,
            UUID learnerUnitId) {
        String where = "lu.platform_id = :platform" + (learnerUnitId == null ? "" : " AND lu.id = :id")
                + (course == null ? "" : " AND lu.deployment_id = :deployment AND lu.context_id = :context")
                + (frameworkId == null ? "" : " AND lu.framework_id = :framework")
                + (unitCodes.isEmpty() ? "" : " AND lu.unit_code IN (:codes)");
        Map<String, Object> params = new HashMap<>();
        params.put("platform", platformId);
        if (learnerUnitId != null) {
            params.put("id", learnerUnitId);
        }
        if (course != null) {
            params.put("deployment", course.deploymentId());
            params.put("context", course.contextId());
        }
        if (frameworkId != null) {
            params.put("framework", frameworkId);
        }
        if (!unitCodes.isEmpty()) {
            params.put("codes", List.copyOf(unitCodes));
        }
        Map<UUID, Unit> units = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT lu.id, lu.platform_id, lu.deployment_id, lu.context_id, lu.learner_subject, lu.learner_name,
                    lu.framework_id, lu.unit_code, lu.created_at, lu.complete, lu.quality_hold_reason,
                    s.signer_subject, s.signer_name, s.signed_at, st.qualified AS signer_qualified
                FROM learner_unit lu
                LEFT JOIN unit_signature s ON s.learner_unit_id = lu.id AND s.kind = 'SIGN_OFF' AND s.withdrawn_at IS NULL
                LEFT JOIN assessor_status st ON st.platform_id = lu.platform_id AND st.subject = s.signer_subject
                WHERE %s
                ORDER BY lu.learner_name, lu.learner_subject, lu.unit_code, lu.id""".formatted(where))
                .params(params)
                .query((rs, n) -> new Unit(rs.getObject("id", UUID.class),
                        new Course(rs.getObject("platform_id", UUID.class), rs.getString("deployment_id"), rs.getString("context_id")),
                        rs.getString("learner_subject"), rs.getString("learner_name"), rs.getObject("framework_id", UUID.class),
                        rs.getString("unit_code"), Rows.instant(rs, "created_at"), rs.getBoolean("complete"),
                        rs.getString("quality_hold_reason") != null, rs.getString("signer_subject"), rs.getString("signer_name"),
                        (Boolean) rs.getObject("signer_qualified"), Rows.instant(rs, "signed_at")))
                .list().forEach(u -> units.putIfAbsent(u.id(), u));
        if (units.isEmpty()) {
            return List.of();
        }
        Map<UUID, Decider> deciders = new HashMap<>();
        jdbc.sql("""
                SELECT d.learner_unit_id, d.assessor_subject, MAX(d.assessor_name) AS assessor_name, COUNT(*) AS decided,
                    MAX(d.decided_at) AS latest, MAX(CASE WHEN st.qualified = FALSE THEN 1 ELSE 0 END) AS trainee
                FROM assessment_decision d
                JOIN learner_unit lu ON lu.id = d.learner_unit_id
                LEFT JOIN assessor_status st ON st.platform_id = lu.platform_id AND st.subject = d.assessor_subject
                WHERE d.is_current = TRUE AND %s
                GROUP BY d.learner_unit_id, d.assessor_subject""".formatted(where))
                .params(params)
                .query((rs, n) -> Map.entry(rs.getObject("learner_unit_id", UUID.class), new Decider(
                        rs.getString("assessor_subject"), rs.getString("assessor_name"), rs.getLong("decided"),
                        Rows.instant(rs, "latest"), rs.getInt("trainee") == 1)))
                .list().forEach(e -> deciders.merge(e.getKey(), e.getValue(), SamplingStore::mostDecisions));
        Map<UUID, Set<AssessmentMethod>> methods = new HashMap<>();
        Map<UUID, Integer> evidence = new HashMap<>();
        jdbc.sql("""
                SELECT e.learner_unit_id, e.methods FROM evidence e
                JOIN learner_unit lu ON lu.id = e.learner_unit_id
                WHERE e.is_current = TRUE AND %s""".formatted(where))
                .params(params)
                .query((rs, n) -> Map.entry(rs.getObject("learner_unit_id", UUID.class), Rows.methods(rs.getString("methods"))))
                .list().forEach(e -> {
                    methods.computeIfAbsent(e.getKey(), k -> EnumSet.noneOf(AssessmentMethod.class)).addAll(e.getValue());
                    evidence.merge(e.getKey(), 1, Integer::sum);
                });
        List<UnitForSampling> sample = new ArrayList<>(units.size());
        for (Unit u : units.values()) {
            Decider decider = deciders.get(u.id());
            String subject = u.signerSubject() != null ? u.signerSubject() : decider == null ? null : decider.subject();
            String name = u.signerSubject() != null ? u.signerName() : decider == null ? null : decider.name();
            boolean trainee = u.signerSubject() != null ? Boolean.FALSE.equals(u.signerQualified())
                    : decider != null && decider.trainee();
            sample.add(new UnitForSampling(u.id(), u.course(), u.learnerSubject(), u.learnerName(), u.frameworkId(),
                    u.unitCode(), subject, name, trainee, methods.getOrDefault(u.id(), Set.of()),
                    evidence.getOrDefault(u.id(), 0), u.started(), u.signedOffAt(), u.complete(), u.held()));
        }
        return sample;
    }

    /** The assessor with more current decisions on the unit; on a tie, who decided last, then by subject. */
    private static Decider mostDecisions(Decider a, Decider b) {
        if (a.decided() != b.decided()) {
            return a.decided() > b.decided() ? a : b;
        }
        int byTime = a.latest().compareTo(b.latest());
        if (byTime != 0) {
            return byTime > 0 ? a : b;
        }
        return a.subject().compareTo(b.subject()) <= 0 ? a : b;
    }
}
