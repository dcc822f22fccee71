package org.attest.sandbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tools registered with the sandbox through Dynamic Registration, each under the sandbox issuer
 * it registered with. Launches use the newest registration the tool still knows; a deep-linking
 * response is checked against the registration its {@code iss} (the client id) names.
 */
@Component
@ConditionalOnSandbox
class ToolRegistrations {

    /** A registered tool: what the sandbox needs to launch it and to verify what it sends back. */
    record ToolRegistration(String clientId, String issuer, String deploymentId, String clientName, String initiateLoginUri,
            List<String> redirectUris, String jwksUri, String targetLinkUri, String scope, Instant createdAt) {

        ToolRegistration {
            redirectUris = List.copyOf(redirectUris);
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;

    ToolRegistrations(SandboxDatabase database) {
        this.jdbc = database.jdbc();
    }

    ToolRegistration save(ToolRegistration r, String registrationJson) {
        jdbc.sql("""
                INSERT INTO sandbox_registration (client_id, issuer, deployment_id, client_name, initiate_login_uri, redirect_uris,
                                                  jwks_uri, target_link_uri, scope, registration, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(r.clientId(), r.issuer(), r.deploymentId(), r.clientName(), r.initiateLoginUri(),
                        JSON.writeValueAsString(r.redirectUris()), r.jwksUri(), r.targetLinkUri(), r.scope(), registrationJson,
                        Timestamp.from(r.createdAt()))
                .update();
        return r;
    }

    /** The registrations made with this issuer, newest first. */
    List<ToolRegistration> newestFirst(String issuer) {
        return jdbc.sql("SELECT * FROM sandbox_registration WHERE issuer = ? ORDER BY created_at DESC, client_id")
                .param(issuer).query(ToolRegistrations::row).list();
    }

    Optional<ToolRegistration> find(String issuer, String clientId) {
        return jdbc.sql("SELECT * FROM sandbox_registration WHERE issuer = ? AND client_id = ?").params(issuer, clientId)
                .query(ToolRegistrations::row).optional();
    }

    private static ToolRegistration row(ResultSet rs, int rowNum) throws SQLException {
        return new ToolRegistration(rs.getString("client_id"), rs.getString("issuer"), rs.getString("deployment_id"),
                rs.getString("client_name"), rs.getString("initiate_login_uri"), JSON.readValue(rs.getString("redirect_uris"), STRINGS),
                rs.getString("jwks_uri"), rs.getString("target_link_uri"), rs.getString("scope"),
                rs.getTimestamp("created_at").toInstant());
    }
}
