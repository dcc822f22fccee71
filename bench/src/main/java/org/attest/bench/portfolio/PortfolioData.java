package org.attest.bench.portfolio;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.attest.bench.portfolio.QualificationPlan.Item;
import org.attest.bench.portfolio.QualificationPlan.PlannedUnit;

/**
 * Loads the generated data set into the tool's PostgreSQL database with COPY: centres as
 * deployments of the played platform, assessors, unit bindings, every learner unit, and for the
 * learner units that get evidence ({@link DataShape}) their evidence, files, mappings, decisions
 * and signatures.
 *
 * <p>Rows go in the order a year of use would write them, not portfolio by portfolio: learner units
 * unit by unit across all courses, evidence in rounds (every portfolio's first piece, then every
 * second piece, ...), decisions criterion by criterion. So one learner unit's 20 pieces of evidence
 * lie in 20 different heap pages, as they would in production, and the measured queries pay for
 * that scatter.
 */
final class PortfolioData {

    /** How many rows each table got and how long the load took. */
    record Summary(Map<String, Long> rows, long learnerUnitsWithEvidence, double seconds) {
    }

    private static final int FLUSH_BYTES = 8 << 20;
    private static final String DECLARATION = "I declare that the evidence in this portfolio is my own work, gathered in my real "
            + "job with real customers, and that any witness named is a genuine witness of it.";
    private static final String SIGN_OFF = "I confirm that the learner has met every criterion and covered the range of this "
            + "unit, that the evidence is valid, authentic, current and sufficient, and that I assessed it.";

    private final Connection db;
    private final UUID platformId;
    private final DataShape shape;
    private final QualificationPlan plan;
    private final PrintStream log;
    private final long seed;
    private final LocalDate today = LocalDate.now(ZoneOffset.UTC);
    private final Map<String, Long> counts = new LinkedHashMap<>();

    /** The learner units that get evidence, in load order, and their portfolios. */
    private final List<Long> withEvidence = new ArrayList<>();
    private final List<Portfolio> portfolios = new ArrayList<>();

    private PortfolioData(Connection db, UUID platformId, DataShape shape, QualificationPlan plan, PrintStream log) {
        this.db = db;
        this.platformId = platformId;
        this.shape = shape;
        this.plan = plan;
        this.log = log;
        this.seed = shape.seed();
    }

    /** Generates the whole data set for the platform; the database must hold none of it yet. */
    static Summary generate(Connection db, UUID platformId, DataShape shape, QualificationPlan plan, PrintStream log)
            throws SQLException {
        return new PortfolioData(db, platformId, shape, plan, log).generate();
    }

    private Summary generate() throws SQLException {
        long start = System.nanoTime();
        db.setAutoCommit(true);
        try (Copier copier = new Copier(db)) {
            centresAndCourses(copier);
            step("centres, assessors, unit bindings", start);
            learnerUnits(copier);
            step("learner units", start);
            evidence(copier);
            step("evidence, files, mappings", start);
            decisionsAndSignatures(copier);
            step("decisions, signatures", start);
        }
        try (Statement s = db.createStatement()) {
            // what DecisionStore.record keeps with each assessor's first decision (V35 fills it the same way)
            s.execute("""
                    INSERT INTO assessor_first_decision (platform_id, assessor_subject, first_at)
                    SELECT lu.platform_id, d.assessor_subject, MIN(d.decided_at)
                    FROM assessment_decision d JOIN learner_unit lu ON lu.id = d.learner_unit_id
                    WHERE d.source = 'ASSESSOR' GROUP BY lu.platform_id, d.assessor_subject ON CONFLICT DO NOTHING""");
        }
        step("assessors' first decisions", start);
        try (Statement s = db.createStatement()) {
            // VACUUM as well as ANALYZE: sets the visibility map, as autovacuum would have long since in
            // production, and keeps autovacuum from starting on the new rows during the measurement.
            for (String table : counts.keySet()) {
                s.execute("VACUUM (ANALYZE) " + table);
            }
        }
        step("VACUUM (ANALYZE)", start);
        return new Summary(Map.copyOf(counts), withEvidence.size(), (System.nanoTime() - start) / 1e9);
    }

