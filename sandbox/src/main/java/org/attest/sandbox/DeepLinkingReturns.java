package org.attest.sandbox;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Receives the tool's {@code LtiDeepLinkingResponse} at /sandbox/deep-link-return: verifies the JWT
 * with the keys the tool registered (its JWKS URL, fetched and cached), checks it is from the
 * registered client to this sandbox for its deployment, and places each {@code ltiResourceLink}
 * as an activity of the course.
 */
@Component
@ConditionalOnSandbox
class DeepLinkingReturns {

    /** The response was not acceptable; the message says which check failed. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    /** What the tool placed, who asked for it, and the tool's message to show, if any. */
    record Placed(List<SandboxLinks.Link> links, String placedBy, String message) {
    }

    /** A content item checked and ready to place; none is placed unless all pass. */
    private record NewActivity(String title, Map<String, String> custom, String url, String lineItemJson,
            LineItems.Definition lineItem) {
    }

    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SandboxProperties properties;
    private final ToolRegistrations tools;
    private final SandboxLinks links;
    private final Clock clock;
    private final ToolJwks toolJwks;
    private final LineItems lineItems;

    DeepLinkingReturns(SandboxProperties properties, ToolRegistrations tools, SandboxLinks links, ToolJwks toolJwks,
            LineItems lineItems, Clock clock) {
        this.toolJwks = toolJwks;
        this.lineItems = lineItems;
        this.properties = properties;
        this.tools = tools;
        this.links = links;
        this.clock = clock;
    }

    Placed receive(String token) throws Refused {
        if (token == null || token.isBlank()) {
            throw new Refused("the deep-linking return has no JWT form field; the tool must post its LtiDeepLinkingResponse as JWT");
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new Refused("the JWT form field is not a signed JWT (" + e.getMessage() + ")");
        }
        String clientId = claims.getIssuer();
        ToolRegistrations.ToolRegistration tool = (clientId == null ? null : tools.find(properties.issuer(), clientId).orElse(null));
        if (tool == null) {
            throw new Refused("the deep-linking response's iss '" + clientId + "' is not the client id of a tool registered with "
                    + properties.issuer());
        }
        try {
            toolJwks.verify(jwt, tool, "the deep-linking response");
        } catch (ToolJwks.Unverified e) {
            throw new Refused(e.getMessage());
        }
        if (claims.getAudience() == null || !claims.getAudience().contains(properties.issuer())) {
            throw new Refused("the deep-linking response's aud " + claims.getAudience() + " does not name this sandbox ("
                    + properties.issuer() + ")");
        }
        checkTimes(claims);
        expect(claims, LaunchMessages.LTI + "message_type", LaunchMessages.DEEP_LINKING_RESPONSE);
        expect(claims, LaunchMessages.LTI + "version", "1.3.0");
        expect(claims, LaunchMessages.LTI + "deployment_id", tool.deploymentId());
        String placedBy = placedBy(claims);
        List<NewActivity> activities = new ArrayList<>();
        for (Map<String, Object> item : contentItems(claims)) {
            if ("ltiResourceLink".equals(item.get("type"))) {
                Map<?, ?> lineItem = item.get("lineItem") instanceof Map<?, ?> m ? m : null;
                activities.add(new NewActivity(title(item), custom(item), item.get("url") instanceof String url ? url : null,
                        lineItem == null ? null : JSON.writeValueAsString(lineItem), lineItem == null ? null : lineItem(item, lineItem)));
            }
        }
        List<SandboxLinks.Link> placed = new ArrayList<>();
        for (NewActivity a : activities) {
            SandboxLinks.Link link = links.add(a.title(), a.custom(), a.url(), a.lineItemJson());
            if (a.lineItem() != null) {
                // the grade column of the new activity, as Moodle makes one for an activity placed with a lineItem
                lineItems.create(SandboxCourse.CUSTOMER_SERVICE.id(), new LineItems.Definition(a.lineItem().label(),
                        a.lineItem().scoreMaximum(), a.lineItem().resourceId(), a.lineItem().tag(), link.id()));
            }
            placed.add(link);
        }
        Object message = claims.getClaim(LaunchMessages.DL + "msg");
        Object error = claims.getClaim(LaunchMessages.DL + "errormsg");
        return new Placed(placed, placedBy, error != null ? String.valueOf(error) : message == null ? null : String.valueOf(message));
    }

