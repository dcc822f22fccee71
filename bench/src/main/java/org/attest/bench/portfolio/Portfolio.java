package org.attest.bench.portfolio;

import java.util.SplittableRandom;
import org.attest.bench.portfolio.QualificationPlan.Item;
import org.attest.bench.portfolio.QualificationPlan.PlannedUnit;

/**
 * One learner unit's portfolio as the generator makes it, drawn from the seed and the learner unit's
 * number alone (the same data set on every run). It also works out the verdict the tool's completion
 * rules give it (criteria met, range covered, sufficiency, signatures), because the caseload shows
 * the verdict kept on the learner_unit row; the load driver checks it against the overview page.
 *
 * <p>Evidence {@code i} maps items {@code 3i, 3i+1, 3i+2} (and every fourth piece one more) of the
 * first {@code reach} of the unit's criteria and range items: all of them once the learner is done
 * (20 pieces cover every item of every unit), the first 30 to 100 % while in progress. The newest 0
 * to 4 pieces of a learner in progress await the assessor (claimed); the others have been reviewed
 * (confirmed, a few rejected).
 */
final class Portfolio {

    enum Stage {
        IN_PROGRESS,
        READY,
        COMPLETE
    }

    static final byte CLAIMED = 0;
    static final byte CONFIRMED = 1;
    static final byte REJECTED = 2;

    static final byte NO_DECISION = 0;
    static final byte MET = 1;
    static final byte NOT_YET = 2;

    final PlannedUnit unit;
    final Stage stage;
    final int evidence;
    final int assessed;
    /** How many of the unit's items (criteria first, then range) the evidence so far reaches. */
    final int reach;
    /** Per piece of evidence: indexes into the unit's items, and the status of each of those mappings. */
    final int[][] items;
    final byte[][] status;
    /** Per piece: edited after assessment, so an assessed version 1 precedes the current version 2. */
    final boolean[] edited;
    /** Per piece: days after the learner unit's start on which it happened (distinct, increasing). */
    final int[] occasionDay;
    /** Per criterion: the current decision, whether a trainee assessor made it, and its countersignature. */
    final byte[] decision;
    final boolean[] byTrainee;
    final boolean[] countersigned;
    final boolean[] supersedesNotYet;
    final boolean declared;
    final boolean signedOff;

    final int criteriaMet;
    /** Current pieces an assessor has still to look at, and decisions awaiting a countersignature (the caseload's counts). */
    final int evidenceToMark;
    final int awaitingCountersignature;
    final boolean readyForSignOff;
    final boolean complete;
    final int awaitingReview;

