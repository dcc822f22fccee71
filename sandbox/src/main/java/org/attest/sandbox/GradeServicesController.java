package org.attest.sandbox;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Assignment and Grade Services 2.0 for the sandbox course (NRPS is {@link MembershipsController}), shaped like Moodle 5.0's {@code mod/lti/services.php}: line item URLs
 * {@code {base}/ags/{course}/lineitems/{id}/lineitem?type_id=1}, scores and results at
 * {@code .../lineitem/scores?type_id=1} and {@code .../lineitem/results?type_id=1}, paging with
 * {@code limit} and {@code from} and {@code Link} headers.
 *
 * <p>Moodle's quirk, emulated: it reads {@code type_id} as PHP's {@code (int)} does, so a tool that
 * appends {@code /scores} after the query string ({@code .../lineitem?type_id=1/scores}) reaches the
 * line item itself; a POST there answers 400, and a GET of {@code ...?type_id=1/results} answers
 * the line item, not its results.
 */
@RestController
@ConditionalOnSandbox
class GradeServicesController {

    static final String LINE_ITEM = "application/vnd.ims.lis.v2.lineitem+json";
    static final String LINE_ITEM_CONTAINER = "application/vnd.ims.lis.v2.lineitemcontainer+json";
    static final String SCORE = "application/vnd.ims.lis.v1.score+json";
    static final String RESULT_CONTAINER = "application/vnd.ims.lis.v2.resultcontainer+json";
    static final String SCOPE_LINE_ITEM = LaunchMessages.AGS_SCOPES.get(0);
    static final String SCOPE_LINE_ITEM_READ = LaunchMessages.AGS_SCOPES.get(1);
    static final String SCOPE_RESULT_READ = LaunchMessages.AGS_SCOPES.get(2);
    static final String SCOPE_SCORE = LaunchMessages.AGS_SCOPES.get(3);
    private static final String ITEM = "/sandbox/ags/{course}/lineitems/{id}/lineitem";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SandboxProperties properties;
    private final SandboxAccessTokens tokens;
    private final LineItems lineItems;

    GradeServicesController(SandboxProperties properties, SandboxAccessTokens tokens, LineItems lineItems) {
        this.properties = properties;
        this.tokens = tokens;
        this.lineItems = lineItems;
    }

    @GetMapping("/sandbox/ags/{course}/lineitems")
    ResponseEntity<String> lineItems(@PathVariable String course, @RequestParam(name = "type_id", required = false) String typeId,
            @RequestParam(name = "resource_link_id", required = false) String resourceLinkId,
            @RequestParam(name = "resource_id", required = false) String resourceId,
            @RequestParam(name = "tag", required = false) String tag,
            @RequestParam(name = "limit", required = false) String limit, @RequestParam(name = "from", required = false) String from,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) throws ServiceRefusal {
        String type = typeId(authorization, typeId, SCOPE_LINE_ITEM, SCOPE_LINE_ITEM_READ);
        SandboxCourse sandboxCourse = course(course);
        LineItems.Filter filter = new LineItems.Filter(resourceLinkId, resourceId, tag);
        ServicePage page = ServicePage.of(limit, from);
        ArrayNode items = JSON.createArrayNode();
        lineItems.page(sandboxCourse.id(), filter, page.offset(), page.limit()).forEach(item -> items.add(json(item, type)));
        int total = lineItems.count(sandboxCourse.id(), filter);
        UriComponentsBuilder self = UriComponentsBuilder.fromUriString(properties.lineItemsUrl(sandboxCourse.id(), type))
                .queryParamIfPresent("resource_link_id", Optional.ofNullable(resourceLinkId))
                .queryParamIfPresent("resource_id", Optional.ofNullable(resourceId))
                .queryParamIfPresent("tag", Optional.ofNullable(tag));
        return json(200, LINE_ITEM_CONTAINER, items, page.links(self, total));
    }

    @PostMapping("/sandbox/ags/{course}/lineitems")
    ResponseEntity<String> createLineItem(@PathVariable String course, @RequestParam(name = "type_id", required = false) String typeId,
            @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestBody(required = false) String body) throws ServiceRefusal {
        String type = typeId(authorization, typeId, SCOPE_LINE_ITEM);
        SandboxCourse sandboxCourse = course(course);
        LineItems.Definition definition = definition(body(contentType, LINE_ITEM, body));
        LineItems.LineItem item = lineItems.create(sandboxCourse.id(), definition);
        return json(201, LINE_ITEM, json(item, type), List.of());
    }

    @GetMapping(ITEM)
    ResponseEntity<String> lineItem(@PathVariable String course, @PathVariable String id,
            @RequestParam(name = "type_id", required = false) String typeId,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) throws ServiceRefusal {
        String type = typeId(authorization, typeId, SCOPE_LINE_ITEM, SCOPE_LINE_ITEM_READ);
        return json(200, LINE_ITEM, json(find(course, id), type), List.of());
    }

