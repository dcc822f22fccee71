package org.attest.tool.lti.internal;

import java.util.List;
import org.attest.tool.lti.Platform;
import org.attest.tool.lti.PlatformAdministration;

/**
 * A change of a platform's endpoints, shown to the administrator before it is applied: the
 * endpoints now and after, and the keys published at the old and the new JWKS URL, each by its
 * RFC 7638 thumbprint, so a swapped key set is seen before Attest trusts it.
 */
public record EndpointChange(Platform platform, PlatformAdministration.Endpoints before, PlatformAdministration.Endpoints after,
        Keys keysBefore, Keys keysAfter) {

    /**
     * The keys at a JWKS URL when the change was reviewed.
     *
     * @param thumbprints each key's RFC 7638 SHA-256 thumbprint (base64url), in published order
     * @param problem why the keys could not be read, or null
     */
    public record Keys(String jwksUri, List<String> thumbprints, String problem) {
        public Keys {
            thumbprints = List.copyOf(thumbprints);
        }
    }

    public boolean keysChange() {
        return !keysBefore.thumbprints().equals(keysAfter.thumbprints()) || keysAfter.problem() != null;
    }
}
