package org.attest.tool.lti;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An LMS registration: one (issuer, client_id) pair with its endpoints and deployments. Canvas
 * shares one issuer across every institution, so the client id is part of the identity.
 */
public record Platform(
        UUID id,
        String issuer,
        String clientId,
        String name,
        String authorizationEndpoint,
        String tokenEndpoint,
        String jwksUri,
        String productFamily,
        RegisteredBy registeredBy,
        boolean enabled,
        Instant createdAt,
        List<Deployment> deployments) {

    public enum RegisteredBy { DYNAMIC, MANUAL, SANDBOX }

    /** A deployment of the tool in the platform; each is a centre. */
    public record Deployment(String deploymentId, String name, Instant createdAt) {
    }

    public Platform {
        deployments = List.copyOf(deployments);
    }

    public boolean hasDeployment(String deploymentId) {
        return deployments.stream().anyMatch(d -> d.deploymentId().equals(deploymentId));
    }

    public String describe() {
        return name + " (" + issuer + ", client " + clientId + ")";
    }
}