    Portfolio(long seed, long learnerUnit, PlannedUnit unit, int evidence) {
        this.unit = unit;
        this.evidence = evidence;
        SplittableRandom random = new SplittableRandom(Ids.mix(seed ^ Ids.mix(learnerUnit * 0x9E3779B97F4A7C15L + 17)));
        double r = random.nextDouble();
        stage = r < 0.15 ? Stage.COMPLETE : r < 0.20 ? Stage.READY : Stage.IN_PROGRESS;
        int n = unit.items().size();
        assessed = stage == Stage.IN_PROGRESS ? Math.max(1, evidence - random.nextInt(5)) : evidence;
        reach = stage == Stage.IN_PROGRESS ? Math.min(n, Math.max(3, (int) Math.ceil(n * (0.3 + 0.7 * random.nextDouble())))) : n;
        items = new int[evidence][];
        status = new byte[evidence][];
        edited = new boolean[evidence];
        occasionDay = new int[evidence];
        int claimed = 0;
        for (int i = 0; i < evidence; i++) {
            int extra = i % 4 == 0 ? (i * 7 + 1) % reach : -1;
            int[] mapped = new int[] {(3 * i) % reach, (3 * i + 1) % reach, (3 * i + 2) % reach, extra};
            int count = extra < 0 || extra == mapped[0] || extra == mapped[1] || extra == mapped[2] ? 3 : 4;
            items[i] = java.util.Arrays.copyOf(mapped, count);
            status[i] = new byte[count];
            for (int m = 0; m < count; m++) {
                status[i][m] = i >= assessed ? CLAIMED
                        : stage == Stage.IN_PROGRESS && random.nextDouble() < 0.04 ? REJECTED : CONFIRMED;
                if (status[i][m] == CLAIMED) {
                    claimed++;
                }
            }
            edited[i] = i < assessed && random.nextDouble() < 0.08;
            occasionDay[i] = i * 9 + random.nextInt(6);
        }
        awaitingReview = claimed;

        int criteria = unit.criteria();
        decision = new byte[criteria];
        byTrainee = new boolean[criteria];
        countersigned = new boolean[criteria];
        supersedesNotYet = new boolean[criteria];
        boolean[] assessedFor = confirmedItems(n);
        int met = 0;
        for (int c = 0; c < criteria; c++) {
            if (!assessedFor[c]) {
                continue;
            }
            decision[c] = stage == Stage.IN_PROGRESS && random.nextDouble() < 0.03 ? NOT_YET : MET;
            byTrainee[c] = random.nextDouble() < 0.2;
            countersigned[c] = byTrainee[c] && (stage != Stage.IN_PROGRESS || random.nextDouble() < 0.95);
            supersedesNotYet[c] = decision[c] == MET && random.nextDouble() < 0.1;
            // Completion rule 7: a trainee's MET counts once a qualified assessor has countersigned it.
            if (decision[c] == MET && (!byTrainee[c] || countersigned[c])) {
                met++;
            }
        }
        criteriaMet = met;
        evidenceToMark = evidence - assessed;
        int pending = 0;
        for (int c = 0; c < criteria; c++) {
            if (decision[c] != NO_DECISION && byTrainee[c] && !countersigned[c]) {
                pending++;
            }
        }
        awaitingCountersignature = pending;
        boolean rangeCovered = true;
        for (int i = criteria; i < n; i++) {
            rangeCovered &= assessedFor[i];
        }
        readyForSignOff = met == criteria && rangeCovered && sufficient();
        declared = readyForSignOff && (stage == Stage.COMPLETE || (stage == Stage.READY && random.nextBoolean()));
        signedOff = readyForSignOff && stage == Stage.COMPLETE;
        complete = readyForSignOff && declared && signedOff;
    }

    /** Items with at least one confirmed mapping on current evidence (nothing generated is simulated). */
    private boolean[] confirmedItems(int n) {
        boolean[] confirmed = new boolean[n];
        for (int i = 0; i < evidence; i++) {
            for (int m = 0; m < items[i].length; m++) {
                if (status[i][m] == CONFIRMED) {
                    confirmed[items[i][m]] = true;
                }
            }
        }
        return confirmed;
    }

    /**
     * Completion rule 4: evidence confirmed for a performance criterion or a range item comes from
     * enough occasions and, where the unit asks, different customers. Every piece has its own day
     * and its own customer, so both counts are the number of such pieces.
     */
    private boolean sufficient() {
        boolean anyPerformance = unit.items().stream().anyMatch(Item::performance);
        if (!anyPerformance) {
            return true;
        }
        int countable = 0;
        for (int i = 0; i < evidence; i++) {
            for (int m = 0; m < items[i].length; m++) {
                Item item = unit.item(items[i][m]);
                if (status[i][m] == CONFIRMED && (item.performance() || item.range())) {
                    countable++;
                    break;
                }
            }
        }
        var rules = unit.unit().evidence();
        int needed = Math.max(rules.minimumOccasions(), rules.differentCustomersRequired() ? Math.max(2, rules.minimumOccasions()) : 0);
        return countable >= needed;
    }

    /** Evidence pieces whose mapping to criterion {@code c} is confirmed: what a decision on it relies on. */
    int[] reliedOn(int c) {
        int[] relied = new int[evidence];
        int count = 0;
        for (int i = 0; i < evidence; i++) {
            for (int m = 0; m < items[i].length; m++) {
                if (items[i][m] == c && status[i][m] == CONFIRMED) {
                    relied[count++] = i;
                }
            }
        }
        return java.util.Arrays.copyOf(relied, count);
    }

    boolean reviewed(int piece) {
        return piece < assessed;
    }
}