    private void step(String what, long start) {
        log.printf(Locale.ROOT, "  %-36s done at %6.1f s%n", what, (System.nanoTime() - start) / 1e9);
    }

    private void centresAndCourses(Copier copier) throws SQLException {
        Instant registered = instant(today.minusDays(450), 9 * 60);
        try (PreparedStatement s = db.prepareStatement("""
                INSERT INTO deployment (platform_id, deployment_id, name, created_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (platform_id, deployment_id) DO NOTHING""")) {
            for (int c = 0; c < shape.centres(); c++) {
                s.setObject(1, platformId);
                s.setString(2, DataShape.deploymentId(c));
                s.setString(3, Wording.centreName(c));
                s.setObject(4, registered.atOffset(ZoneOffset.UTC));
                s.addBatch();
            }
            s.executeBatch();
        }
        counts.put("deployment", (long) shape.centres());

        CopyRows assessors = new CopyRows("assessor_status", "platform_id, subject, name, qualified, updated_by, updated_at");
        CopyRows bindings = new CopyRows("unit_binding",
                "platform_id, resource_link_id, deployment_id, context_id, framework_id, unit_code, title, bound_by, bound_at");
        for (int k = 0; k < shape.courses(); k++) {
            for (boolean qualified : new boolean[] {true, false}) {
                assessors.add(platformId).add(DataShape.assessorSubject(k, qualified)).add(Wording.assessorName(k, qualified))
                        .add(qualified).add("centre administrator").add(registered).endRow();
            }
            for (PlannedUnit u : plan.units()) {
                if (k == 0 && u.index() == 0) {
                    continue; // the measured activity is bound by its first launch, from its custom parameters
                }
                bindings.add(platformId).add(DataShape.resourceLinkId(k, u.index())).add(DataShape.deploymentId(shape.centreOf(k)))
                        .add(DataShape.contextId(k)).add(u.frameworkId()).add(u.code()).add(u.unit().displayName())
                        .add("deep linking").add(courseStart(k)).endRow();
            }
        }
        send(copier, assessors, bindings);
        copier.finish();
    }

