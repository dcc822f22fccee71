package org.attest.tool.lti;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Which LMS a platform is, for the things that LMSs do differently (what a score's gradingProgress does to its number).
 * The platform says so at registration and in each launch's tool_platform claim; an admin may override it.
 */
@Component
public class ProductFamilies {

    /** The LMS families whose score handling Attest knows; OTHER follows the LTI AGS specification. */
    public enum Family {
        MOODLE("Moodle"), CANVAS("Canvas"), OTHER("Other: follow the LTI specification");

        private final String label;

        Family(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** From a product_family_code; the sandbox plays Moodle. */
        public static Family ofCode(String code) {
            if (code == null) {
                return OTHER;
            }
            return switch (code.strip().toLowerCase(Locale.ROOT)) {
                case "moodle", "attest-sandbox" -> MOODLE;
                case "canvas" -> CANVAS;
                default -> OTHER;
            };
        }

        /** An admin's choice as posted; blank means "follow what the platform says". */
        public static Optional<Family> parseOverride(String posted) {
            if (posted == null || posted.isBlank()) {
                return Optional.empty();
            }
            try {
                return Optional.of(valueOf(posted.strip()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + posted + "' is not an LMS family; choose Moodle, Canvas, Other or "
                        + "follow what the platform says");
            }
        }
    }

    /** What the platform says it is, the admin's override if any, and the family that counts. */
    public record Known(String productFamilyCode, Family override, Family effective) {
    }

    private final PlatformRegistry platforms;

    ProductFamilies(PlatformRegistry platforms) {
        this.platforms = platforms;
    }

    public Known of(UUID platformId) {
        return platforms.find(platformId).map(p -> new Known(p.productFamily(), p.familyOverride(), p.family()))
                .orElse(new Known(null, null, Family.OTHER));
    }

    /** The family that counts for the platform (cached with the platform, so asking for every score costs no query). */
    public Family effective(UUID platformId) {
        return platforms.find(platformId).map(Platform::family).orElse(Family.OTHER);
    }

    /** Sets or (with empty) clears the admin's override. */
    public void override(UUID platformId, Optional<Family> family) {
        platforms.overrideFamily(platformId, family.orElse(null));
    }
}
