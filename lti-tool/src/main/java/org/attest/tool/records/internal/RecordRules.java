package org.attest.tool.records.internal;

import java.time.LocalDate;
import java.util.Locale;
import org.attest.tool.lti.AttestRole;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.portfolio.LearnerUnit;
import org.attest.tool.portfolio.PortfolioAccess;
import org.attest.tool.portfolio.PortfolioRefused;

/** What each recording form needs, who may write and sign it, and what a typed name must be. Pure. */
public final class RecordRules {

    static final int MAX_TEXT = 4000;
    static final int MAX_SHORT = 200;
    static final int MAX_QUESTIONS = 30;

    private RecordRules() {
    }

    /** The form's content, checked for its kind: the fields the form needs are there and no longer than they may be. */
    public static RecordContent check(RecordKind kind, RecordContent c, LocalDate today) {
        short_("Skills/Knowledge", c.skills());
        switch (kind) {
            case ASSESSMENT_PLAN -> {
                required("the venue", c.venue(), MAX_SHORT);
                if (c.when() == null) {
                    throw PortfolioRefused.invalid("write the date and time of the assessment");
                }
                if (c.methods().isEmpty()) {
                    throw PortfolioRefused.invalid("tick at least one way the evidence will be assessed");
                }
                required("the action plan / evidence requirements", c.requirements(), MAX_TEXT);
                required("the feedback arrangements", c.feedbackArrangements(), MAX_TEXT);
                if (c.dueOn() == null) {
                    throw PortfolioRefused.invalid("give the plan a due date: the day the evidence should be in");
                }
            }
            case OBSERVATION -> {
                required("what you saw the candidate do", c.observed(), MAX_TEXT);
                if (c.observedOn() == null || c.observedOn().isAfter(today)) {
                    throw PortfolioRefused.invalid("give the date of the observation: today or a day before");
                }
                if (c.items().isEmpty()) {
                    throw PortfolioRefused.invalid("choose at least one criterion or range item the observation refers to");
                }
                for (String box : new String[] {c.workProducts(), c.photographs(), c.eEvidence(), c.thirdParty()}) {
                    optional("a supplementary evidence location", box, MAX_SHORT);
                }
            }
            case ASSESSMENT_REPORT -> {
                for (VacsQuestion q : VacsQuestion.values()) {
                    if (!c.answers().containsKey(q)) {
                        throw PortfolioRefused.invalid("answer yes or no: " + q.question());
                    }
                }
                optional("the assessor's comments", c.comments(), MAX_TEXT);
                if (c.questions().size() > MAX_QUESTIONS) {
                    throw PortfolioRefused.invalid("a report holds at most " + MAX_QUESTIONS + " questions");
                }
                for (RecordContent.QuestionAnswer qa : c.questions()) {
                    required("each question", qa.question(), MAX_TEXT);
                    required("the candidate's answer to '" + abbreviated(qa.question()) + "'", qa.answer(), MAX_TEXT);
                }
                if (!c.items().isEmpty() && c.questions().isEmpty()) {
                    throw PortfolioRefused.invalid("the criteria chosen are those the questions cover: write the questions "
                            + "and answers, or choose no criteria");
                }
                required("the outcome of assessment", c.outcome(), MAX_TEXT);
            }
            case FEEDBACK -> {
                required("the feedback to the candidate", c.feedback(), MAX_TEXT);
                required("the outcome of assessment", c.outcome(), MAX_TEXT);
            }
        }
        return c;
    }

    /** Assessors of the unit's course write records; anyone else is told the unit is not there. */
    public static void requireWriter(LtiPrincipal user, LearnerUnit unit) {
        PortfolioAccess.requireAssessable(user, unit);
    }

