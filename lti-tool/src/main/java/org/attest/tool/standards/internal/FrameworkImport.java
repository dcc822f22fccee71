package org.attest.tool.standards.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.attest.standards.Framework;
import org.attest.standards.ImportResult;
import org.attest.standards.StandardsImportException;
import org.attest.standards.read.SourceDocument;
import org.attest.standards.read.StandardsImporter;
import org.attest.standards.write.CaseJsonWriter;
import org.attest.tool.lti.AdminRefused;
import org.attest.tool.lti.AdminScope;
import org.attest.tool.standards.FrameworkCatalog;
import org.attest.tool.standards.FrameworkVersionImported;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports CASE 1.0 packages as framework versions. All or nothing: a package that is not valid
 * CASE changes nothing. A package whose framework (its {@code CFDocument} identifier) is new
 * becomes that framework's first version; a changed package of a known framework becomes its new
 * current version, with what changed per criterion stored and published as
 * {@link FrameworkVersionImported}; the same content again changes nothing.
 *
 * <p>"The same content" is the framework as Attest reads it (units, criteria, range, evidence
 * rules, title, version label, ...), written back as CASE JSON with a fixed date: so a package
 * exported again, with only {@code lastChangeDateTime} moved on, is no change.
 *
 * <p><b>Who may import what.</b> A framework belongs to the scope that first imported it
 * ({@link AdminScope}): a centre's frameworks to its platform, the bundled samples and the
 * operator's imports to the whole tool. A centre administrator imports new frameworks for their
 * centre and new versions of their centre's frameworks only; a package of a tool-wide framework is
 * "no change" when it has the current content and refused otherwise, and a package whose
 * identifier another centre uses is refused without saying whose it is. The operator may version
 * any framework; a new version keeps the framework's owner.
 *
 * <p>Replicas may import at once (every replica seeds the samples on its first start): the
 * database keeps one version per content and one current version per framework, and an import
 * that loses such a race looks again once the winner has committed.
 */
@Service
public class FrameworkImport {

    /** The largest CASE package Attest imports (the standards-import reader refuses larger documents too). */
    public static final int MAX_PACKAGE_BYTES = 50 * 1024 * 1024;

    /** How a package is named in messages when it has no file name (an API request body). */
    public static final String REQUEST_BODY = "request body";

    private static final Logger log = LoggerFactory.getLogger(FrameworkImport.class);

    private record StoredVersion(UUID id, String version, Instant importedAt, boolean current) {
    }

    /** @param platformId the centre a framework belongs to; {@code null} for a tool-wide framework */
    private record Owner(UUID platformId) {
    }

    /** A package Attest refuses once it has looked at the database; thrown out of the transaction, which rolls back. */
    private static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final FrameworkCatalog catalog;
    private final Clock clock;

