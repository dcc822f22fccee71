package org.attest.tool.portfolio.web;

import org.attest.tool.portfolio.AssessmentDecision;
import org.attest.tool.portfolio.internal.CompletionReport.CriterionState;
import org.attest.tool.portfolio.internal.Evidence;
import org.attest.tool.portfolio.internal.MappingStatus;
import org.springframework.stereotype.Component;

/** Words and styles for statuses, so templates only display them ({@code ${@labels.state(...)}}). */
@Component("labels")
class StatusLabels {

    public String state(CriterionState state) {
        return switch (state) {
            case NO_EVIDENCE -> "No evidence";
            case CLAIMED -> "Evidence claimed";
            case NOT_YET -> "Not yet met";
            case AWAITING_COUNTERSIGNATURE -> "Met, awaiting countersignature";
            case NEEDS_REVIEW -> "Changed, needs review";
            case VERIFIER_DISAGREED -> "Internal verifier did not agree";
            case MET -> "Met";
        };
    }

    /** Who a decision comes from, as pages name it. */
    public String source(AssessmentDecision.Source source) {
        return source == AssessmentDecision.Source.GRADEBOOK ? "LMS gradebook" : "Assessor";
    }

    public String css(CriterionState state) {
        return switch (state) {
            case MET -> "tag good";
            case NO_EVIDENCE, NOT_YET -> "tag off";
            default -> "tag";
        };
    }

    public String mapping(MappingStatus status) {
        return switch (status) {
            case CLAIMED -> "Claimed, awaiting assessor";
            case CONFIRMED -> "Confirmed by assessor";
            case REJECTED -> "Not accepted by assessor";
        };
    }

    public String mappingCss(MappingStatus status) {
        return switch (status) {
            case CONFIRMED -> "tag good";
            case REJECTED -> "tag off";
            case CLAIMED -> "tag";
        };
    }

    public String evidence(Evidence.Status status) {
        return status == Evidence.Status.ASSESSED ? "Assessed" : "Submitted";
    }

    public String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        if (bytes < 1024 * 1024) {
            return (bytes / 1024) + " KB";
        }
        return String.format("%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
