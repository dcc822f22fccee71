package org.attest.tool.portfolio;

import java.util.UUID;

/** An LMS activity (resource link) bound to the unit its learners work on. */
public record UnitBinding(Course course, String resourceLinkId, UUID frameworkId, String unitCode, String title) {
}
