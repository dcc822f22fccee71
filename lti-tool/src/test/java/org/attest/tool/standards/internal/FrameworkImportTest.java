package org.attest.tool.standards.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.attest.tool.standards.CasePackages.caseJson;
import static org.attest.tool.standards.CasePackages.criterionId;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.attest.standards.Framework;
import org.attest.standards.StableIds;
import org.attest.standards.StandardsImportException;
import org.attest.standards.write.CaseJsonWriter;
import org.attest.tool.IntegrationTest;
import org.attest.tool.lti.AdminScope;
import org.attest.tool.standards.CasePackages;
import org.attest.tool.standards.Catalogs;
import org.attest.tool.standards.FrameworkCatalog;
import org.attest.tool.standards.FrameworkVersionImported;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.PlatformTransactionManager;

/** Importing CASE packages as framework versions, on the database, as the admin page and the API use it. */
@RecordApplicationEvents
class FrameworkImportTest extends IntegrationTest {

    @Autowired
    FrameworkImport imports;

    @Autowired
    FrameworkCatalog catalog;

    @Autowired
    FrameworkSeeding seeding;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationEvents events;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    Clock clock;

    @Test
    void startLoadsUnit224AndTheRecordingFormsUnits() {
        UUID unit224Framework = StableIds.framework("Unit 224");

        FrameworkCatalog.PlaceableUnit unit224 = catalog.unit(unit224Framework.toString(), "224").orElseThrow();

        assertThat(unit224.unit().criterion("224.1.1")).isPresent();
        assertThat(catalog.units(null)).extracting(p -> p.unit().code()).contains("224", "101", "201", "210", "216");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM framework_version WHERE imported_by = ?").param(FrameworkSeeding.IMPORTED_BY)
                .query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void seedingAgainImportsNothing() throws Exception {
        long before = versionRows();

        seeding.seedWhenEmpty();

        assertThat(versionRows()).isEqualTo(before);
    }

    @Test
    void aChangedPackageBecomesTheCurrentVersionWithExactlyItsCriterionChanges() throws Exception {
        Framework v1 = CasePackages.unit224(CasePackages.uniqueTitle("versions"));
        ImportOutcome first = imports.importCase(AdminScope.TOOL, caseJson(v1), "test");
        events.clear();

        ImportOutcome second = imports.importCase(AdminScope.TOOL, caseJson(CasePackages.modified(v1)), "test");

        assertThat(first.result()).isEqualTo(ImportOutcome.Result.NEW_FRAMEWORK);
        assertThat(second.result()).isEqualTo(ImportOutcome.Result.NEW_VERSION);
        assertThat(second.previousVersionId()).isEqualTo(first.versionId());
        assertThat(second.version()).isEqualTo("1 (2)");
        assertThat(second.changes()).extracting(CriterionChange::criterionCode, CriterionChange::change).containsExactly(
                org.assertj.core.groups.Tuple.tuple(CasePackages.REWORDED, CriterionChange.Kind.CHANGED),
                org.assertj.core.groups.Tuple.tuple(CasePackages.ADDED, CriterionChange.Kind.ADDED),
                org.assertj.core.groups.Tuple.tuple(CasePackages.REMOVED, CriterionChange.Kind.REMOVED));
        assertThat(second.changes(CriterionChange.Kind.CHANGED).get(0).newStatement()).isEqualTo(CasePackages.REWORDED_TO);
        assertThat(jdbc.sql("SELECT criterion_code || ' ' || change FROM criterion_change WHERE version_id = ? ORDER BY criterion_code")
                .param(second.versionId()).query(String.class).list())
                .containsExactly("224.1.1 CHANGED", "224.1.2 REMOVED", "224.1.99 ADDED");
        assertThat(jdbc.sql("SELECT id FROM framework_version WHERE framework_id = ? AND current").param(v1.id())
                .query(UUID.class).list()).containsExactly(second.versionId());
        assertThat(events.stream(FrameworkVersionImported.class)).containsExactly(new FrameworkVersionImported(v1.id(),
                first.versionId(), second.versionId(), Set.of(criterionId(v1, CasePackages.REWORDED)),
                Set.of(criterionId(v1, CasePackages.ADDED)), Set.of(criterionId(v1, CasePackages.REMOVED))));
        Framework current = catalog.frameworks().stream().filter(f -> f.id().equals(v1.id())).findFirst().orElseThrow();
        assertThat(current.unit("224").orElseThrow().criterion("224.1.3").orElseThrow().id())
                .as("an unchanged criterion keeps its id").isEqualTo(criterionId(v1, "224.1.3"));
    }

    @Test
    void theCatalogStillGivesTheUnitOfAReplacedVersion() throws Exception {
        Framework v1 = CasePackages.unit224(CasePackages.uniqueTitle("pinned"));
        UUID firstVersion = imports.importCase(AdminScope.TOOL, caseJson(v1), "test").versionId();

        UUID secondVersion = imports.importCase(AdminScope.TOOL, caseJson(CasePackages.modified(v1)), "test").versionId();

        FrameworkCatalog.PlaceableUnit old = catalog.unit(firstVersion, "224").orElseThrow();
        assertThat(old.versionId()).isEqualTo(firstVersion);
        assertThat(old.unit().criterion(CasePackages.REMOVED)).isPresent();
        assertThat(old.unit().criterion(CasePackages.REWORDED).orElseThrow().statement()).doesNotContain("apps");
        FrameworkCatalog.PlaceableUnit now = catalog.unit(v1.id().toString(), "224").orElseThrow();
        assertThat(now.versionId()).isEqualTo(secondVersion);
        assertThat(now.unit().criterion(CasePackages.REMOVED)).isEmpty();
        assertThat(catalog.unit(UUID.randomUUID(), "224")).isEmpty();
    }

    @Test
    void theSameContentAgainIsNoChangeEvenWithANewChangeDate() throws Exception {
        Framework v1 = CasePackages.unit224(CasePackages.uniqueTitle("idempotent"));
        ImportOutcome first = imports.importCase(AdminScope.TOOL, caseJson(v1), "test");
        long rows = versionRows();
        events.clear();

        ImportOutcome again = imports.importCase(AdminScope.TOOL,
                CaseJsonWriter.write(v1, Instant.parse("2031-01-01T00:00:00Z")).getBytes(), "test");

        assertThat(again.result()).isEqualTo(ImportOutcome.Result.NO_CHANGE);
        assertThat(again.versionId()).isEqualTo(first.versionId());
        assertThat(again.summary()).startsWith("No change");
        assertThat(versionRows()).isEqualTo(rows);
        assertThat(events.stream(FrameworkVersionImported.class)).isEmpty();
    }

    @Test
    void theContentOfAReplacedVersionIsRefusedWithWhatToDo() throws Exception {
        Framework v1 = CasePackages.unit224(CasePackages.uniqueTitle("go back"));
        imports.importCase(AdminScope.TOOL, caseJson(v1), "test");
        imports.importCase(AdminScope.TOOL, caseJson(CasePackages.modified(v1)), "test");
        long rows = versionRows();

        assertThatThrownBy(() -> imports.importCase(AdminScope.TOOL, caseJson(v1), "test"))
                .isInstanceOf(StandardsImportException.class)
                .hasMessageContaining("same content as version '1'")
                .hasMessageContaining("give the package a new version label");
        assertThat(versionRows()).isEqualTo(rows);
    }

    @Test
    void malformedAndNonCaseInputIsRefusedWithAReasonAndChangesNothing() {
        long rows = versionRows();

        assertThatThrownBy(() -> imports.importCase(AdminScope.TOOL, new byte[0], "test")).hasMessageContaining("it is empty");
        assertThatThrownBy(() -> imports.importCase(AdminScope.TOOL, "{\"CFDocument\": ".getBytes(), "test")).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> imports.importCase(AdminScope.TOOL, "{\"name\": \"a unit\"}".getBytes(), "test"))
                .hasMessageContaining("not a CASE 1.0 package: there is no CFDocument object");
        assertThatThrownBy(() -> imports.importCase(AdminScope.TOOL, org.attest.standards.Samples.UNIT_224.bytes(), "test"))
                .hasMessageContaining("not a CASE package").hasMessageContaining("standards-import");
        assertThat(versionRows()).isEqualTo(rows);
    }

