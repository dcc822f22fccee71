package org.attest.tool.gradebook.tasks;

import java.util.List;
import org.attest.tool.gradebook.lms.AgsClient;
import org.attest.tool.gradebook.lms.LineItem;
import org.attest.tool.gradebook.lms.LinkService;
import org.attest.tool.gradebook.lms.LinkServices;
import org.attest.tool.gradebook.lms.PlatformCallFailed;
import org.attest.tool.lti.Platform;
import org.springframework.stereotype.Component;

/** Finds, or makes, the LMS gradebook column an assessment task's grades are read from. */
@Component
class TaskColumns {

    /** The grade column cannot be found or made; the message says why. */
    public static final class ColumnMissing extends Exception {
        ColumnMissing(String message) {
            super(message);
        }
    }

    private final LinkServices links;
    private final AgsClient ags;

    TaskColumns(LinkServices links, AgsClient ags) {
        this.links = links;
        this.ags = ags;
    }

    /**
     * The task's grade column: the one the launch names, else the one Deep Linking made for the
     * activity (found by the activity, then by the task's resourceId and tag), else a new one when
     * the platform took none with the activity.
     */
    public String lineItemOf(AssessmentTask task, Platform platform, LinkService link) throws PlatformCallFailed, ColumnMissing {
        if (link.lineItemUrl() != null) {
            return link.lineItemUrl();
        }
        if (link.lineItemsUrl() == null) {
            throw new ColumnMissing("the LMS names no gradebook column for this task and offers no line items service to find it");
        }
        List<LineItem> found = ags.lineItems(platform, link.lineItemsUrl(),
                new AgsClient.LineItemFilter(task.resourceLinkId(), null, null));
        if (found.isEmpty()) {
            found = ags.lineItems(platform, link.lineItemsUrl(), new AgsClient.LineItemFilter(null, task.resourceId(), AssessmentTask.TAG));
        }
        LineItem column;
        if (!found.isEmpty()) {
            column = found.get(0);
        } else if (link.grants(AgsClient.SCOPE_LINE_ITEM)) {
            column = ags.create(platform, link.lineItemsUrl(), LineItem.wanted(task.title(), task.scoreMaximum(), task.resourceId(),
                    AssessmentTask.TAG, task.resourceLinkId()));
        } else {
            throw new ColumnMissing("the LMS gradebook has no column for this task and Attest may not create one; place the "
                    + "task again with Deep Linking, or allow Attest to manage gradebook columns");
        }
        links.lineItemFound(platform.id(), task.resourceLinkId(), column.id());
        return column.id();
    }
}