    private void checkTimes(JWTClaimsSet claims) throws Refused {
        Instant now = clock.instant();
        if (claims.getExpirationTime() == null || claims.getIssueTime() == null) {
            throw new Refused("the deep-linking response needs both exp and iat");
        }
        if (!claims.getExpirationTime().toInstant().plus(CLOCK_SKEW).isAfter(now)) {
            throw new Refused("the deep-linking response expired at " + claims.getExpirationTime().toInstant() + " (now " + now + ")");
        }
        if (claims.getIssueTime().toInstant().minus(CLOCK_SKEW).isAfter(now)) {
            throw new Refused("the deep-linking response was issued in the future (" + claims.getIssueTime().toInstant() + ", now " + now + ")");
        }
    }

    private static void expect(JWTClaimsSet claims, String name, String expected) throws Refused {
        Object value = claims.getClaim(name);
        if (!expected.equals(value)) {
            throw new Refused("the deep-linking response's " + name.substring(name.lastIndexOf('/') + 1) + " is '" + value
                    + "'; the sandbox expects '" + expected + "'");
        }
    }

    /** The instructor the request was made for, from the data the sandbox sent and the tool must return unchanged. */
    private static String placedBy(JWTClaimsSet claims) throws Refused {
        Object data = claims.getClaim(LaunchMessages.DL + "data");
        String prefix = LaunchMessages.DEEP_LINKING_DATA_PREFIX;
        if (!(data instanceof String s) || !s.startsWith(prefix)) {
            throw new Refused("the deep-linking response does not return the data the sandbox sent (" + prefix
                    + "<user id>); the tool must echo deep_linking_settings.data unchanged, was '" + data + "'");
        }
        return SandboxCourse.CUSTOMER_SERVICE.member(s.substring(prefix.length())).map(SandboxCourse.Member::name)
                .orElseThrow(() -> new Refused("the deep-linking response's data names no user of the sandbox course: '" + s + "'"));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> contentItems(JWTClaimsSet claims) throws Refused {
        Object items = claims.getClaim(LaunchMessages.DL + "content_items");
        if (items == null) {
            return List.of();
        }
        if (!(items instanceof List<?> list) || !list.stream().allMatch(i -> i instanceof Map)) {
            throw new Refused("the deep-linking response's content_items is not an array of objects");
        }
        return (List<Map<String, Object>>) list;
    }

    /** The content item's lineItem: scoreMaximum is required, the label defaults to the item's title. */
    private static LineItems.Definition lineItem(Map<String, Object> item, Map<?, ?> lineItem) throws Refused {
        if (!(lineItem.get("scoreMaximum") instanceof Number maximum) || maximum.doubleValue() <= 0) {
            throw new Refused("the lineItem of '" + title(item) + "' needs a scoreMaximum above 0, was " + lineItem.get("scoreMaximum"));
        }
        String label = lineItem.get("label") instanceof String l && !l.isBlank() ? l : title(item);
        return new LineItems.Definition(label, maximum.doubleValue(), string(item, lineItem, "resourceId"),
                string(item, lineItem, "tag"), null);
    }

    private static String string(Map<String, Object> item, Map<?, ?> lineItem, String field) throws Refused {
        Object value = lineItem.get(field);
        if (value != null && !(value instanceof String s && s.length() <= 255)) {
            throw new Refused("the lineItem " + field + " of '" + title(item) + "' must be a string of at most 255 characters");
        }
        return (String) value;
    }

    private static String title(Map<String, Object> item) {
        return item.get("title") instanceof String t && !t.isBlank() ? t : "Untitled Attest activity";
    }

    private static Map<String, String> custom(Map<String, Object> item) throws Refused {
        Map<String, String> custom = new LinkedHashMap<>();
        if (item.get("custom") instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!(e.getValue() instanceof String)) {
                    throw new Refused("custom parameter '" + e.getKey() + "' of '" + title(item) + "' is not a string; "
                            + "LTI custom parameter values are strings");
                }
                custom.put(String.valueOf(e.getKey()), (String) e.getValue());
            }
        }
        return custom;
    }
}
