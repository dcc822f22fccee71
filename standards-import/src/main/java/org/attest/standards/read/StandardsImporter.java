package org.attest.standards.read;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.attest.standards.AssessmentMethod;
import org.attest.standards.Criterion;
import org.attest.standards.Element;
import org.attest.standards.Framework;
import org.attest.standards.ImportResult;
import org.attest.standards.ImportWarning;
import org.attest.standards.RangeGroup;
import org.attest.standards.RangeItem;
import org.attest.standards.RecordingForm;
import org.attest.standards.StableIds;
import org.attest.standards.StandardsImportException;
import org.attest.standards.Unit;
import org.attest.standards.WitnessStatus;

/**
 * Turns awarding-body documents into one framework. Each document's layout is recognised from
 * its content (NVQ unit, RQF/QCF unit, recording forms, CASE 1.0 package); a document in no known
 * layout fails with the list of layouts. All or nothing: either every document is read and a
 * framework comes back with warnings, or a {@link StandardsImportException} says what is wrong.
 */
public final class StandardsImporter {

    private static final List<Layout> LAYOUTS = List.of(new RecordingFormsLayout(), new NvqUnitLayout(), new RqfUnitLayout());

    private final ImportOptions options;
    private final DocumentLimits limits;

    public StandardsImporter(ImportOptions options) {
        this(options, DocumentLimits.defaults());
    }

    /** @param limits how large a document may be; checked before its text is extracted */
    public StandardsImporter(ImportOptions options, DocumentLimits limits) {
        this.options = options;
        this.limits = limits;
    }

    public static ImportResult read(SourceDocument... documents) throws StandardsImportException {
        return new StandardsImporter(ImportOptions.defaults()).importDocuments(List.of(documents));
    }

    /** The layouts Attest knows, as listed in the error for an unrecognised document. */
    public static List<String> knownLayouts() {
        List<String> names = new ArrayList<>(LAYOUTS.stream().map(Layout::description).toList());
        names.add("CASE 1.0 JSON package (CFPackage with CFDocument, CFItems, CFAssociations)");
        return names;
    }

    public ImportResult importDocuments(List<SourceDocument> documents) throws StandardsImportException {
        if (documents.isEmpty()) {
            throw new StandardsImportException("(no file)", 0, "give at least one document to import");
        }
        List<ImportWarning> warnings = new ArrayList<>();
        List<Framework> casePackages = new ArrayList<>();
        List<DocumentContent> contents = new ArrayList<>();
        List<String> contentSources = new ArrayList<>();
        for (SourceDocument document : documents) {
            Warnings w = new Warnings(document.name());
            if (DocumentText.checkedFormat(document) == DocumentText.Format.JSON) {
                casePackages.add(CasePackageReader.read(document.name(), DocumentText.decode(document.content()), w));
            } else {
                DocumentText text = DocumentText.read(document, limits);
                contents.add(layoutFor(text).read(text, options, w));
                contentSources.add(document.name());
            }
            warnings.addAll(w.list());
        }
        if (contents.isEmpty() && casePackages.size() == 1 && options.frameworkTitle() == null) {
            return new ImportResult(casePackages.get(0), warnings);
        }
        return new ImportResult(assemble(casePackages, contents, contentSources, warnings), warnings);
    }

    private static Layout layoutFor(DocumentText text) throws StandardsImportException {
        for (Layout layout : LAYOUTS) {
            if (layout.recognises(text)) {
                return layout;
            }
        }
        throw new StandardsImportException(text.name(), 0, "this document is not in a layout Attest knows. Known layouts:\n  - "
                + String.join("\n  - ", knownLayouts())
                + "\nIf it is a scanned PDF without text, export the text from the awarding body's site instead.");
    }

    private Framework assemble(List<Framework> casePackages, List<DocumentContent> contents, List<String> sources,
            List<ImportWarning> warnings) {
        String qualification = contents.stream().map(DocumentContent::qualification).filter(q -> q != null).findFirst()
                .orElse(casePackages.isEmpty() ? null : casePackages.get(0).title());
        Map<String, Unit> units = new LinkedHashMap<>();
        Map<String, String> unitSources = new LinkedHashMap<>();
        List<Unit> unidentified = new ArrayList<>();
        for (Framework f : casePackages) {
            for (Unit u : f.units()) {
                keepFirst(units, unitSources, u, f.title(), warnings);
            }
        }
        for (int i = 0; i < contents.size(); i++) {
            for (Unit u : contents.get(i).units()) {
                if (!units.containsKey(u.code())) {
                    unidentified.add(u);
                }
                keepFirst(units, unitSources, u, sources.get(i), warnings);
            }
        }
        String key = options.frameworkTitle() != null ? options.frameworkTitle()
                : qualification != null ? qualification
                : units.size() == 1 ? "Unit " + units.keySet().iterator().next()
                : "Units " + String.join(", ", units.keySet());
        String title = options.frameworkTitle() != null || qualification != null || units.size() != 1
                ? key : units.values().iterator().next().displayName();
        UUID frameworkId = StableIds.framework(key);
        List<Unit> identified = units.values().stream()
                .map(u -> unidentified.contains(u) ? identify(frameworkId, u) : u)
                .toList();
        Set<AssessmentMethod> methods = new LinkedHashSet<>();
        List<RecordingForm> forms = new ArrayList<>();
        List<WitnessStatus> statuses = new ArrayList<>();
        casePackages.forEach(f -> {
            methods.addAll(f.assessmentMethods());
            forms.addAll(f.recordingForms());
            statuses.addAll(f.witnessStatuses());
        });
        contents.forEach(c -> {
            methods.addAll(c.assessmentMethods());
            forms.addAll(c.recordingForms());
            statuses.addAll(c.witnessStatuses());
        });
        return new Framework(frameworkId, title, options.version(), options.creator(), identified,
                List.copyOf(methods), forms, statuses.stream().distinct().collect(Collectors.toList()));
    }

    private static void keepFirst(Map<String, Unit> units, Map<String, String> sources, Unit unit, String source,
            List<ImportWarning> warnings) {
        if (units.putIfAbsent(unit.code(), unit) != null) {
            warnings.add(new ImportWarning(source, 0, "DUPLICATE_UNIT", "Unit " + unit.code() + " is also in "
                    + sources.get(unit.code()) + ": kept that one; import one document per unit"));
        } else {
            sources.put(unit.code(), source);
        }
    }

    /** Gives a unit read from a document its stable ids within the framework. */
    static Unit identify(UUID framework, Unit unit) {
        String unitCode = unit.code();
        List<Element> elements = unit.elements().stream()
                .map(e -> e.withIds(StableIds.item(framework, unitCode, e.code()), e.criteria().stream()
                        .map(c -> c.withId(StableIds.item(framework, unitCode, c.code())))
                        .toList()))
                .toList();
        List<RangeGroup> range = unit.range().stream()
                .map(g -> g.withIds(StableIds.item(framework, unitCode, "range:" + g.number()), g.items().stream()
                        .map(r -> r.withId(StableIds.item(framework, unitCode, "range:" + r.code())))
                        .toList()))
                .toList();
        return unit.withId(StableIds.unit(framework, unitCode)).withParts(elements, range);
    }
}
