package org.attest.standards;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Ways an assessor gathers evidence: the unit method key (O, Q, PE, WT, PD) and the longer list
 * of the qualification's assessment action plan. Where the two lists name the same method in
 * different words ("Q Questioning" and "Oral questioning") they are one constant.
 */
public enum AssessmentMethod {
    OBSERVATION("O", "Observation", "direct observation", "direct /e-observation", "direct/e-observation", "e-observation"),
    QUESTIONING("Q", "Questioning", "oral questioning"),
    PRODUCT_EVIDENCE("PE", "Product evidence", "work products", "products of work"),
    WITNESS_TESTIMONY("WT", "Witness testimony"),
    PROFESSIONAL_DISCUSSION("PD", "Professional discussion"),
    PROJECTS_AND_ASSIGNMENTS("PA", "Projects and assignments", "projects"),
    PORTFOLIO_EVIDENCE("PF", "Portfolio evidence", "portfolio"),
    CASE_STUDY("CS", "Case study"),
    SUPPLEMENTARY_EVIDENCE("SE", "Supplementary evidence", "supplementary"),
    WRITTEN_QUESTIONS("WQ", "Written questions"),
    ACCREDITED_PRIOR_ACHIEVEMENT("APA", "Accredited prior achievement", "accreditation of prior achievement");

    private final String code;
    private final String label;
    private final List<String> aliases;

    AssessmentMethod(String code, String label, String... aliases) {
        this.code = code;
        this.label = label;
        this.aliases = List.of(aliases);
    }

    /** The short code assessors write in the method column ("O", "WT"). */
    public String code() {
        return code;
    }

    /** The name shown to people ("Witness testimony"). */
    public String label() {
        return label;
    }

    public static Optional<AssessmentMethod> fromCode(String code) {
        for (AssessmentMethod m : values()) {
            if (m.code.equalsIgnoreCase(code.trim())) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /** Matches a printed name ("Direct /e-Observation", "Oral questioning") to a method. */
    public static Optional<AssessmentMethod> fromName(String name) {
        String wanted = normalise(name);
        for (AssessmentMethod m : values()) {
            if (normalise(m.label).equals(wanted) || m.aliases.stream().anyMatch(a -> normalise(a).equals(wanted))) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    private static String normalise(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").trim();
    }
}
