package org.attest.tool.quality.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.portfolio.SamplingCandidates;
import org.attest.tool.portfolio.UnitForSampling;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Which learner units are ready for the certificate claim. A unit is ready once it is complete (signed off, every
 * rule met, no IQA hold) and either an IQA agreed with it after its sign-off, or a lead IQA closed a summative plan
 * whose caseload held it, complete and not picked (closed out of the sample by the plan), and that sign-off still
 * stands. Everything else says, in words, what it waits for.
 */
@Service
public class ClaimReadiness {

    /** One signed-off or complete learner unit and where it stands for the claim. */
    /** @param employer the learner's employer, or null where not known */
    public record Row(UnitForSampling unit, String uln, String employer, boolean ready, String why) {
    }

    private final JdbcClient jdbc;
    private final QualityAccess access;
    private final SamplingCandidates candidates;
    private final Ulns ulns;
    private final SamplingPlans plans;
    private final Placements placements;

    ClaimReadiness(JdbcClient jdbc, QualityAccess access, SamplingCandidates candidates, Ulns ulns, SamplingPlans plans,
            Placements placements) {
        this.plans = plans;
        this.placements = placements;
        this.jdbc = jdbc;
        this.access = access;
        this.candidates = candidates;
        this.ulns = ulns;
    }

    /** The centre's signed-off learner units, ready ones first, each with why or what it waits for. */
    public List<Row> report(LtiPrincipal user) {
        access.requireIqa(user);
        UUID platform = user.platformId();
        List<UnitForSampling> signedOff = candidates.ofCentre(platform).stream().filter(u -> u.signedOff() || u.complete())
                .toList();
        Map<String, String> uln = ulns.ofCentre(platform);
        Map<String, Placements.Placement> placed = placements.ofCentre(platform);
        Map<UUID, Agreement> lastReview = lastReviews(platform);
        Set<UUID> pending = new HashSet<>();
        Set<UUID> inSummativeSample = new HashSet<>();
        jdbc.sql("""
                SELECT i.learner_unit_id, i.status, p.stage FROM sample_item i JOIN sampling_plan p ON p.id = i.plan_id
                WHERE p.platform_id = ? AND i.status <> 'REMOVED'""")
                .param(platform).query(rs -> {
                    UUID id = rs.getObject("learner_unit_id", UUID.class);
                    String status = rs.getString("status");
                    if (status.equals("TO_VERIFY") || status.equals("NOT_AGREED")) {
                        pending.add(id);
                    }
                    if (rs.getString("stage").equals("SUMMATIVE")) {
                        inSummativeSample.add(id);
                    }
                });
        Map<UUID, SamplingPlans.ClosedOut> closedOut = plans.closedOut(platform);
        List<Row> rows = new ArrayList<>();
        for (UnitForSampling u : signedOff) {
            Agreement review = lastReview.get(u.learnerUnitId());
            String why;
            boolean ready = false;
            if (u.held()) {
                why = "An internal verifier did not agree: back with the assessor";
            } else if (!u.complete()) {
                why = "Signed off, but not complete yet (awaiting a countersignature or a rule)";
            } else if (pending.contains(u.learnerUnitId())) {
                why = "In the sample: waiting for the internal verifier";
            } else if (review != null && review.agreed() && review.awaitingCountersignature()) {
                why = "Agreed by " + review.iqa() + ", who is working towards their IQA qualification: waiting for a "
                        + "qualified IQA's countersignature";
            } else if (review != null && review.agreed() && !review.at().isBefore(u.signedOffAt())) {
                ready = true;
                why = "Agreed by " + review.iqa() + " after the sign-off";
            } else if (closedOut.containsKey(u.learnerUnitId())
                    && !closedOut.get(u.learnerUnitId()).signedOffAt().isBefore(u.signedOffAt())) {
                SamplingPlans.ClosedOut out = closedOut.get(u.learnerUnitId());
                ready = true;
                why = "Closed out of the sample by the summative plan \"" + out.planTitle() + "\" (closed by "
                        + out.closedBy() + ")";
            } else if (inSummativeSample.contains(u.learnerUnitId())) {
                why = "In a summative sample: waiting for the internal verifier to agree after the sign-off";
            } else {
                why = "Waiting for summative sampling: no closed summative plan covers this sign-off yet";
            }
            rows.add(new Row(u, uln.get(u.learnerSubject()),
                    placed.getOrDefault(u.learnerSubject(), Placements.Placement.NONE).employer(), ready, why));
        }
        rows.sort(Comparator.comparing((Row r) -> !r.ready()).thenComparing(r -> r.unit().learnerName())
                .thenComparing(r -> r.unit().unitCode()));
        return rows;
    }

    /** The report as CSV for the awarding body's claim: spreadsheet formulas in cells are defused. */
    public String csv(LtiPrincipal user) {
        StringBuilder out = new StringBuilder("ready,learner,learner_id,uln,employer,unit,assessor,signed_off,why\r\n");
        for (Row r : report(user)) {
            UnitForSampling u = r.unit();
            out.append(String.join(",", r.ready() ? "yes" : "no", cell(u.learnerName()), cell(u.learnerSubject()),
                    cell(r.uln() == null ? "" : r.uln()), cell(r.employer()), cell(u.unitCode()), cell(u.assessorName()),
                    u.signedOffAt() == null ? "" : u.signedOffAt().toString(), cell(r.why()))).append("\r\n");
        }
        return out.toString();
    }

    /** A CSV cell: quoted, quotes doubled, and a leading = + - @ (or tab, CR) defused so no spreadsheet runs it. */
    static String cell(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        return "\"" + v.replace("\"", "\"\"") + "\"";
    }

    private record Agreement(boolean agreed, Instant at, String iqa, boolean awaitingCountersignature) {
    }

    private Map<UUID, Agreement> lastReviews(UUID platform) {
        Map<UUID, Agreement> result = new HashMap<>();
        jdbc.sql("""
                SELECT learner_unit_id, outcome, reviewed_at, iqa_name, countersign_needed, countersigned_at FROM iqa_review
                WHERE platform_id = ? ORDER BY reviewed_at""")
                .param(platform).query(rs -> {
                    result.put(rs.getObject("learner_unit_id", UUID.class), new Agreement(
                            rs.getString("outcome").equals("AGREE"), rs.getTimestamp("reviewed_at").toInstant(),
                            rs.getString("iqa_name"), rs.getBoolean("countersign_needed") && rs.getTimestamp("countersigned_at") == null));
                });
        return result;
    }
}