    private void learnerUnits(Copier copier) throws SQLException {
        // The caseload's course-wide counts, kept on the row from V6 of the schema on.
        boolean counts = hasColumn("learner_unit", "evidence_to_mark");
        CopyRows rows = new CopyRows("learner_unit", "id, platform_id, deployment_id, context_id, learner_subject, learner_name, "
                + "framework_id, unit_code, version_id, criteria_met, criteria_total, ready_for_sign_off, complete, "
                + "awaiting_review, last_activity_at, created_at" + (counts ? ", evidence_to_mark, awaiting_countersignature" : ""));
        for (PlannedUnit u : plan.units()) {
            for (int p = 0; p < shape.courseSize(); p++) {
                for (int k = 0; k < shape.courses(); k++) {
                    if (p >= shape.learnersIn(k)) {
                        continue;
                    }
                    int learner = shape.learner(k, p);
                    long lu = learnerUnit(learner, u.index());
                    int total = u.criteria();
                    Instant started = unitStart(k, u.index());
                    int met;
                    boolean ready;
                    boolean complete;
                    int awaiting;
                    int toMark;
                    int toCountersign;
                    Instant lastActivity;
                    if (getsEvidence(k, lu)) {
                        Portfolio portfolio = new Portfolio(seed, lu, u, shape.evidencePerUnit());
                        withEvidence.add(lu);
                        portfolios.add(portfolio);
                        met = portfolio.criteriaMet;
                        ready = portfolio.readyForSignOff;
                        complete = portfolio.complete;
                        awaiting = portfolio.awaitingReview;
                        toMark = portfolio.evidenceToMark;
                        toCountersign = portfolio.awaitingCountersignature;
                        lastActivity = lastActivity(started, portfolio);
                    } else {
                        // Progress columns only: no page of the benchmark opens these portfolios.
                        SplittableRandom r = new SplittableRandom(Ids.mix(seed ^ (lu * 0x2545F4914F6CDD1DL)));
                        double stage = r.nextDouble();
                        complete = stage < 0.15;
                        ready = stage < 0.20;
                        met = ready ? total : r.nextInt(total + 1);
                        awaiting = complete ? 0 : r.nextInt(12);
                        toMark = (awaiting + 2) / 3;
                        toCountersign = 0;
                        lastActivity = started.plusSeconds(86_400L * (30 + r.nextInt(150)));
                    }
                    rows.add(Ids.learnerUnit(seed, lu)).add(platformId).add(DataShape.deploymentId(shape.centreOf(k)))
                            .add(DataShape.contextId(k)).add(DataShape.learnerSubject(learner)).add(Wording.learnerName(learner))
                            .add(u.frameworkId()).add(u.code()).add(u.versionId()).add(met).add(total).add(ready).add(complete)
                            .add(awaiting).add(lastActivity).add(started.minusSeconds(86_400));
                    if (counts) {
                        rows.add(toMark).add(toCountersign);
                    }
                    rows.endRow();
                    if (rows.bufferedBytes() > FLUSH_BYTES) {
                        copier.send(rows);
                    }
                }
            }
        }
        send(copier, rows);
        copier.finish();
    }

    private void evidence(Copier copier) throws SQLException {
        CopyRows evidence = new CopyRows("evidence", "id, learner_unit_id, lineage_id, version, is_current, status, title, account, "
                + "occasion_date, methods, customer_reference, customer_descriptor, simulated, location, witness_name, "
                + "witness_contact, witness_status, witness_relationship, witness_signed_name, witness_signed_on, created_by, "
                + "created_at, updated_at");
        CopyRows files = new CopyRows("evidence_file",
                "id, evidence_id, storage_key, file_name, content_type, size_bytes, sha256, uploaded_at");
        CopyRows mappings = new CopyRows("evidence_mapping",
                "evidence_id, item_id, item_kind, item_code, status, claimed_at, reviewed_by, reviewed_by_name, reviewed_at");
        for (int piece = 0; piece < shape.evidencePerUnit(); piece++) {
            for (int e = 0; e < withEvidence.size(); e++) {
                long lu = withEvidence.get(e);
                piece(lu, portfolios.get(e), piece, evidence, files, mappings);
                if (evidence.bufferedBytes() > FLUSH_BYTES) {
                    send(copier, evidence, files, mappings); // evidence first: files and mappings reference it
                }
            }
            log.printf(Locale.ROOT, "    evidence round %d/%d%n", piece + 1, shape.evidencePerUnit());
        }
        send(copier, evidence, files, mappings);
        copier.finish();
    }

