package org.attest.tool.lti;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Builds the signed {@code LtiDeepLinkingResponse} that places activities in the course: one
 * {@code ltiResourceLink} content item per chosen unit, custom parameters naming the unit, a
 * {@code lineItem} (the unit's grade column) when the platform accepts one, and the request's
 * {@code data} echoed back.
 */
@Component
public class DeepLinkingResponse {

    /**
     * One activity to place.
     *
     * @param lineItem the grade column the platform should create with it, or null for none
     */
    public record ContentItem(String title, String text, Map<String, String> custom, LineItem lineItem) {

        public ContentItem(String title, String text, Map<String, String> custom) {
            this(title, text, custom, null);
        }
    }

    /**
     * A grade column, as Deep Linking's {@code lineItem} asks for one.
     *
     * @param resourceId what the column is for in Attest (the unit code), so it can be found again
     * @param tag the kind of column ("unit")
     */
    public record LineItem(String label, double scoreMaximum, String resourceId, String tag) {
    }

    private final SigningKeys toolKeys;
    private final LtiProperties properties;
    private final Clock clock;

    DeepLinkingResponse(@Qualifier("tool") SigningKeys toolKeys, LtiProperties properties, Clock clock) {
        this.toolKeys = toolKeys;
        this.properties = properties;
        this.clock = clock;
    }

    /** The JWT to auto-post as the {@code JWT} form field to the platform's return URL. */
    public String sign(LtiPrincipal request, List<ContentItem> items) {
        if (!request.requestsDeepLinking()) {
            throw new IllegalArgumentException("not a deep-linking launch: " + request.messageType());
        }
        List<Map<String, Object>> contentItems = new ArrayList<>();
        for (ContentItem item : items) {
            Map<String, Object> link = new LinkedHashMap<>();
            link.put("type", "ltiResourceLink");
            link.put("title", item.title());
            if (item.text() != null) {
                link.put("text", item.text());
            }
            link.put("url", properties.baseUrlString() + "/lti/launch");
            link.put("custom", item.custom());
            if (item.lineItem() != null && request.deepLinking().acceptLineItem()) {
                Map<String, Object> column = new LinkedHashMap<>();
                column.put("label", item.lineItem().label());
                column.put("scoreMaximum", item.lineItem().scoreMaximum());
                column.put("resourceId", item.lineItem().resourceId());
                column.put("tag", item.lineItem().tag());
                link.put("lineItem", column);
            }
            contentItems.add(link);
        }
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(request.clientId())
                .audience(request.issuer())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .jwtID(UUID.randomUUID().toString())
                .claim("nonce", UUID.randomUUID().toString())
                .claim(LaunchClaims.LTI + "message_type", "LtiDeepLinkingResponse")
                .claim(LaunchClaims.LTI + "version", "1.3.0")
                .claim(LaunchClaims.LTI + "deployment_id", request.deploymentId())
                .claim(LaunchClaims.DL + "content_items", contentItems);
        if (request.deepLinking().data() != null) {
            claims.claim(LaunchClaims.DL + "data", request.deepLinking().data());
        }
        return toolKeys.sign(claims.build());
    }
}
