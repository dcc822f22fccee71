package org.attest.tool.gradebook.lms;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.attest.tool.lti.Platform;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The platform's Assignment and Grade Services (AGS 2.0): line items (gradebook columns), scores
 * sent to them and results read from them. Scores and results live under the line item's URL:
 * {@code /scores} and {@code /results} go into its path, before any query string (Moodle's line
 * item URLs carry {@code ?type_id=}, and appending after it gets HTTP 400).
 */
@Component
public class AgsClient {

    public static final String SCOPE_LINE_ITEM = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem";
    public static final String SCOPE_RESULT_READ = "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly";
    public static final String SCOPE_SCORE = "https://purl.imsglobal.org/spec/lti-ags/scope/score";

    static final String LINE_ITEM = "application/vnd.ims.lis.v2.lineitem+json";
    public static final String LINE_ITEM_CONTAINER = "application/vnd.ims.lis.v2.lineitemcontainer+json";
    static final String SCORE = "application/vnd.ims.lis.v1.score+json";
    static final String RESULT_CONTAINER = "application/vnd.ims.lis.v2.resultcontainer+json";

    /** Always six fractional digits, so scores made within one second keep their order at the platform. */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxxx");

    /** Which line items to list; a null field does not filter. */
    public record LineItemFilter(String resourceLinkId, String resourceId, String tag) {

        public static LineItemFilter all() {
            return new LineItemFilter(null, null, null);
        }

        boolean matches(LineItem item) {
            return (resourceLinkId == null || resourceLinkId.equals(item.resourceLinkId()))
                    && (resourceId == null || resourceId.equals(item.resourceId()))
                    && (tag == null || tag.equals(item.tag()));
        }
    }

    private final ServiceCalls calls;

    AgsClient(ServiceCalls calls) {
        this.calls = calls;
    }

    /** The line items at the line items URL (the launch's {@code lineitems}) that match the filter, all pages. */
    public List<LineItem> lineItems(Platform platform, String lineItemsUrl, LineItemFilter filter) throws PlatformCallFailed {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("resource_link_id", filter.resourceLinkId());
        query.put("resource_id", filter.resourceId());
        query.put("tag", filter.tag());
        String url = withQuery(lineItemsUrl, query);
        List<LineItem> items = new ArrayList<>();
        for (ServiceCalls.Page page : calls.pages(platform, Set.of(SCOPE_LINE_ITEM), "reading line items", url, LINE_ITEM_CONTAINER)) {
            if (!page.body().isArray()) {
                throw PlatformCallFailed.unusable(platform, "reading line items", url, "is not a JSON array of line items");
            }
            for (JsonNode node : page.body()) {
                LineItem item = lineItem(node);
                // Filtered here too: not every platform applies the query parameters.
                if (item != null && filter.matches(item)) {
                    items.add(item);
                }
            }
        }
        return items;
    }

    /** Creates the line item and returns it as the platform stored it, with its URL as id. */
    public LineItem create(Platform platform, String lineItemsUrl, LineItem wanted) throws PlatformCallFailed {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("label", wanted.label());
        body.put("scoreMaximum", wanted.scoreMaximum());
        putIfPresent(body, "resourceId", wanted.resourceId());
        putIfPresent(body, "tag", wanted.tag());
        putIfPresent(body, "resourceLinkId", wanted.resourceLinkId());
        String what = "creating line item '" + wanted.label() + "'";
        var response = calls.post(platform, Set.of(SCOPE_LINE_ITEM), what, lineItemsUrl, LINE_ITEM, ServiceCalls.write(body), LINE_ITEM);
        LineItem created = lineItem(calls.json(platform, what, lineItemsUrl, response));
        if (created == null || created.id() == null) {
            throw PlatformCallFailed.unusable(platform, what, lineItemsUrl, "has no line item id: " + response.excerpt());
        }
        return created;
    }

    /**
     * The first line item with the wanted one's resourceLinkId, resourceId and tag, created when
     * there is none. Two callers at once may both create one: callers serialise per line item.
     */
    public LineItem findOrCreate(Platform platform, String lineItemsUrl, LineItem wanted) throws PlatformCallFailed {
        if (wanted.resourceLinkId() == null && wanted.resourceId() == null && wanted.tag() == null) {
            throw new IllegalArgumentException("a line item can only be found by resourceLinkId, resourceId or tag; '"
                    + wanted.label() + "' has none");
        }
        List<LineItem> found = lineItems(platform, lineItemsUrl,
                new LineItemFilter(wanted.resourceLinkId(), wanted.resourceId(), wanted.tag()));
        return found.isEmpty() ? create(platform, lineItemsUrl, wanted) : found.get(0);
    }