    /** One piece of evidence of one portfolio: version 1 and 2 when it was edited after assessment. */
    private void piece(long lu, Portfolio p, int i, CopyRows evidence, CopyRows files, CopyRows mappings) {
        int learner = (int) (lu / DataShape.UNITS_PER_LEARNER);
        int unitIndex = (int) (lu % DataShape.UNITS_PER_LEARNER);
        int course = courseOf(learner);
        UUID luId = Ids.learnerUnit(seed, lu);
        UUID lineage = Ids.evidence(seed, lu, i, 1);
        LocalDate occasion = unitStartDate(course, unitIndex).plusDays(p.occasionDay[i]);
        Instant created = instant(occasion.plusDays(1), 9 * 60 + (int) Math.floorMod(Ids.mix(lu + i), 480L));
        Instant reviewed = created.plusSeconds(3 * 86_400L);
        String qualified = DataShape.assessorSubject(course, true);
        String qualifiedName = Wording.assessorName(course, true);
        int versions = p.edited[i] ? 2 : 1;
        for (int version = 1; version <= versions; version++) {
            boolean current = version == versions;
            UUID id = Ids.evidence(seed, lu, i, version);
            Instant versionCreated = version == 1 ? created : reviewed.plusSeconds(5 * 86_400L);
            Instant versionReviewed = versionCreated.plusSeconds(3 * 86_400L);
            boolean assessed = !current || p.reviewed(i);
            long h = Ids.mix(seed ^ Ids.mix(lu * 64 + i));
            Wording.Work work = Wording.WORK.get((int) Math.floorMod(lu + 3L * i, (long) Wording.WORK.size()));
            boolean witnessed = work.methods().contains("WITNESS_TESTIMONY");
            String witness = witnessed ? Wording.learnerName(20_000_000L + lu) : null;
            evidence.add(id).add(luId).add(lineage).add(version).add(current).add(assessed ? "ASSESSED" : "SUBMITTED")
                    .add(work.title()).add(work.account() + Wording.ACCOUNT_MIDDLE + (version == 2 ? " I added the "
                            + "customer's reply, as my assessor asked." : "") + Wording.ACCOUNT_END)
                    .add(occasion).add(work.methods())
                    .add("Customer " + (i + 1) + ", order " + (10_000 + Math.floorMod(h, 90_000L)))
                    .add(Wording.DESCRIPTORS.get((int) Math.floorMod(h >>> 17, (long) Wording.DESCRIPTORS.size())))
                    .add(false).add(i % 3 == 0 ? "Home working" : "Contact centre, first floor")
                    .add(witness).add(witnessed ? "Team leader, extension " + (2000 + Math.floorMod(h >>> 29, 800L)) : null)
                    .add(witnessed ? 2 : null).add(witnessed ? "Team leader" : null).add(witness)
                    .add(witnessed ? occasion.plusDays(2) : null)
                    .add(DataShape.learnerSubject(learner)).add(versionCreated).add(versionCreated).endRow();

            int fileCount = Math.floorMod(h >>> 40, 100L) < 15 ? 0 : Math.floorMod(h >>> 40, 100L) < 85 ? 1 : 2;
            for (int f = 0; f < fileCount; f++) {
                UUID key = Ids.of(seed, Ids.FILE, lu, i * 8L + f); // a copied version keeps the stored file
                String keyText = key.toString();
                boolean image = work.methods().equals("PRODUCT_EVIDENCE");
                files.add(Ids.of(seed, Ids.FILE, lu, 1_000 + i * 8L + version * 2L + f)).add(id)
                        .add(keyText.substring(0, 2) + "/" + keyText.substring(2, 4) + "/" + keyText)
                        .add(image ? "screenshot-" + (i + 1) + (f == 0 ? "" : "-" + (f + 1)) + ".png"
                                : witnessed ? "witness-statement.pdf" : "record-of-observation-" + (i + 1) + ".pdf")
                        .add(image ? "image/png" : "application/pdf").add(40_000 + Math.floorMod(h >>> 7, 2_000_000L))
                        .add(sha256(key)).add(versionCreated).endRow();
            }
            for (int m = 0; m < p.items[i].length; m++) {
                Item item = p.unit.item(p.items[i][m]);
                byte status = current ? p.status[i][m] : Portfolio.CONFIRMED;
                boolean reviewedNow = status != Portfolio.CLAIMED;
                mappings.add(id).add(item.id()).add(item.range() ? "RANGE" : "CRITERION").add(item.code())
                        .add(status == Portfolio.CLAIMED ? "CLAIMED" : status == Portfolio.CONFIRMED ? "CONFIRMED" : "REJECTED")
                        .add(versionCreated).add(reviewedNow ? qualified : null).add(reviewedNow ? qualifiedName : null)
                        .add(reviewedNow ? versionReviewed : null).endRow();
            }
        }
    }

