package org.attest.tool.lti;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Platforms and deployments Attest trusts. */
@Service
public class PlatformRegistry {

    private final JdbcClient jdbc;
    private final Clock clock;

    PlatformRegistry(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** What an admin enters (or Dynamic Registration receives) to register a platform. */
    public record Registration(String issuer, String clientId, String name, String authorizationEndpoint,
            String tokenEndpoint, String jwksUri, String productFamily, Platform.RegisteredBy registeredBy,
            List<String> deploymentIds) {
    }

    public Optional<Platform> find(UUID id) {
        return jdbc.sql("SELECT * FROM platform WHERE id = ?").param(id).query(this::platformRow).optional()
                .map(this::withDeployments);
    }

    public Optional<Platform> find(String issuer, String clientId) {
        return jdbc.sql("SELECT * FROM platform WHERE issuer = ? AND client_id = ?").param(issuer).param(clientId)
                .query(this::platformRow).optional().map(this::withDeployments);
    }

    public List<Platform> findByIssuer(String issuer) {
        return jdbc.sql("SELECT * FROM platform WHERE issuer = ? ORDER BY created_at").param(issuer)
                .query(this::platformRow).list().stream().map(this::withDeployments).toList();
    }

    public List<Platform> all() {
        return jdbc.sql("SELECT * FROM platform ORDER BY created_at").query(this::platformRow).list().stream()
                .map(this::withDeployments).toList();
    }

    /** Registers a platform, or adds the deployments to the one already registered with that issuer and client id. */
    @Transactional
    public Platform register(Registration r) {
        Optional<Platform> existing = find(r.issuer(), r.clientId());
        UUID id = existing.map(Platform::id).orElseGet(UUID::randomUUID);
        Instant now = clock.instant();
        if (existing.isEmpty()) {
            jdbc.sql("""
                    INSERT INTO platform (id, issuer, client_id, name, authorization_endpoint, token_endpoint, jwks_uri,
                                          product_family, registered_by, enabled, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, TRUE, ?)""")
                    .params(id, r.issuer(), r.clientId(), r.name(), r.authorizationEndpoint(), r.tokenEndpoint(),
                            r.jwksUri(), r.productFamily(), r.registeredBy().name(), Timestamp.from(now))
                    .update();
        } else {
            jdbc.sql("""
                    UPDATE platform SET name = ?, authorization_endpoint = ?, token_endpoint = ?, jwks_uri = ?,
                                        product_family = ? WHERE id = ?""")
                    .params(r.name(), r.authorizationEndpoint(), r.tokenEndpoint(), r.jwksUri(), r.productFamily(), id)
                    .update();
        }
        for (String deploymentId : r.deploymentIds()) {
            addDeployment(id, deploymentId, null);
        }
        return find(id).orElseThrow();
    }

    public void addDeployment(UUID platformId, String deploymentId, String name) {
        int exists = jdbc.sql("SELECT COUNT(*) FROM deployment WHERE platform_id = ? AND deployment_id = ?")
                .params(platformId, deploymentId).query(Integer.class).single();
        if (exists == 0) {
            jdbc.sql("INSERT INTO deployment (platform_id, deployment_id, name, created_at) VALUES (?, ?, ?, ?)")
                    .params(platformId, deploymentId, name, Timestamp.from(clock.instant())).update();
        }
    }

    public void removeDeployment(UUID platformId, String deploymentId) {
        jdbc.sql("DELETE FROM deployment WHERE platform_id = ? AND deployment_id = ?").params(platformId, deploymentId).update();
    }

    public void setEnabled(UUID platformId, boolean enabled) {
        jdbc.sql("UPDATE platform SET enabled = ? WHERE id = ?").params(enabled, platformId).update();
    }

    /** Changes the endpoints and name an admin edited; issuer and client id are the identity and stay. */
    public void update(UUID platformId, String name, String authorizationEndpoint, String tokenEndpoint, String jwksUri) {
        jdbc.sql("UPDATE platform SET name = ?, authorization_endpoint = ?, token_endpoint = ?, jwks_uri = ? WHERE id = ?")
                .params(name, authorizationEndpoint, tokenEndpoint, jwksUri, platformId).update();
    }

    private Platform withDeployments(Platform p) {
        List<Platform.Deployment> deployments = new ArrayList<>(jdbc.sql(
                        "SELECT deployment_id, name, created_at FROM deployment WHERE platform_id = ? ORDER BY created_at, deployment_id")
                .param(p.id())
                .query((rs, n) -> new Platform.Deployment(rs.getString("deployment_id"), rs.getString("name"),
                        rs.getTimestamp("created_at").toInstant()))
                .list());
        return new Platform(p.id(), p.issuer(), p.clientId(), p.name(), p.authorizationEndpoint(), p.tokenEndpoint(),
                p.jwksUri(), p.productFamily(), p.registeredBy(), p.enabled(), p.createdAt(), deployments);
    }

    private Platform platformRow(ResultSet rs, int rowNum) throws SQLException {
        return new Platform(rs.getObject("id", UUID.class), rs.getString("issuer"), rs.getString("client_id"),
                rs.getString("name"), rs.getString("authorization_endpoint"), rs.getString("token_endpoint"),
                rs.getString("jwks_uri"), rs.getString("product_family"),
                Platform.RegisteredBy.valueOf(rs.getString("registered_by")), rs.getBoolean("enabled"),
                rs.getTimestamp("created_at").toInstant(), List.of());
    }
}
