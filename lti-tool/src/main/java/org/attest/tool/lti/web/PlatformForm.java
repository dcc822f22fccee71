package org.attest.tool.lti.web;

import java.util.Arrays;
import java.util.List;
import org.attest.tool.lti.Platform;
import org.attest.tool.lti.PlatformAdministration;

/** The platform form as posted: deployment ids come comma-separated in one field. */
record PlatformForm(String issuer, String clientId, String name, String authorizationEndpoint, String tokenEndpoint,
        String jwksUri, String deploymentIds) {

    static PlatformForm empty() {
        return new PlatformForm("", "", "", "", "", "", "");
    }

    static PlatformForm of(Platform p) {
        return new PlatformForm(p.issuer(), p.clientId(), p.name(), p.authorizationEndpoint(),
                p.tokenEndpoint() == null ? "" : p.tokenEndpoint(), p.jwksUri(), "");
    }

    PlatformAdministration.NewPlatform toNewPlatform() {
        List<String> ids = deploymentIds == null ? List.of() : Arrays.asList(deploymentIds.split(","));
        return new PlatformAdministration.NewPlatform(issuer, clientId, name, authorizationEndpoint, tokenEndpoint, jwksUri, ids);
    }

    PlatformAdministration.Endpoints toEndpoints() {
        return new PlatformAdministration.Endpoints(name, authorizationEndpoint, tokenEndpoint, jwksUri);
    }
}