    /**
     * The user may sign this version in this role with this typed name: the kind needs the role, the version is current
     * and not yet signed in that role, the user is the record's assessor (as assessor) or the learner whose unit it is
     * (as candidate), and the typed name is their name from the launch.
     */
    public static void requireSigner(LtiPrincipal user, LearnerUnit unit, AssessorRecord record, SignerRole role,
            String typedName) {
        if (record.superseded()) {
            throw PortfolioRefused.conflict("this is version " + record.version() + " of the " + record.kind().title()
                    + ", superseded by a later version; open the current version and sign that");
        }
        if (!record.kind().needs(role)) {
            throw PortfolioRefused.invalid("the " + record.kind().title() + " is not signed by the " + role.label());
        }
        switch (role) {
            case ASSESSOR -> {
                if (!user.has(AttestRole.ASSESSOR) || !PortfolioAccess.mayAssess(user, unit)) {
                    throw PortfolioRefused.forbidden("only the assessor named on this record, " + record.assessorName()
                            + ", signs it as assessor");
                }
                if (!user.subject().equals(record.assessorSubject())) {
                    throw PortfolioRefused.forbidden("this record names " + record.assessorName() + " as assessor: only they "
                            + "sign it as assessor. To sign it yourself, make a new version, which names you");
                }
            }
            case CANDIDATE -> {
                if (!PortfolioAccess.owns(user, unit)) {
                    throw PortfolioRefused.forbidden("only the candidate, " + record.learnerName() + ", signs this record as "
                            + "candidate");
                }
            }
        }
        record.signature(role).ifPresent(s -> {
            throw PortfolioRefused.conflict("this version is already signed as " + role.label() + " by " + s.signerName());
        });
        requireTypedName(user, typedName);
    }

    /** The typed name is the signer's name from the launch, ignoring case and spaces. */
    public static void requireTypedName(LtiPrincipal user, String typedName) {
        if (typedName == null || typedName.isBlank()) {
            throw PortfolioRefused.invalid("type your name to sign: it is your signature");
        }
        if (!normalised(typedName).equals(normalised(user.displayName()))) {
            throw PortfolioRefused.invalid("the name you typed, '" + abbreviated(typedName.strip()) + "', is not your name as "
                    + "your LMS gives it, '" + user.displayName() + "'; type that name to sign");
        }
    }

    /** A record is edited in place only while it is a current draft. */
    public static void requireEditable(AssessorRecord record) {
        if (record.superseded()) {
            throw PortfolioRefused.conflict("this is an old version of the record; open the current version");
        }
        if (!record.draft()) {
            AssessorRecord.Signature first = record.signatures().get(0);
            throw PortfolioRefused.conflict("this record is signed (by " + first.signerName() + " as " + first.role().label()
                    + "), so it cannot be changed in place; make a new version, which is signed again");
        }
    }

    /** A new version is made of the current, signed version; a draft is simply edited. */
    /** Only a current draft nobody signed is discarded, and only by the assessor who wrote it. */
    public static void requireDiscardable(LtiPrincipal user, AssessorRecord record) {
        requireEditable(record);
        if (!record.assessorSubject().equals(user.subject())) {
            throw PortfolioRefused.forbidden("this draft is " + record.assessorName() + "'s; only they can discard it");
        }
    }

    public static void requireVersionable(AssessorRecord record) {
        if (record.superseded()) {
            throw PortfolioRefused.conflict("this version is already superseded; make the new version from the current one");
        }
        if (record.draft()) {
            throw PortfolioRefused.conflict("this record is still a draft: edit it instead of making a new version");
        }
    }

    static String normalised(String name) {
        return name == null ? "" : name.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
    }

    private static void required(String what, String text, int max) {
        if (text == null || text.isBlank()) {
            throw PortfolioRefused.invalid("write " + what);
        }
        optional(what, text, max);
    }

    private static void optional(String what, String text, int max) {
        if (text != null && text.length() > max) {
            throw PortfolioRefused.invalid(what + " is longer than " + max + " characters; shorten it");
        }
    }

    private static void short_(String what, String text) {
        optional(what, text, MAX_SHORT);
    }

    private static String abbreviated(String s) {
        return s.length() <= 60 ? s : s.substring(0, 59) + "…";
    }
}
