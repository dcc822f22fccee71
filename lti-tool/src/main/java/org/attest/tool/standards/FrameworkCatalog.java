package org.attest.tool.standards;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.attest.standards.Framework;
import org.attest.standards.StandardsImportException;
import org.attest.standards.Unit;
import org.attest.standards.read.SourceDocument;
import org.attest.standards.read.StandardsImporter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The frameworks the tool offers, as imported into the database (by the module's {@code internal.FrameworkImport}).
 *
 * <p>A version never changes once imported, so each is read from its CASE package once and kept
 * in memory (a framework is a few hundred kilobytes at most). Which version is current is asked
 * of the database at most every {@link #CURRENT_TTL}, so an import on another replica is offered
 * here within that time; an import on this replica is offered at once.
 *
 * <p>What a course may place is scoped: a platform's courses are offered the tool-wide frameworks
 * and their own centre's ({@link #units(UUID)}, {@link #unit(UUID, String, String)}), never another
 * centre's. Lookups of what is already placed (by version id, or a bound unit's framework) are not.
 */
@Service
public class FrameworkCatalog {

    /**
     * A unit as it can be placed in a course: the unit as one version of its framework prints it.
     *
     * @param versionId the framework version the unit was read from; learners' portfolios pin it
     */
    public record PlaceableUnit(Framework framework, UUID versionId, Unit unit) {
    }

    /** How long the list of current versions is reused: how late another replica's import may be seen here. */
    static final Duration CURRENT_TTL = Duration.ofSeconds(2);

    /** @param owner the platform whose centre the framework belongs to; {@code null} for a tool-wide framework */
    private record CurrentVersion(UUID versionId, UUID owner) {
    }

    private record Current(List<CurrentVersion> versions, long expiresAtNanos) {
    }

    private final JdbcClient jdbc;
    private final Map<UUID, Framework> versions = new ConcurrentHashMap<>();
    private volatile Current current = new Current(List.of(), System.nanoTime());
    /** Bumped by every import, so a read that began before an import is not reused after it. */
    private final AtomicLong generation = new AtomicLong();

    FrameworkCatalog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The current version of each framework, in the order they were first imported. */
    public List<Framework> frameworks() {
        return currentVersions().stream().map(v -> parsed(v.versionId())).toList();
    }

    /**
     * Every unit of the current version of each framework this platform's courses may place: the
     * tool-wide frameworks and the platform's centre's own.
     *
     * @param platformId the platform of the launch; {@code null} for the tool-wide frameworks only
     */
    public List<PlaceableUnit> units(UUID platformId) {
        List<PlaceableUnit> units = new ArrayList<>();
        for (CurrentVersion current : currentVersions()) {
            if (current.owner() == null || current.owner().equals(platformId)) {
                Framework framework = parsed(current.versionId());
                framework.units().forEach(u -> units.add(new PlaceableUnit(framework, current.versionId(), u)));
            }
        }
        return units;
    }

    /** The unit in the current version of its framework, if this platform's courses may place that framework. */
    public Optional<PlaceableUnit> unit(UUID platformId, String frameworkId, String unitCode) {
        return units(platformId).stream()
                .filter(p -> p.framework().id().toString().equals(frameworkId) && p.unit().code().equals(unitCode))
                .findFirst();
    }

    /** The unit in one particular framework version, current or not. */
    public Optional<PlaceableUnit> unit(UUID versionId, String unitCode) {
        return version(versionId).flatMap(f -> f.unit(unitCode).map(u -> new PlaceableUnit(f, versionId, u)));
    }

    /**
     * The unit in the current version of its framework, whoever owns it: for a unit already placed
     * in a course (a binding or a task checked when it was made). To offer or place a unit, use
     * {@link #unit(UUID, String, String)}.
     */
    public Optional<PlaceableUnit> unit(String frameworkId, String unitCode) {
        for (CurrentVersion current : currentVersions()) {
            Framework framework = parsed(current.versionId());
            if (framework.id().toString().equals(frameworkId)) {
                return framework.unit(unitCode).map(u -> new PlaceableUnit(framework, current.versionId(), u));
            }
        }
        return Optional.empty();
    }

    /** A version, current or not, read once from its CASE package; empty when there is no such version. */
    public Optional<Framework> version(UUID versionId) {
        Framework known = versions.get(versionId);
        if (known != null) {
            return Optional.of(known);
        }
        // Unknown ids are not remembered, so lookups of made-up ids cannot fill memory.
        return jdbc.sql("SELECT version, case_json FROM framework_version WHERE id = ?").param(versionId)
                .query((rs, n) -> read(versionId, rs.getString("version"), rs.getString("case_json")))
                .optional()
                .map(f -> versions.computeIfAbsent(versionId, id -> f));
    }

    /**
     * An import or a change of owner committed or rolled back here: ask the database which versions are current at the
     * next lookup. Called by the module's own import and ownership services; other modules have no reason to.
     */
    public void currentChanged() {
        generation.incrementAndGet();
        current = new Current(List.of(), System.nanoTime());
    }

    private List<CurrentVersion> currentVersions() {
        Current cached = current;
        long now = System.nanoTime();
        if (now - cached.expiresAtNanos() < 0) {
            return cached.versions();
        }
        long before = generation.get();
        List<CurrentVersion> found = jdbc.sql("""
                        SELECT v.id, v.platform_id FROM framework_version v
                        WHERE v.current
                        ORDER BY (SELECT MIN(f.imported_at) FROM framework_version f WHERE f.framework_id = v.framework_id),
                                 v.framework_id""")
                .query((rs, n) -> new CurrentVersion(rs.getObject("id", UUID.class), rs.getObject("platform_id", UUID.class)))
                .list();
        if (generation.get() == before) {
            current = new Current(found, now + CURRENT_TTL.toNanos());
        }
        return found;
    }

    private Framework parsed(UUID versionId) {
        return version(versionId).orElseThrow(() -> new IllegalStateException("framework version " + versionId
                + " was current a moment ago and is gone from the database; versions are never deleted"));
    }

    /** The framework as its CASE package gives it, under the label Attest gave the version. */
    private static Framework read(UUID versionId, String label, String caseJson) {
        Framework f;
        try {
            f = StandardsImporter.read(new SourceDocument("framework version " + versionId,
                    caseJson.getBytes(StandardCharsets.UTF_8))).framework();
        } catch (StandardsImportException e) {
            throw new IllegalStateException("a stored framework version no longer reads as a CASE package: " + e.getMessage(), e);
        }
        return new Framework(f.id(), f.title(), label, f.creator(), f.units(), f.assessmentMethods(), f.recordingForms(),
                f.witnessStatuses());
    }
}
