package org.attest.standards.write;

import java.util.List;
import org.attest.standards.Criterion;
import org.attest.standards.CriterionKind;
import org.attest.standards.Element;
import org.attest.standards.EvidenceRequirements;
import org.attest.standards.Framework;
import org.attest.standards.ImportWarning;
import org.attest.standards.RangeGroup;
import org.attest.standards.RangeItem;
import org.attest.standards.Unit;

/** The framework as a tree an admin can read, with counts and the warnings to check. */
public final class SummaryWriter {

    private SummaryWriter() {
    }

    public static String write(Framework framework, List<ImportWarning> warnings) {
        StringBuilder sb = new StringBuilder();
        long criteria = framework.criteria().count();
        sb.append("Framework: ").append(framework.title()).append(" (version ").append(framework.version()).append(")\n");
        sb.append("  id ").append(framework.id()).append(", ").append(framework.units().size()).append(" units, ")
                .append(criteria).append(" criteria\n");
        for (Unit unit : framework.units()) {
            sb.append('\n').append(unit.displayName());
            if (unit.level() != null || unit.credits() != null) {
                sb.append(" (");
                if (unit.level() != null) {
                    sb.append("level ").append(unit.level());
                }
                if (unit.credits() != null) {
                    sb.append(unit.level() != null ? ", " : "").append(unit.credits()).append(" credits");
                }
                sb.append(')');
            }
            sb.append('\n');
            sb.append("  ").append(unit.elements().size()).append(" elements; ");
            for (CriterionKind kind : CriterionKind.values()) {
                long n = unit.criteria().filter(c -> c.kind() == kind).count();
                if (n > 0) {
                    sb.append(n).append(' ').append(kind.name().toLowerCase()).append(", ");
                }
            }
            sb.append(unit.rangeItems().count()).append(" range items\n");
            for (Element e : unit.elements()) {
                sb.append("  ").append(e.code()).append(' ').append(e.title() == null ? "" : e.title()).append('\n');
                for (Criterion c : e.criteria()) {
                    sb.append("    ").append(c.code()).append(" [").append(c.kind().name().charAt(0)).append("] ")
                            .append(c.statement()).append('\n');
                }
            }
            if (!unit.range().isEmpty()) {
                sb.append("  What you must cover\n");
                for (RangeGroup g : unit.range()) {
                    sb.append("    ").append(g.number()).append(' ').append(g.statement()).append('\n');
                    for (RangeItem r : g.items()) {
                        sb.append("      ").append(r.code()).append(' ').append(r.statement()).append('\n');
                    }
                }
            }
            EvidenceRequirements ev = unit.evidence();
            if (!ev.statements().isEmpty()) {
                sb.append("  Evidence rules: simulation ").append(ev.simulation().name().toLowerCase().replace('_', ' '))
                        .append("; real work ").append(ev.realWorkRequired() ? "required" : "not required")
                        .append("; at least ").append(ev.minimumOccasions()).append(" occasion(s)")
                        .append(ev.differentCustomersRequired() ? "; different customers" : "").append('\n');
            }
            if (!unit.methods().isEmpty()) {
                sb.append("  Methods: ").append(String.join(", ", unit.methods().stream()
                        .map(m -> m.code() + " " + m.label()).toList())).append('\n');
            }
        }
        if (!framework.recordingForms().isEmpty()) {
            sb.append("\nRecording forms: ").append(String.join("; ", framework.recordingForms().stream()
                    .map(f -> f.title()).toList())).append('\n');
        }
        if (!framework.witnessStatuses().isEmpty()) {
            sb.append("Witness status categories: ").append(framework.witnessStatuses().size()).append('\n');
        }
        sb.append('\n').append(warnings.size()).append(warnings.size() == 1 ? " warning" : " warnings").append('\n');
        warnings.forEach(w -> sb.append("  warning: ").append(w).append('\n'));
        return sb.toString();
    }
}
