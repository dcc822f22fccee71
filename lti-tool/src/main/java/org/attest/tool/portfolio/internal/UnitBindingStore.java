package org.attest.tool.portfolio.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.attest.tool.portfolio.Course;
import org.attest.tool.portfolio.UnitBinding;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code unit_binding} table: which unit each LMS activity (resource link) is for. */
@Repository
public class UnitBindingStore {

    private final JdbcClient jdbc;

    UnitBindingStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<UnitBinding> inCourse(Course course) {
        return jdbc.sql("""
                SELECT * FROM unit_binding WHERE platform_id = ? AND deployment_id = ? AND context_id = ?
                ORDER BY unit_code, bound_at""")
                .params(course.platformId(), course.deploymentId(), course.contextId())
                .query((rs, n) -> new UnitBinding(course, rs.getString("resource_link_id"),
                        rs.getObject("framework_id", UUID.class), rs.getString("unit_code"), rs.getString("title")))
                .list();
    }

    public Optional<UnitBinding> find(UUID platformId, String resourceLinkId) {
        return jdbc.sql("SELECT * FROM unit_binding WHERE platform_id = ? AND resource_link_id = ?")
                .params(platformId, resourceLinkId)
                .query((rs, n) -> new UnitBinding(
                        new Course(platformId, rs.getString("deployment_id"), rs.getString("context_id")),
                        resourceLinkId, rs.getObject("framework_id", UUID.class), rs.getString("unit_code"),
                        rs.getString("title")))
                .optional();
    }

    /** Binds the activity; false when another request bound it first. */
    public boolean insert(UnitBinding binding, String boundBy, Instant at) {
        Course course = binding.course();
        // ON CONFLICT rather than catching the duplicate key: on PostgreSQL a failed INSERT aborts the transaction, and
        // the caller reads the binding that won the race in that same transaction.
        return jdbc.sql("""
                INSERT INTO unit_binding (platform_id, resource_link_id, deployment_id, context_id, framework_id,
                    unit_code, title, bound_by, bound_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING""")
                .params(course.platformId(), binding.resourceLinkId(), course.deploymentId(), course.contextId(),
                        binding.frameworkId(), binding.unitCode(), binding.title(), boundBy, Timestamp.from(at))
                .update() == 1;
    }
}