    /** Sends a score to the line item's scores service. */
    public void postScore(Platform platform, String lineItemUrl, Score score) throws PlatformCallFailed {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("userId", score.userId());
        if (score.scoreGiven() != null) {
            body.put("scoreGiven", score.scoreGiven());
        }
        if (score.scoreMaximum() != null) {
            body.put("scoreMaximum", score.scoreMaximum());
        }
        putIfPresent(body, "comment", score.comment());
        body.put("timestamp", timestamp(score.timestamp()));
        body.put("activityProgress", score.activityProgress().name());
        body.put("gradingProgress", score.gradingProgress().name());
        calls.post(platform, Set.of(SCOPE_SCORE), "sending the score of user " + score.userId(),
                serviceUrl(lineItemUrl, "scores"), SCORE, ServiceCalls.write(body), "application/json");
    }

    /** The line item's results, all pages; only this user's when userId is not null. */
    public List<Result> results(Platform platform, String lineItemUrl, String userId) throws PlatformCallFailed {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("user_id", userId);
        String url = withQuery(serviceUrl(lineItemUrl, "results"), query);
        List<Result> results = new ArrayList<>();
        for (ServiceCalls.Page page : calls.pages(platform, Set.of(SCOPE_RESULT_READ), "reading results", url, RESULT_CONTAINER)) {
            if (!page.body().isArray()) {
                throw PlatformCallFailed.unusable(platform, "reading results", url, "is not a JSON array of results");
            }
            for (JsonNode node : page.body()) {
                String user = text(node, "userId");
                if (user != null) {
                    results.add(new Result(text(node, "id"), user, number(node, "resultScore"),
                            Objects.requireNonNullElse(number(node, "resultMaximum"), 1.0), text(node, "comment"),
                            text(node, "scoreOf"), instant(text(node, "timestamp"))));
                }
            }
        }
        return results;
    }

    /** {@code .../lineitem?type_id=1} with "scores" is {@code .../lineitem/scores?type_id=1}. */
    static String serviceUrl(String lineItemUrl, String service) {
        int end = lineItemUrl.length();
        for (char c : new char[] {'?', '#'}) {
            int i = lineItemUrl.indexOf(c);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        String path = lineItemUrl.substring(0, end);
        String rest = lineItemUrl.substring(end);
        if (rest.startsWith("#")) {
            rest = ""; // a fragment is never sent
        } else if (rest.contains("#")) {
            rest = rest.substring(0, rest.indexOf('#'));
        }
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return path + "/" + service + rest;
    }

    static String withQuery(String url, Map<String, String> parameters) {
        StringBuilder result = new StringBuilder(url);
        boolean hasQuery = url.contains("?");
        for (Map.Entry<String, String> p : parameters.entrySet()) {
            if (p.getValue() == null) {
                continue;
            }
            result.append(hasQuery ? '&' : '?').append(p.getKey()).append('=')
                    .append(URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
            hasQuery = true;
        }
        return result.toString();
    }

    static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant.atOffset(ZoneOffset.UTC));
    }

    private static LineItem lineItem(JsonNode node) {
        Double max = number(node, "scoreMaximum");
        String label = text(node, "label");
        if (max == null || !(max > 0) || label == null || label.isBlank()) {
            return null; // not a usable column; AGS requires both
        }
        return new LineItem(text(node, "id"), label, max, text(node, "resourceId"), text(node, "tag"), text(node, "resourceLinkId"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isString() || v.isNumber() ? v.asString() : null;
    }

    private static Double number(JsonNode node, String field) {
        JsonNode v = node.path(field);
        if (v.isNumber()) {
            return v.asDouble();
        }
        if (v.isString()) {
            try {
                return Double.valueOf(v.asString().trim()); // some platforms quote numbers
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static void putIfPresent(Map<String, Object> body, String field, String value) {
        if (value != null) {
            body.put(field, value);
        }
    }
}