    @PutMapping(ITEM)
    ResponseEntity<String> updateLineItem(@PathVariable String course, @PathVariable String id,
            @RequestParam(name = "type_id", required = false) String typeId,
            @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestBody(required = false) String body) throws ServiceRefusal {
        String type = typeId(authorization, typeId, SCOPE_LINE_ITEM);
        LineItems.LineItem item = find(course, id);
        LineItems.Definition definition = definition(body(contentType, LINE_ITEM, body));
        if (definition.resourceLinkId() == null) {
            // PUT may leave out resourceLinkId; the activity the column belongs to does not change with it
            definition = new LineItems.Definition(definition.label(), definition.scoreMaximum(), definition.resourceId(),
                    definition.tag(), item.resourceLinkId());
        }
        return json(200, LINE_ITEM, json(lineItems.update(item.courseId(), item.id(), definition).orElseThrow(), type), List.of());
    }

    @DeleteMapping(ITEM)
    ResponseEntity<String> deleteLineItem(@PathVariable String course, @PathVariable String id,
            @RequestParam(name = "type_id", required = false) String typeId,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) throws ServiceRefusal {
        typeId(authorization, typeId, SCOPE_LINE_ITEM);
        LineItems.LineItem item = find(course, id);
        lineItems.delete(item.courseId(), item.id());
        return ResponseEntity.noContent().build();
    }

    /** Where a tool that appends /scores after the query string ends up, as in Moodle: refused. */
    @PostMapping(ITEM)
    ResponseEntity<String> postToLineItem(@PathVariable String course, @PathVariable String id,
            @RequestParam(name = "type_id", required = false) String typeId) throws ServiceRefusal {
        String hint = typeId != null && typeId.contains("/")
                ? "; '" + typeId.substring(typeId.indexOf('/')) + "' was appended after the query string: insert it into the path "
                        + "before the '?', as in " + properties.url("/ags/" + course + "/lineitems/" + id + "/lineitem/scores?type_id="
                        + typeId.substring(0, typeId.indexOf('/')))
                : "; post scores to the line item's URL with /scores inserted into the path";
        throw ServiceRefusal.badRequest("a line item takes GET, PUT and DELETE, not POST" + hint);
    }

