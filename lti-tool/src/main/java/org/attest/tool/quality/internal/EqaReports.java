package org.attest.tool.quality.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.portfolio.AccessRecords;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An external verifier's visit reports: the date of the visit, a summary, the actions the centre must take (each with
 * a due date) and the outcome ({@link EqaOutcome}). Written by the EQA while their grant is active; read by the
 * centre's administrators and IQAs. Holds all SQL of {@code eqa_report} and {@code eqa_report_action}.
 */
@Service
public class EqaReports {

    public static final int MAX_SUMMARY = 8000;
    public static final int MAX_ACTION = 2000;
    public static final int MAX_ACTIONS = 20;

    /** An action for the centre as the EQA writes it. */
    public record ActionInput(String text, LocalDate due) {
    }

    public record Action(int position, String text, LocalDate due) {
    }

    public record Report(UUID id, UUID grantId, UUID platformId, LocalDate visitOn, String summary, EqaOutcome outcome,
            String writtenBy, Instant writtenAt, String awardingBody, List<Action> actions) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final EqaGrants grants;
    private final AccessRecords records;

    EqaReports(JdbcClient jdbc, Clock clock, EqaGrants grants, AccessRecords records) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.grants = grants;
        this.records = records;
    }

    /** The EQA writes a visit report; refused with what to correct, and nothing stored, when anything is missing. */
    @Transactional
    public Report write(LtiPrincipal eqa, LocalDate visitOn, String summary, EqaOutcome outcome, List<ActionInput> actions) {
        EqaGrant grant = grants.requireActive(eqa);
        if (visitOn == null) {
            throw QualityRefused.invalid("give the date of the visit");
        }
        if (visitOn.isAfter(LocalDate.now(clock))) {
            throw QualityRefused.invalid("the visit date " + visitOn + " is in the future; write the report after the visit");
        }
        String text = summary == null ? "" : summary.strip();
        if (text.isEmpty()) {
            throw QualityRefused.invalid("write a summary of the visit");
        }
        if (text.length() > MAX_SUMMARY) {
            throw QualityRefused.invalid("the summary is " + text.length() + " characters long; write at most " + MAX_SUMMARY);
        }
        if (outcome == null) {
            throw QualityRefused.invalid("choose the outcome of the visit");
        }
        List<ActionInput> given = new ArrayList<>();
        for (ActionInput a : actions == null ? List.<ActionInput>of() : actions) {
            String t = a.text() == null ? "" : a.text().strip();
            if (t.isEmpty() && a.due() == null) {
                continue; // an empty row of the form
            }
            if (t.isEmpty()) {
                throw QualityRefused.invalid("an action due on " + a.due() + " has no text; say what the centre must do");
            }
            if (t.length() > MAX_ACTION) {
                throw QualityRefused.invalid("an action is " + t.length() + " characters long; write at most " + MAX_ACTION);
            }
            if (a.due() == null) {
                throw QualityRefused.invalid("give a due date for the action \"" + abbreviate(t) + "\"");
            }
            given.add(new ActionInput(t, a.due()));
        }
        if (given.size() > MAX_ACTIONS) {
            throw QualityRefused.invalid("a report holds at most " + MAX_ACTIONS + " actions");
        }
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        jdbc.sql("""
                INSERT INTO eqa_report (id, grant_id, platform_id, visit_on, summary, outcome, written_by, written_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, grant.id(), grant.platformId(), visitOn, text, outcome.name(), grant.name(), Timestamp.from(now))
                .update();
        for (int i = 0; i < given.size(); i++) {
            jdbc.sql("INSERT INTO eqa_report_action (report_id, position, text, due_on) VALUES (?, ?, ?, ?)")
                    .params(id, i + 1, given.get(i).text(), given.get(i).due()).update();
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("report", id);
        detail.put("visitOn", visitOn);
        detail.put("outcome", outcome.name());
        detail.put("actions", given.size());
        records.record(grant.platformId(), grant.subject(), grant.name(), AccessRecords.Event.REPORT_WRITTEN, id, detail);
        return reports(grant.platformId()).stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    /** The centre's visit reports, newest first. */
    public List<Report> reports(UUID platformId) {
        List<Report> bare = jdbc.sql("""
                        SELECT r.*, g.awarding_body FROM eqa_report r JOIN eqa_grant g ON g.id = r.grant_id
                        WHERE r.platform_id = ? ORDER BY r.written_at DESC, r.id""")
                .param(platformId)
                .query((rs, n) -> new Report(rs.getObject("id", UUID.class), rs.getObject("grant_id", UUID.class),
                        rs.getObject("platform_id", UUID.class), rs.getObject("visit_on", LocalDate.class),
                        rs.getString("summary"), EqaOutcome.valueOf(rs.getString("outcome")), rs.getString("written_by"),
                        rs.getTimestamp("written_at").toInstant(), rs.getString("awarding_body"), List.of()))
                .list();
        List<Report> full = new ArrayList<>();
        for (Report r : bare) {
            List<Action> actions = jdbc.sql("SELECT position, text, due_on FROM eqa_report_action WHERE report_id = ? ORDER BY position")
                    .param(r.id()).query((rs, n) -> new Action(rs.getInt("position"), rs.getString("text"),
                            rs.getObject("due_on", LocalDate.class))).list();
            full.add(new Report(r.id(), r.grantId(), r.platformId(), r.visitOn(), r.summary(), r.outcome(), r.writtenBy(),
                    r.writtenAt(), r.awardingBody(), actions));
        }
        return full;
    }

    /** The centre's reports for one of its IQAs. */
    public List<Report> forIqa(LtiPrincipal user, QualityAccess access) {
        access.requireIqa(user);
        return reports(user.platformId());
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 59) + "…";
    }
}