    private void decisionsAndSignatures(Copier copier) throws SQLException {
        CopyRows decisions = new CopyRows("assessment_decision", "id, learner_unit_id, criterion_id, criterion_code, outcome, "
                + "feedback, evidence_relied_on, source, assessor_subject, assessor_name, countersignature_needed, countersigned_by, "
                + "countersigned_by_name, countersigned_at, needs_review, is_current, decided_at");
        int mostCriteria = plan.units().stream().mapToInt(PlannedUnit::criteria).max().orElse(0);
        for (int c = 0; c < mostCriteria; c++) {
            for (int e = 0; e < withEvidence.size(); e++) {
                Portfolio p = portfolios.get(e);
                if (c < p.unit.criteria() && p.decision[c] != Portfolio.NO_DECISION) {
                    decision(withEvidence.get(e), p, c, decisions);
                    if (decisions.bufferedBytes() > FLUSH_BYTES) {
                        copier.send(decisions);
                    }
                }
            }
        }
        send(copier, decisions);

        CopyRows signatures = new CopyRows("unit_signature", "id, learner_unit_id, kind, signer_subject, signer_name, typed_name, "
                + "statement, needs_countersignature, signed_at, withdrawn_at");
        for (int e = 0; e < withEvidence.size(); e++) {
            Portfolio p = portfolios.get(e);
            long lu = withEvidence.get(e);
            int learner = (int) (lu / DataShape.UNITS_PER_LEARNER);
            int course = courseOf(learner);
            Instant last = lastActivity(unitStart(course, (int) (lu % DataShape.UNITS_PER_LEARNER)), p);
            if (p.declared) {
                String name = Wording.learnerName(learner);
                signatures.add(Ids.of(seed, Ids.SIGNATURE, lu, 1)).add(Ids.learnerUnit(seed, lu)).add("DECLARATION")
                        .add(DataShape.learnerSubject(learner)).add(name).add(name).add(DECLARATION).add(false)
                        .add(last.minusSeconds(86_400)).add(null).endRow();
            }
            if (p.signedOff) {
                String name = Wording.assessorName(course, true);
                signatures.add(Ids.of(seed, Ids.SIGNATURE, lu, 2)).add(Ids.learnerUnit(seed, lu)).add("SIGN_OFF")
                        .add(DataShape.assessorSubject(course, true)).add(name).add(name).add(SIGN_OFF).add(false).add(last)
                        .add(null).endRow();
            }
        }
        send(copier, signatures);
        copier.finish();
    }

    private void decision(long lu, Portfolio p, int c, CopyRows decisions) {
        int learner = (int) (lu / DataShape.UNITS_PER_LEARNER);
        int course = courseOf(learner);
        Item criterion = p.unit.item(c);
        int[] relied = p.reliedOn(c);
        String[] ids = new String[relied.length];
        int lastPiece = 0;
        for (int r = 0; r < relied.length; r++) {
            ids[r] = Ids.evidence(seed, lu, relied[r], p.edited[relied[r]] ? 2 : 1).toString();
            lastPiece = Math.max(lastPiece, relied[r]);
        }
        Arrays.sort(ids);
        String reliedOn = String.join(",", ids);
        Instant decided = instant(unitStartDate(course, p.unit.index()).plusDays(p.occasionDay[lastPiece] + 4L), 15 * 60);
        boolean trainee = p.byTrainee[c];
        String assessor = DataShape.assessorSubject(course, !trainee);
        String assessorName = Wording.assessorName(course, !trainee);
        UUID luId = Ids.learnerUnit(seed, lu);
        if (p.supersedesNotYet[c]) {
            decisions.add(Ids.of(seed, Ids.DECISION, lu, c * 2L)).add(luId).add(criterion.id()).add(criterion.code())
                    .add("NOT_YET").add("Not yet: the account does not say how you confirmed the customer's identity.")
                    .add(reliedOn).add("ASSESSOR").add(assessor).add(assessorName).add(trainee).add(null).add(null).add(null)
                    .add(false).add(false).add(decided.minusSeconds(7 * 86_400L)).endRow();
        }
        boolean met = p.decision[c] == Portfolio.MET;
        boolean countersigned = p.countersigned[c];
        decisions.add(Ids.of(seed, Ids.DECISION, lu, c * 2L + 1)).add(luId).add(criterion.id()).add(criterion.code())
                .add(met ? "MET" : "NOT_YET")
                .add(met ? "Met: clear evidence of " + criterion.code() + " in your account and the record." :
                        "Not yet: please add how you checked the customer understood the next steps.")
                .add(reliedOn).add("ASSESSOR").add(assessor).add(assessorName).add(trainee)
                .add(countersigned ? DataShape.assessorSubject(course, true) : null)
                .add(countersigned ? Wording.assessorName(course, true) : null)
                .add(countersigned ? decided.plusSeconds(2 * 86_400L) : null).add(false).add(true).add(decided).endRow();
    }

