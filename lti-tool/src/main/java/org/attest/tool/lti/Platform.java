package org.attest.tool.lti;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An LMS registration: one (issuer, client_id) pair with its endpoints and deployments. Canvas
 * shares one issuer across every institution, so the client id is part of the identity.
 *
 * @param productFamily the product_family_code the platform gave (registration, launches); may be null
 * @param familyOverride the LMS family an admin chose instead, or null
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
        ProductFamilies.Family familyOverride,
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

    /** The LMS family that counts: the admin's choice, else what the platform says it is. */
    public ProductFamilies.Family family() {
        return familyOverride != null ? familyOverride : ProductFamilies.Family.ofCode(productFamily);
    }

    public String describe() {
        return name + " (" + issuer + ", client " + clientId + ")";
    }
}
