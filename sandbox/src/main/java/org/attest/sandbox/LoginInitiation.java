package org.attest.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The OIDC third-party login initiation the sandbox auto-posts to the tool's login URL, with the
 * fields Moodle sends, plus {@code lti_storage_target} when the sandbox offers its client-side
 * storage (as Canvas does).
 */
record LoginInitiation(String action, Map<String, String> fields) {

    /** The hidden frame of the course page that answers the storage messages. */
    static final String STORAGE_FRAME = "post_message_forwarding";

    static LoginInitiation of(SandboxProperties sandbox, ToolRegistrations.ToolRegistration tool, SandboxCourse.Member user,
            String messageHint, String targetLinkUri, boolean offerStorage) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("iss", sandbox.issuer());
        fields.put("target_link_uri", targetLinkUri);
        fields.put("login_hint", user.id());
        fields.put("lti_message_hint", messageHint);
        fields.put("client_id", tool.clientId());
        fields.put("lti_deployment_id", tool.deploymentId());
        if (offerStorage) {
            fields.put("lti_storage_target", STORAGE_FRAME);
        }
        return new LoginInitiation(tool.initiateLoginUri(), fields);
    }
}
