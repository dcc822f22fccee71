package org.attest.tool.lti;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
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

    private final JdbcClient jdbc;

    ProductFamilies(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Known of(UUID platformId) {
        return jdbc.sql("SELECT product_family, product_family_override FROM platform WHERE id = ?").param(platformId)
                .query((rs, n) -> {
                    String code = rs.getString("product_family");
                    String stored = rs.getString("product_family_override");
                    Family override = stored == null ? null : Family.valueOf(stored);
                    return new Known(code, override, override != null ? override : Family.ofCode(code));
                })
                .optional().orElse(new Known(null, null, Family.OTHER));
    }

    public Family effective(UUID platformId) {
        return of(platformId).effective();
    }

    /** Sets or (with empty) clears the admin's override. */
    public void override(UUID platformId, Optional<Family> family) {
        jdbc.sql("UPDATE platform SET product_family_override = ? WHERE id = ?")
                .params(family.map(Family::name).orElse(null), platformId).update();
    }
}
