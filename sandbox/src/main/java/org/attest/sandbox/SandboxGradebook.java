package org.attest.sandbox;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The course gradebook as a tutor sees it: a column per line item, a row per member, each cell the
 * member's latest score; and the grades a tutor types in, kept as scores from source GRADEBOOK so the
 * results service returns them to the tool like any other.
 */
@Component
@ConditionalOnSandbox
class SandboxGradebook {

    /** The grade typed was not acceptable; the message says why. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    record Column(long id, String label, String maximum, String resourceId, String tag, String url) {
    }

    /**
     * One cell; {@code score} is null when nothing was received, "-" when the grade has no number (as Moodle's grader
     * report shows it); {@code flag} is what the LMS played shows beside it (Canvas's "needs grading"), or null.
     */
    record Cell(long lineItemId, String score, String activityProgress, String gradingProgress, String time, String source,
            String comment, String flag) {
    }

    /** A score the gradebook refused, with the LMS's words, for the log of what Attest sent. */
    record Refusal(String time, String member, String column, String reason) {
    }

    record Row(SandboxCourse.Member member, List<Cell> cells) {
    }

    record View(String lms, List<Column> columns, List<Row> rows, List<Refusal> refused, long tokenRequests, long tokensIssued) {
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS 'UTC'").withZone(ZoneOffset.UTC);

    private final SandboxProperties properties;
    private final LineItems lineItems;
    private final SandboxAccessTokens tokens;
    private final Clock clock;

    SandboxGradebook(SandboxProperties properties, LineItems lineItems, SandboxAccessTokens tokens, Clock clock) {
        this.properties = properties;
        this.lineItems = lineItems;
        this.tokens = tokens;
        this.clock = clock;
    }

    View view(SandboxCourse course) {
        List<LineItems.LineItem> items = lineItems.all(course.id());
        Map<String, LineItems.Score> latest = lineItems.courseResults(course.id()).stream()
                .collect(Collectors.toMap(s -> key(s.lineItemId(), s.userId()), Function.identity()));
        List<Column> columns = items.stream().map(i -> new Column(i.id(), i.label(), number(i.scoreMaximum()), i.resourceId(), i.tag(),
                properties.lineItemUrl(i, ClientRegistrations.DEPLOYMENT_ID))).toList();
        List<Row> rows = course.members().stream().map(m -> new Row(m, items.stream()
                .map(i -> cell(i, latest.get(key(i.id(), m.id())))).toList())).toList();
        Map<Long, String> labels = items.stream().collect(Collectors.toMap(LineItems.LineItem::id, LineItems.LineItem::label));
        List<Refusal> refused = lineItems.refused(course.id(), 20).stream().map(s -> new Refusal(TIME.format(s.receivedAt()),
                course.member(s.userId()).map(SandboxCourse.Member::name).orElse(s.userId()), labels.get(s.lineItemId()),
                "refused 409: " + s.refusal() + " (timestamp " + TIME.format(s.timestamp()) + ")")).toList();
        return new View(properties.lms().productFamily(), columns, rows, refused, tokens.requests(), tokens.issued());
    }

    /** A tutor's grade for a member on a line item, out of the line item's maximum. */
    LineItems.Score enter(SandboxCourse course, long lineItemId, String userId, String grade) throws Refused {
        LineItems.LineItem item = lineItems.find(course.id(), lineItemId)
                .orElseThrow(() -> new Refused("the gradebook has no column " + lineItemId + "; reload the page"));
        SandboxCourse.Member member = course.member(userId)
                .orElseThrow(() -> new Refused("'" + userId + "' is not a member of " + course.title()));
        BigDecimal value;
        try {
            value = new BigDecimal(grade == null ? "" : grade.trim());
        } catch (NumberFormatException e) {
            throw new Refused("the grade for " + member.name() + " in '" + item.label() + "' must be a number, was '" + grade + "'");
        }
        if (value.signum() < 0 || value.doubleValue() > item.scoreMaximum()) {
            throw new Refused("the grade for " + member.name() + " in '" + item.label() + "' must be between 0 and "
                    + number(item.scoreMaximum()) + ", was " + value.toPlainString());
        }
        return lineItems.record(item, userId, value.doubleValue(), item.scoreMaximum(), null, "Completed", "FullyGraded",
                clock.instant(), LineItems.Source.GRADEBOOK);
    }

    private Cell cell(LineItems.LineItem item, LineItems.Score score) {
        if (score == null) {
            return new Cell(item.id(), null, null, null, null, null, null, null);
        }
        String given = score.scoreGiven() == null ? "-" : number(score.scoreGiven()) + " / " + number(score.scoreMaximum());
        return new Cell(item.id(), given, score.activityProgress(), score.gradingProgress(), TIME.format(score.timestamp()),
                score.source() == LineItems.Source.GRADEBOOK ? "entered in the gradebook" : "from Attest", score.comment(),
                properties.lms().flag(score));
    }

    private static String key(long lineItemId, String userId) {
        return lineItemId + " " + userId;
    }

    private static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
