package org.attest.tool.quality;

import java.util.UUID;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.quality.internal.QualityAccess;
import org.springframework.stereotype.Service;

/**
 * Whether someone is an internal verifier (IQA) of a centre, for modules whose records an IQA signs (the witnesses
 * module's record of expert witness needs the IV's signature). Read on every call: an IQA stood down stops at once.
 */
@Service
public class Iqas {

    private final QualityAccess access;

    Iqas(QualityAccess access) {
        this.access = access;
    }

    /** The user launched as a tutor of the centre ({@code platformId}) and the centre names them an active IQA. */
    public boolean isIqaOf(LtiPrincipal user, UUID platformId) {
        return platformId != null && platformId.equals(user == null ? null : user.platformId()) && access.iqa(user).isPresent();
    }
}
