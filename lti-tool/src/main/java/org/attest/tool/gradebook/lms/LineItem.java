package org.attest.tool.gradebook.lms;

/**
 * A column of the LMS gradebook (an AGS line item). {@code id} is the line item's URL, null for one
 * not yet created; blank {@code resourceId} and {@code tag} (Moodle sends {@code ""}) are read as absent.
 *
 * @param resourceId what the column grades in Attest: the unit code or assessment task
 * @param tag what kind of grade it is, such as {@code "completion"}
 * @param resourceLinkId the placed activity the column belongs to, if any
 */
public record LineItem(String id, String label, double scoreMaximum, String resourceId, String tag, String resourceLinkId) {

    public LineItem {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("a line item needs a label, the column title the LMS shows");
        }
        if (!(scoreMaximum > 0)) {
            throw new IllegalArgumentException("a line item's scoreMaximum must be more than 0, was " + scoreMaximum);
        }
        id = blankToNull(id);
        resourceId = blankToNull(resourceId);
        tag = blankToNull(tag);
        resourceLinkId = blankToNull(resourceLinkId);
    }

    /** A line item to create or find. */
    public static LineItem wanted(String label, double scoreMaximum, String resourceId, String tag, String resourceLinkId) {
        return new LineItem(null, label, scoreMaximum, resourceId, tag, resourceLinkId);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
