package org.attest.tool.quality.internal;

import java.util.Optional;
import org.attest.tool.lti.AttestRole;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.portfolio.LearnerUnit;
import org.attest.tool.portfolio.Verifiers;
import org.springframework.stereotype.Service;

/**
 * Who may do what in quality assurance. An internal quality assurer is a tutor (they launched with a tutor's role)
 * whom their centre named IQA ({@link IqaPeople}); they work on the learner units of that centre (platform) only.
 * Also answers the portfolio's {@link Verifiers} port: an IQA reads any learner unit of their centre, read-only; an
 * external verifier (EQA) reads the learner units their centre's active grant covers ({@link EqaGrants}).
 */
@Service
public class QualityAccess implements Verifiers {

    private final IqaPeople iqas;
    private final EqaGrants eqaGrants;

    QualityAccess(IqaPeople iqas, EqaGrants eqaGrants) {
        this.iqas = iqas;
        this.eqaGrants = eqaGrants;
    }

    /** The user's active IQA record in the centre they launched from; empty for everyone else. */
    public Optional<IqaPeople.Iqa> iqa(LtiPrincipal user) {
        if (user == null || user.platformId() == null || !user.has(AttestRole.ASSESSOR)) {
            return Optional.empty();
        }
        return iqas.active(user.platformId(), user.subject());
    }

    /** The user's IQA record, or the refusal a page shows. */
    public IqaPeople.Iqa requireIqa(LtiPrincipal user) {
        return iqa(user).orElseThrow(() -> QualityRefused.forbidden("only your centre's internal quality assurers "
                + "(IQAs) work here; your centre administrator names them on the admin page"));
    }

    /** The user is a lead IQA of their centre (manages the sampling plans). */
    public IqaPeople.Iqa requireLead(LtiPrincipal user) {
        IqaPeople.Iqa iqa = requireIqa(user);
        if (!iqa.lead()) {
            throw QualityRefused.forbidden("only a lead IQA makes or changes the centre's sampling plans");
        }
        return iqa;
    }

    @Override
    public boolean mayVerify(LtiPrincipal user, LearnerUnit unit) {
        if (user != null && user.has(AttestRole.EXTERNAL_VERIFIER)) {
            // read on every request: a revoked or ended grant stops a live session at once
            return eqaGrants.active(user).filter(grant -> eqaGrants.covers(grant, unit)).isPresent();
        }
        return iqa(user).isPresent() && unit.course().platformId().equals(user.platformId());
    }
}
