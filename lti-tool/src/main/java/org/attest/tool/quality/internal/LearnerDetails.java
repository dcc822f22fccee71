package org.attest.tool.quality.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.portfolio.AccessRecords;
import org.attest.tool.portfolio.SamplingCandidates;
import org.attest.tool.portfolio.UnitForSampling;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The centre's learners with what the certificate claim and the sampling plan need to know of them: ULN
 * ({@link Ulns}), employer and assessment site ({@link Placements}). An IQA reads and corrects them; every change is
 * in the audit trail with the old and the new value, and a form with anything wrong in it changes nothing.
 */
@Service
public class LearnerDetails {

    /** One learner of the centre. Null values are not known. */
    public record Learner(String subject, String name, String courses, String uln, String employer,
            Placements.Source employerSource, String site, Placements.Source siteSource) {
    }

    private final QualityAccess access;
    private final SamplingCandidates candidates;
    private final Ulns ulns;
    private final Placements placements;
    private final AccessRecords records;

    LearnerDetails(QualityAccess access, SamplingCandidates candidates, Ulns ulns, Placements placements,
            AccessRecords records) {
        this.access = access;
        this.candidates = candidates;
        this.ulns = ulns;
        this.placements = placements;
        this.records = records;
    }

    /** Every learner with a unit in the IQA's centre, by name. */
    public List<Learner> ofCentre(LtiPrincipal user) {
        access.requireIqa(user);
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, TreeSet<String>> courses = new LinkedHashMap<>();
        for (UnitForSampling u : candidates.ofCentre(user.platformId())) {
            names.putIfAbsent(u.learnerSubject(), u.learnerName());
            courses.computeIfAbsent(u.learnerSubject(), s -> new TreeSet<>()).add(u.course().contextId());
        }
        Map<String, String> uln = ulns.ofCentre(user.platformId());
        Map<String, Placements.Placement> placed = placements.ofCentre(user.platformId());
        List<Learner> result = new ArrayList<>();
        names.forEach((subject, name) -> {
            Placements.Placement p = placed.getOrDefault(subject, Placements.Placement.NONE);
            result.add(new Learner(subject, name, String.join(", ", courses.get(subject)), uln.get(subject), p.employer(),
                    p.employerSource(), p.site(), p.siteSource()));
        });
        result.sort(Comparator.comparing((Learner l) -> l.name() == null ? "" : l.name()).thenComparing(Learner::subject));
        return result;
    }

    /**
     * An IQA sets a learner's details. A field the form did not send (null) stays as it is; a blank employer or site
     * means not known; a recorded ULN can be corrected but not blanked. Everything is checked before anything is
     * written, so bad input changes nothing.
     *
     * @return whether anything changed
     */
    @Transactional
    /** The ready-to-claim page's ULN form, where a ULN is required; who asks is checked before what they sent. */
    public boolean enterUln(LtiPrincipal user, String learnerSubject, String uln) {
        access.requireIqa(user);
        if (uln == null || uln.isBlank()) {
            throw QualityRefused.badInput("type the learner's ULN: the ten digits the Learning Records Service gave them");
        }
        return change(user, learnerSubject, uln, null, null);
    }

    public boolean change(LtiPrincipal user, String learnerSubject, String uln, String employer, String site) {
        IqaPeople.Iqa iqa = access.requireIqa(user);
        if (learnerSubject == null || learnerSubject.isBlank()) {
            throw QualityRefused.invalid("say which learner the details are for: reload the Learner details page and "
                    + "use the form on the learner's row");
        }
        String name = candidates.ofCentre(user.platformId()).stream()
                .filter(u -> u.learnerSubject().equals(learnerSubject)).map(UnitForSampling::learnerName).findFirst()
                .orElseThrow(() -> QualityRefused.notFound("A learner '" + learnerSubject + "' with a unit"));
        String oldUln = ulns.of(user.platformId(), learnerSubject).orElse(null);
        Placements.Placement old = placements.of(user.platformId(), learnerSubject);
        String newUln = oldUln;
        if (uln != null && !uln.isBlank()) {
            newUln = Ulns.checked(uln);
        } else if (uln != null && oldUln != null) {
            throw QualityRefused.invalid(name + "'s ULN " + oldUln + " cannot be left blank: a recorded ULN can be "
                    + "corrected (type the right one) but not removed");
        }
        String newEmployer = employer == null ? old.employer() : Placements.entered(employer, "employer");
        String newSite = site == null ? old.site() : Placements.entered(site, "assessment site");

        Map<String, Object> changes = new LinkedHashMap<>();
        changed(changes, "uln", oldUln, newUln);
        changed(changes, "employer", old.employer(), newEmployer);
        changed(changes, "site", old.site(), newSite);
        if (changes.isEmpty()) {
            return false;
        }
        if (changes.containsKey("uln")) {
            ulns.enter(user.platformId(), learnerSubject, newUln, iqa.name());
        }
        if (changes.containsKey("employer") || changes.containsKey("site")) {
            placements.enter(user.platformId(), learnerSubject, newEmployer, newSite, iqa.name());
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("learner", learnerSubject);
        detail.put("learnerName", name);
        detail.put("changes", changes);
        records.record(user.platformId(), user.subject(), iqa.name(), AccessRecords.Event.LEARNER_DETAILS_CHANGED, null,
                detail);
        return true;
    }

    private static void changed(Map<String, Object> changes, String field, String from, String to) {
        if (!Objects.equals(from, to)) {
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("from", from);
            change.put("to", to);
            changes.put(field, change);
        }
    }
}
