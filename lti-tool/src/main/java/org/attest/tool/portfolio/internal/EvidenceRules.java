package org.attest.tool.portfolio.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.attest.tool.portfolio.PortfolioRefused;

/** What evidence a learner records must hold: every problem with the form is named at once. */
public final class EvidenceRules {

    public static final int MAX_FILES = 20;

    private EvidenceRules() {
    }

    /** The input, when it can be recorded as evidence on {@code today}; otherwise refused with every problem found. */
    public static EvidenceInput check(EvidenceInput in, LocalDate today) {
        List<String> problems = new ArrayList<>();
        if (in.title() == null || in.title().isBlank()) {
            problems.add("give the evidence a title");
        } else if (in.title().length() > 200) {
            problems.add("the title is longer than 200 characters");
        }
        if (in.account() != null && in.account().length() > 20_000) {
            problems.add("the account is longer than 20,000 characters; attach a document instead");
        }
        if (in.occasionDate() == null) {
            problems.add("give the date of the occasion the evidence comes from");
        } else if (in.occasionDate().isAfter(today)) {
            problems.add("the occasion date " + in.occasionDate() + " is in the future");
        }
        if (in.methods().isEmpty()) {
            problems.add("choose at least one assessment method");
        }
        Evidence.Witness w = in.witness();
        if (w != null && w.present()) {
            if (w.status() != null && (w.status() < 1 || w.status() > 5)) {
                problems.add("the witness status must be a category from 1 to 5");
            }
            if (w.signedOn() != null && w.signedOn().isAfter(today)) {
                problems.add("the witness signature date is in the future");
            }
            if ((w.signedName() == null || w.signedName().isBlank()) != (w.signedOn() == null)) {
                problems.add("a witness signs with both their typed name and the date");
            }
        }
        tooLong(in.customerReference(), 200, "customer reference", problems);
        tooLong(in.customerDescriptor(), 500, "customer description", problems);
        tooLong(in.location(), 200, "location", problems);
        if (!problems.isEmpty()) {
            throw PortfolioRefused.invalid(String.join("; ", problems));
        }
        return in;
    }

    /**
     * Evidence Attest wrote from an LMS grade changes only when the grade does; evidence an assessor recorded (an
     * observation or questioning record, written by the records module) only by a new version of that record.
     */
    public static void requireByHand(Evidence evidence, String learnerSubject) {
        if (evidence.fromGradebook()) {
            throw PortfolioRefused.conflict("this evidence records a grade from the LMS gradebook; Attest changes it when the "
                    + "grade changes there, so it cannot be edited or mapped by hand");
        }
        if (!evidence.createdBy().equals(learnerSubject)) {
            throw PortfolioRefused.conflict("your assessor recorded this evidence (an observation or questioning record); it "
                    + "changes only when they make a new version of that record, so it cannot be edited or mapped here");
        }
    }

    private static void tooLong(String value, int limit, String field, List<String> problems) {
        if (value != null && value.length() > limit) {
            problems.add("the " + field + " is longer than " + limit + " characters");
        }
    }
}
