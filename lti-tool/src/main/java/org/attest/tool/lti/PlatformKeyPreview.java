package org.attest.tool.lti;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import org.attest.tool.lti.internal.EndpointChange;
import org.springframework.stereotype.Component;

/** Reads the keys a JWKS URL publishes, for an administrator to compare before changing a platform's keys. */
@Component
class PlatformKeyPreview {

    private final PlatformHttp http;

    PlatformKeyPreview(PlatformHttp http) {
        this.http = http;
    }

    /** The thumbprints of the keys published at this URL now; a failure is described, not thrown. */
    EndpointChange.Keys keysAt(String jwksUri) {
        if (jwksUri == null || jwksUri.isBlank()) {
            return new EndpointChange.Keys(jwksUri, List.of(), "no public keyset URL is set");
        }
        PlatformHttp.Response response;
        try {
            response = http.getJson(jwksUri, null);
        } catch (PlatformHttp.Unreachable e) {
            return new EndpointChange.Keys(jwksUri, List.of(), "the keys could not be fetched: " + e.getMessage());
        }
        if (!response.ok()) {
            return new EndpointChange.Keys(jwksUri, List.of(), "the keys could not be fetched: the server answered HTTP "
                    + response.status());
        }
        try {
            List<String> thumbprints = new ArrayList<>();
            for (JWK key : JWKSet.parse(response.body() == null ? "" : response.body()).getKeys()) {
                thumbprints.add(key.computeThumbprint().toString());
            }
            return new EndpointChange.Keys(jwksUri, thumbprints, thumbprints.isEmpty() ? "the keyset holds no keys" : null);
        } catch (ParseException | JOSEException e) {
            return new EndpointChange.Keys(jwksUri, List.of(), "the answer is not a JSON Web Key Set (" + e.getMessage() + ")");
        }
    }
}