    FrameworkImport(JdbcClient jdbc, PlatformTransactionManager transactions, ApplicationEventPublisher events,
            FrameworkCatalog catalog, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.events = events;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** Imports a package sent without a file name; see {@link #importCase(AdminScope, String, byte[], String)}. */
    public ImportOutcome importCase(AdminScope scope, byte[] caseJson, String importedBy) throws StandardsImportException {
        return importCase(scope, REQUEST_BODY, caseJson, importedBy);
    }

    /**
     * Imports one CASE 1.0 package.
     *
     * @param scope who imports it: a new framework belongs to this scope, and only frameworks this scope manages get new versions
     * @param fileName names the package in error messages
     * @param importedBy who imported it, as the admin pages show it
     * @throws StandardsImportException when the bytes are not a CASE package Attest can read, or are
     *     the content of an older version (nothing is changed)
     * @throws AdminRefused (403) when the package is a new version of a framework this scope does not manage (nothing is changed)
     */
    public ImportOutcome importCase(AdminScope scope, String fileName, byte[] caseJson, String importedBy)
            throws StandardsImportException {
        if (fileName != null && fileName.chars().anyMatch(Character::isISOControl)) {
            throw new StandardsImportException("the uploaded file", 0, "its name contains a control character (such as NUL "
                    + "or a line break), which no ordinary file name has; rename the file and upload it again");
        }
        ImportResult read = read(fileName, caseJson);
        String json = SourceDocument.text(caseJson);
        String sha256 = sha256(CaseJsonWriter.write(read.framework(), Instant.EPOCH));
        try {
            try {
                return transaction.execute(status -> store(scope, read, json, sha256, importedBy));
            } catch (DuplicateKeyException | ConcurrencyFailureException raced) {
                // Another replica stored this framework meanwhile; with its version committed, this import is judged again.
                log.info("Import of framework {} raced another import; trying once more", read.framework().id());
                return transaction.execute(status -> store(scope, read, json, sha256, importedBy));
            }
        } catch (DuplicateKeyException | ConcurrencyFailureException raced) {
            throw new StandardsImportException(fileName, 0, "another import of framework " + read.framework().title()
                    + " ran at the same moment; nothing was changed by this one: import it again");
        } catch (Refused refused) {
            throw new StandardsImportException(fileName, 0, refused.getMessage());
        }
    }

    /** Reads the package with the standards-import CASE reader; only JSON is taken, never a unit document. */
    private static ImportResult read(String fileName, byte[] caseJson) throws StandardsImportException {
        if (caseJson == null || caseJson.length == 0) {
            throw new StandardsImportException(fileName, 0, "it is empty; send a CASE 1.0 JSON package "
                    + "(standards-import --format case writes one)");
        }
        int first = firstSignificantByte(caseJson);
        if (first != '{') {
            throw new StandardsImportException(fileName, 0, "not a CASE package: a CASE 1.0 package is a JSON object "
                    + "(starting with '{') with CFDocument and CFItems. Turn a PDF, Word or text unit document into one "
                    + "with the standards-import CLI (--format case), or push it with --push");
        }
        return StandardsImporter.read(new SourceDocument(fileName, caseJson));
    }

    private ImportOutcome store(AdminScope scope, ImportResult read, String json, String sha256, String importedBy) {
        Framework framework = read.framework();
        int criteria = (int) framework.criteria().count();
        Optional<Owner> existing = owner(framework.id());
        UUID owner = existing.isPresent() ? existing.get().platformId() : scope.platformId(); // null: tool-wide
        if (existing.isPresent()) {
            FrameworkAccess.requireVisible(scope, owner, String.valueOf(framework.id()));
        }
        Optional<StoredVersion> same = versions(framework.id(), "AND sha256 = ?", sha256).stream().findFirst();
        if (same.isPresent() && same.get().current()) {
            StoredVersion s = same.get();
            return new ImportOutcome(ImportOutcome.Result.NO_CHANGE, framework.id(), framework.title(), s.id(), s.version(),
                    null, framework.units().size(), criteria, List.of(), read.warnings());
        }
        FrameworkAccess.requireManages(scope, owner, framework.title());
        if (same.isPresent()) {
            StoredVersion s = same.get();
            throw new Refused("this package has the same content as version '" + s.version() + "' of "
                    + framework.title() + ", imported " + s.importedAt() + " and since replaced; Attest does not "
                    + "go back to an old version: to make this content current again, give the package a new "
                    + "version label (CFDocument.version) and import it");
        }
        List<StoredVersion> earlier = versions(framework.id(), "", null);
        Optional<StoredVersion> previous = earlier.stream().filter(StoredVersion::current).findFirst();
        List<CriterionChange> changes = previous
                .map(p -> CriterionChanges.between(catalog.version(p.id()).orElseThrow(), framework))
                .orElse(List.of());
        UUID versionId = UUID.randomUUID();
        String label = label(framework.version(), earlier);
        afterCompletion(catalog::currentChanged);
        if (previous.isPresent() && jdbc.sql("UPDATE framework_version SET current = NULL WHERE id = ? AND current")
                .param(previous.get().id()).update() != 1) {
            throw new OptimisticLockingFailureException("version " + previous.get().id() + " stopped being current meanwhile");
        }
        jdbc.sql("""
                INSERT INTO framework_version (id, framework_id, version, title, creator, case_json, sha256, imported_at,
                                               imported_by, current, platform_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, TRUE, ?)""")
                .params(versionId, framework.id(), label, framework.title(), framework.creator(), json, sha256,
                        Timestamp.from(clock.instant()), importedBy, owner)
                .update();
        for (CriterionChange c : changes) {
            jdbc.sql("""
                    INSERT INTO criterion_change (version_id, criterion_id, unit_code, criterion_code, change, old_statement,
                                                  new_statement)
                    VALUES (?, ?, ?, ?, ?, ?, ?)""")
                    .params(versionId, c.criterionId(), c.unitCode(), c.criterionCode(), c.change().name(), c.oldStatement(),
                            c.newStatement())
                    .update();
        }
        UUID previousId = previous.map(StoredVersion::id).orElse(null);
        events.publishEvent(new FrameworkVersionImported(framework.id(), previousId, versionId, ids(changes, CriterionChange.Kind.CHANGED),
                ids(changes, CriterionChange.Kind.ADDED), ids(changes, CriterionChange.Kind.REMOVED)));
        ImportOutcome outcome = new ImportOutcome(previous.isPresent() ? ImportOutcome.Result.NEW_VERSION : ImportOutcome.Result.NEW_FRAMEWORK,
                framework.id(), framework.title(), versionId, label, previousId, framework.units().size(), criteria, changes,
                read.warnings());
        log.info("{} (by {})", outcome.summary(), importedBy);
        return outcome;
    }

    /** The package's label, or "label (n)" for the n-th version when an earlier version already had that label. */
    private static String label(String caseVersion, List<StoredVersion> earlier) {
        Set<String> used = earlier.stream().map(StoredVersion::version).collect(Collectors.toSet());
        if (!used.contains(caseVersion)) {
            return caseVersion;
        }
        int n = earlier.size() + 1;
        while (used.contains(caseVersion + " (" + n + ")")) {
            n++;
        }
        return caseVersion + " (" + n + ")";
    }

    /** Who a framework Attest has belongs to; empty for a framework it does not have. */
    private Optional<Owner> owner(UUID frameworkId) {
        return jdbc.sql("SELECT platform_id FROM framework_version WHERE framework_id = ? ORDER BY imported_at LIMIT 1")
                .param(frameworkId)
                .query((rs, n) -> new Owner(rs.getObject("platform_id", UUID.class)))
                .optional();
    }

    private List<StoredVersion> versions(UUID frameworkId, String condition, String sha256) {
        var query = jdbc.sql("SELECT id, version, imported_at, current FROM framework_version WHERE framework_id = ? " + condition
                + " ORDER BY imported_at").param(frameworkId);
        if (sha256 != null) {
            query = query.param(sha256);
        }
        return query.query((rs, n) -> new StoredVersion(rs.getObject("id", UUID.class), rs.getString("version"),
                rs.getTimestamp("imported_at").toInstant(), rs.getBoolean("current"))).list();
    }

    private static Set<UUID> ids(List<CriterionChange> changes, CriterionChange.Kind kind) {
        return changes.stream().filter(c -> c.change() == kind).map(CriterionChange::criterionId).collect(Collectors.toSet());
    }

    private static void afterCompletion(Runnable action) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                action.run();
            }
        });
    }

    private static int firstSignificantByte(byte[] content) {
        for (byte b : content) {
            if (!(b == ' ' || b == '\n' || b == '\r' || b == '\t' || b == (byte) 0xEF || b == (byte) 0xBB || b == (byte) 0xBF)) {
                return b;
            }
        }
        return -1;
    }

    private static String sha256(String canonical) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