    @Test
    void replicasImportingTheSameNewFrameworkAtOnceStoreItOnce() throws Exception {
        byte[] json = caseJson(CasePackages.unit224(CasePackages.uniqueTitle("race")));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ImportOutcome>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return imports.importCase(AdminScope.TOOL, json, "replica");
                }));
            }
            start.countDown();
            List<ImportOutcome.Result> outcomes = new ArrayList<>();
            for (Future<ImportOutcome> r : results) {
                outcomes.add(r.get(30, TimeUnit.SECONDS).result());
            }

            assertThat(outcomes).containsOnlyOnce(ImportOutcome.Result.NEW_FRAMEWORK)
                    .filteredOn(r -> r != ImportOutcome.Result.NEW_FRAMEWORK).containsOnly(ImportOutcome.Result.NO_CHANGE);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aVersionImportedOnAnotherReplicaIsOfferedWithinTheCacheTime() throws Exception {
        Framework v1 = CasePackages.unit224(CasePackages.uniqueTitle("replica"));
        imports.importCase(AdminScope.TOOL, caseJson(v1), "test");
        assertThat(catalog.unit(v1.id().toString(), "224")).isPresent();
        FrameworkImport otherReplica = new FrameworkImport(jdbc, transactions, event -> { }, Catalogs.ofAnotherReplica(jdbc), clock);

        UUID imported = otherReplica.importCase(AdminScope.TOOL, caseJson(CasePackages.modified(v1)), "other replica").versionId();

        org.awaitility.Awaitility.await().atMost(Catalogs.CURRENT_TTL.plusSeconds(2))
                .untilAsserted(() -> assertThat(catalog.unit(v1.id().toString(), "224").orElseThrow().versionId())
                        .isEqualTo(imported));
    }

    private long versionRows() {
        return jdbc.sql("SELECT COUNT(*) FROM framework_version").query(Long.class).single();
    }
}