    @PostMapping(ITEM + "/scores")
    ResponseEntity<String> score(@PathVariable String course, @PathVariable String id,
            @RequestParam(name = "type_id", required = false) String typeId,
            @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestBody(required = false) String body) throws ServiceRefusal {
        typeId(authorization, typeId, SCOPE_SCORE);
        LineItems.LineItem item = find(course, id);
        ScorePost score = ScorePost.parse(body(contentType, SCORE, body), course(course));
        SandboxLms lms = properties.lms();
        LineItems.Score taken = lineItems.record(item, score.userId(), lms.kept(score), score.scoreMaximum(), score.comment(),
                score.activityProgress(), score.gradingProgress(), score.timestamp(), LineItems.Source.TOOL,
                grade -> lms.conflict(item, score, grade));
        if (taken.refusal() != null) {
            // Moodle's answer: 409, its words only in the HTTP reason phrase (which Tomcat does not send; the gradebook page
            // shows them), the request's media type and the body "[]"
            return ResponseEntity.status(409).header(HttpHeaders.CONTENT_TYPE, SCORE + "; charset=utf-8")
                    .cacheControl(CacheControl.noStore()).body("[]");
        }
        // otherwise a score older than the grade is kept and ignored without an error, as the specification asks
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).build();
    }

    @GetMapping(ITEM + "/results")
    ResponseEntity<String> results(@PathVariable String course, @PathVariable String id,
            @RequestParam(name = "type_id", required = false) String typeId,
            @RequestParam(name = "user_id", required = false) String userId,
            @RequestParam(name = "limit", required = false) String limit, @RequestParam(name = "from", required = false) String from,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) throws ServiceRefusal {
        String type = typeId(authorization, typeId, SCOPE_RESULT_READ);
        LineItems.LineItem item = find(course, id);
        List<LineItems.Score> all = lineItems.results(item.id()).stream()
                .filter(s -> userId == null || s.userId().equals(userId)).toList();
        ServicePage page = ServicePage.of(limit, from);
        String scoreOf = properties.lineItemUrl(item, type);
        String resultsUrl = properties.url("/ags/" + item.courseId() + "/lineitems/" + item.id() + "/lineitem/results?type_id=" + type);
        ArrayNode results = JSON.createArrayNode();
        page.of(all).forEach(s -> results.add(result(s, item, scoreOf, resultsUrl)));
        UriComponentsBuilder self = UriComponentsBuilder.fromUriString(resultsUrl)
                .queryParamIfPresent("user_id", Optional.ofNullable(userId));
        return json(200, RESULT_CONTAINER, results, page.links(self, all.size()));
    }

    /** Checks the bearer token and the {@code type_id}; returns the tool type id. */
    private String typeId(String authorization, String typeId, String... scopes) throws ServiceRefusal {
        return tokens.typeId(tokens.authorize(authorization, scopes), typeId);
    }

    static SandboxCourse course(String id) throws ServiceRefusal {
        if (!SandboxCourse.CUSTOMER_SERVICE.id().equals(id)) {
            throw new ServiceRefusal(404, "not_found", "the sandbox has no course '" + id + "'; its one course is "
                    + SandboxCourse.CUSTOMER_SERVICE.id());
        }
        return SandboxCourse.CUSTOMER_SERVICE;
    }

    private LineItems.LineItem find(String course, String id) throws ServiceRefusal {
        String courseId = course(course).id();
        try {
            return lineItems.find(courseId, Long.parseLong(id)).orElseThrow(() -> notFound(id));
        } catch (NumberFormatException e) {
            throw notFound(id);
        }
    }

    private static ServiceRefusal notFound(String id) {
        return new ServiceRefusal(404, "not_found", "the course has no line item " + id + "; it may have been deleted");
    }

    private static JsonNode body(String contentType, String expected, String body) throws ServiceRefusal {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith(expected)) {
            throw new ServiceRefusal(415, "invalid_request", "Content-Type is '" + contentType + "'; send " + expected);
        }
        try {
            JsonNode node = JSON.readTree(body == null ? "" : body);
            if (node == null || !node.isObject()) {
                throw ServiceRefusal.badRequest("the body must be a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            throw ServiceRefusal.badRequest("the body is not JSON (" + e.getOriginalMessage() + ")");
        }
    }

    private static LineItems.Definition definition(JsonNode node) throws ServiceRefusal {
        String label = node.path("label").isString() ? node.path("label").asString().strip() : "";
        if (label.isEmpty() || label.length() > 500) {
            throw ServiceRefusal.badRequest("a line item needs a label of 1 to 500 characters");
        }
        JsonNode maximum = node.path("scoreMaximum");
        if (!maximum.isNumber() || maximum.asDouble() <= 0) {
            throw ServiceRefusal.badRequest("a line item needs a scoreMaximum above 0, was " + maximum);
        }
        return new LineItems.Definition(label, maximum.asDouble(), optional(node, "resourceId"), optional(node, "tag"),
                optional(node, "resourceLinkId"));
    }

    private static String optional(JsonNode node, String field) throws ServiceRefusal {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isString() || value.asString().length() > 255) {
            throw ServiceRefusal.badRequest(field + " must be a string of at most 255 characters");
        }
        return value.asString();
    }

    private ObjectNode json(LineItems.LineItem item, String typeId) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", properties.lineItemUrl(item, typeId));
        node.put("label", item.label());
        putNumber(node, "scoreMaximum", item.scoreMaximum());
        node.put("resourceId", item.resourceId() == null ? "" : item.resourceId());
        node.put("tag", item.tag() == null ? "" : item.tag());
        if (item.resourceLinkId() != null) {
            node.put("resourceLinkId", item.resourceLinkId());
            node.put("ltiLinkId", item.resourceLinkId());
        }
        return node;
    }

    /** A result as Moodle reports it: the latest score scaled to the line item's maximum. */
    private static ObjectNode result(LineItems.Score score, LineItems.LineItem item, String scoreOf, String resultsUrl) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", resultsUrl + "&user_id=" + score.userId());
        node.put("userId", score.userId());
        if (score.scoreGiven() != null) {
            putNumber(node, "resultScore", score.scoreGiven() / score.scoreMaximum() * item.scoreMaximum());
        }
        putNumber(node, "resultMaximum", item.scoreMaximum());
        if (score.comment() != null) {
            node.put("comment", score.comment());
        }
        node.put("scoreOf", scoreOf);
        node.put("timestamp", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(score.timestamp().atOffset(ZoneOffset.UTC)));
        return node;
    }

    /** Whole numbers as integers, as Moodle writes them ({@code 100}, not {@code 100.0}). */
    private static void putNumber(ObjectNode node, String field, double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            node.put(field, (long) value);
        } else {
            node.put(field, value);
        }
    }

    static ResponseEntity<String> json(int status, String mediaType, JsonNode body, List<String> links) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(status).header(HttpHeaders.CONTENT_TYPE, mediaType)
                .cacheControl(CacheControl.noStore());
        if (!links.isEmpty()) {
            response.header(HttpHeaders.LINK, String.join(", ", links));
        }
        return response.body(JSON.writeValueAsString(body));
    }
}