    private void send(Copier copier, CopyRows... rows) throws SQLException {
        for (CopyRows r : rows) {
            copier.send(r);
            counts.put(r.table, r.rows());
        }
    }

    private boolean hasColumn(String table, String column) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("""
                SELECT COUNT(*) FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = ? AND column_name = ?""")) {
            s.setString(1, table);
            s.setString(2, column);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    /** Every portfolio of the measured centre, and {@code evidenceShare} of the others. */
    private boolean getsEvidence(int course, long lu) {
        if (shape.centreOf(course) == 0) {
            return true;
        }
        return (Ids.mix(seed ^ (lu * 0x9E3779B97F4A7C15L + 3)) >>> 11) * 0x1.0p-53 < shape.evidenceShare();
    }

    private long learnerUnit(int learner, int unitIndex) {
        return (long) learner * DataShape.UNITS_PER_LEARNER + unitIndex;
    }

    private int courseOf(int learner) {
        int centre = learner / shape.learnersPerCentre();
        return centre * shape.coursesPerCentre() + (learner % shape.learnersPerCentre()) / shape.courseSize();
    }

    /** Courses start in one of five September weeks about 14 months ago; their units follow 12 days apart. */
    private Instant courseStart(int course) {
        return instant(courseStartDate(course), 9 * 60);
    }

    private LocalDate courseStartDate(int course) {
        return today.minusDays(420).plusDays(7L * (course % 5));
    }

    private LocalDate unitStartDate(int course, int unitIndex) {
        return courseStartDate(course).plusDays(12L * unitIndex);
    }

    private Instant unitStart(int course, int unitIndex) {
        return instant(unitStartDate(course, unitIndex), 9 * 60);
    }

    private static Instant lastActivity(Instant unitStart, Portfolio p) {
        return unitStart.plusSeconds(86_400L * (p.occasionDay[p.evidence - 1] + 4));
    }

    private static Instant instant(LocalDate day, int minuteOfDay) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(60L * minuteOfDay);
    }

    /** Stands in for the file's SHA-256: 64 hex digits, the shape the tool stores. */
    private static String sha256(UUID key) {
        StringBuilder hex = new StringBuilder(64);
        long h = key.getMostSignificantBits() ^ key.getLeastSignificantBits();
        for (int i = 0; i < 4; i++) {
            h = Ids.mix(h + i);
            hex.append(HexFormat.of().toHexDigits(h));
        }
        return hex.toString();
    }

    /** Rows the platform already has: the generator refuses to load a second copy. */
    static long existingLearnerUnits(Connection db, UUID platformId) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("SELECT COUNT(*) FROM learner_unit WHERE platform_id = ?")) {
            s.setObject(1, platformId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
