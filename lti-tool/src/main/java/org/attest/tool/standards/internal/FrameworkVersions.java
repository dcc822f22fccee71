package org.attest.tool.standards.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.attest.standards.Framework;
import org.attest.tool.lti.AdminScope;
import org.attest.tool.standards.FrameworkCatalog;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The import history the admin pages list: each framework an administrator sees, with its versions and what each changed. */
@Service
public class FrameworkVersions {

    /**
     * One imported version; the counts are its changes against the version it replaced.
     *
     * @param first whether this is the framework's first version, which replaced nothing
     */
    public record Version(UUID id, String version, Instant importedAt, String importedBy, boolean current, boolean first,
            int units, int criteria, int changed, int added, int removed) {
    }

    /**
     * A framework with its versions, newest first.
     *
     * @param platformId the centre it belongs to; {@code null} for a tool-wide framework
     */
    public record FrameworkHistory(UUID frameworkId, String title, String creator, UUID platformId, List<Version> versions) {

        public Version current() {
            return versions.stream().filter(Version::current).findFirst().orElse(versions.get(0));
        }
    }

    private final JdbcClient jdbc;
    private final FrameworkCatalog catalog;

    FrameworkVersions(JdbcClient jdbc, FrameworkCatalog catalog) {
        this.jdbc = jdbc;
        this.catalog = catalog;
    }

    /**
     * The frameworks this scope sees (for a centre, the tool-wide ones and its own; for the operator,
     * every one), in the order they were first imported, with the title and creator of the current version.
     */
    public List<FrameworkHistory> visibleTo(AdminScope scope) {
        String where = scope.isTool() ? "" : "WHERE (v.platform_id IS NULL OR v.platform_id = ?)\n";
        var query = jdbc.sql("""
                        SELECT v.id, v.framework_id, v.version, v.title, v.creator, v.imported_at, v.imported_by, v.current,
                               v.platform_id,
                               (SELECT COUNT(*) FROM criterion_change c WHERE c.version_id = v.id AND c.change = 'CHANGED') AS changed,
                               (SELECT COUNT(*) FROM criterion_change c WHERE c.version_id = v.id AND c.change = 'ADDED') AS added,
                               (SELECT COUNT(*) FROM criterion_change c WHERE c.version_id = v.id AND c.change = 'REMOVED') AS removed
                        FROM framework_version v
                        """ + where + """
                        ORDER BY (SELECT MIN(f.imported_at) FROM framework_version f WHERE f.framework_id = v.framework_id),
                                 v.framework_id, v.imported_at DESC""");
        if (!scope.isTool()) {
            query = query.param(scope.platformId());
        }
        List<Row> rows = query
                .query((rs, n) -> new Row(rs.getObject("framework_id", UUID.class), rs.getString("title"), rs.getString("creator"),
                        rs.getObject("platform_id", UUID.class),
                        new Version(rs.getObject("id", UUID.class), rs.getString("version"), rs.getTimestamp("imported_at").toInstant(),
                                rs.getString("imported_by"), rs.getBoolean("current"), false, 0, 0, rs.getInt("changed"),
                                rs.getInt("added"), rs.getInt("removed"))))
                .list();
        Map<UUID, List<Row>> byFramework = new LinkedHashMap<>();
        rows.forEach(r -> byFramework.computeIfAbsent(r.frameworkId(), id -> new ArrayList<>()).add(r));
        List<FrameworkHistory> history = new ArrayList<>();
        byFramework.forEach((id, found) -> {
            List<Row> list = new ArrayList<>();
            for (int i = 0; i < found.size(); i++) {
                list.add(withSize(found.get(i), i == found.size() - 1));
            }
            Row shown = list.stream().filter(r -> r.version().current()).findFirst().orElse(list.get(0));
            history.add(new FrameworkHistory(id, shown.title(), shown.creator(), shown.platformId(),
                    list.stream().map(Row::version).toList()));
        });
        return history;
    }

    private record Row(UUID frameworkId, String title, String creator, UUID platformId, Version version) {
    }

    /** The row with its version's unit and criterion counts, from the catalog's copy of that version. */
    private Row withSize(Row r, boolean first) {
        Version v = r.version();
        Framework f = catalog.version(v.id()).orElseThrow();
        return new Row(r.frameworkId(), r.title(), r.creator(), r.platformId(), new Version(v.id(), v.version(), v.importedAt(), v.importedBy(),
                v.current(), first, f.units().size(), (int) f.criteria().count(), v.changed(), v.added(), v.removed()));
    }

    /** What a version changed against the one it replaced: changed, added, then removed criteria, by code. */
    public List<CriterionChange> changes(UUID versionId) {
        return jdbc.sql("""
                        SELECT criterion_id, unit_code, criterion_code, change, old_statement, new_statement
                        FROM criterion_change WHERE version_id = ?
                        ORDER BY CASE change WHEN 'CHANGED' THEN 0 WHEN 'ADDED' THEN 1 ELSE 2 END, unit_code, criterion_code""")
                .param(versionId)
                .query((rs, n) -> new CriterionChange(rs.getObject("criterion_id", UUID.class), rs.getString("unit_code"),
                        rs.getString("criterion_code"), CriterionChange.Kind.valueOf(rs.getString("change")),
                        rs.getString("old_statement"), rs.getString("new_statement")))
                .list();
    }
}
