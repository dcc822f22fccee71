package org.attest.standards.read;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.attest.standards.AssessmentMethod;
import org.attest.standards.CaseVocabulary;
import org.attest.standards.Criterion;
import org.attest.standards.CriterionKind;
import org.attest.standards.Element;
import org.attest.standards.ElementKind;
import org.attest.standards.EvidenceRequirements;
import org.attest.standards.EvidenceRules;
import org.attest.standards.Framework;
import org.attest.standards.RangeGroup;
import org.attest.standards.RangeItem;
import org.attest.standards.RecordingForm;
import org.attest.standards.SimulationRule;
import org.attest.standards.StandardsImportException;
import org.attest.standards.Unit;
import org.attest.standards.WitnessStatus;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a CASE 1.0 {@code CFPackage}: what Attest writes (losslessly, through
 * {@code extensions.attest}) and packages from other CASE providers, where top-level items become
 * units, their children elements and the children of those criteria.
 */
final class CasePackageReader {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private record Node(JsonNode json, UUID id, String type, String code, String statement) {
    }

    private final String file;
    private final Warnings warnings;
    private final Map<UUID, Node> nodes = new LinkedHashMap<>();
    private final Map<UUID, List<UUID>> children = new HashMap<>();
    private final List<UUID> topLevel = new ArrayList<>();

    private CasePackageReader(String file, Warnings warnings) {
        this.file = file;
        this.warnings = warnings;
    }

    static Framework read(String file, String json, Warnings warnings) throws StandardsImportException {
        return new CasePackageReader(file, warnings).read(json);
    }

    private Framework read(String json) throws StandardsImportException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new StandardsImportException(file, 0, "not valid JSON (" + e.getOriginalMessage()
                    + "); a CASE package is a JSON object with CFDocument and CFItems");
        }
        if (root == null || !root.isObject()) {
            throw new StandardsImportException(file, 0, "not a CASE package: the JSON is not an object");
        }
        JsonNode doc = root.path("CFDocument");
        if (!doc.isObject()) {
            throw new StandardsImportException(file, 0, "not a CASE 1.0 package: there is no CFDocument object"
                    + (root.has("CFItems") ? "" : " and no CFItems array"));
        }
        UUID documentId = uuid(doc, "CFDocument");
        String title = requiredText(doc, "title", "CFDocument");
        String creator = requiredText(doc, "creator", "CFDocument");
        requiredText(doc, "lastChangeDateTime", "CFDocument");
        String version = text(doc.path("version"), "1");
        readItems(root.path("CFItems"));
        readAssociations(root.path("CFAssociations"), documentId);
        List<Unit> units = new ArrayList<>();
        for (UUID id : topLevel) {
            units.add(unit(nodes.get(id)));
        }
        if (units.stream().allMatch(u -> u.criteria().findAny().isEmpty())) {
            throw new StandardsImportException(file, 0, "the CASE package has no criteria: every top-level item needs "
                    + "child items (elements or criteria) linked with isChildOf associations");
        }
        JsonNode ext = doc.path("extensions").path(CaseVocabulary.EXTENSION);
        return new Framework(documentId, title, version, creator, units, methods(ext.path("assessmentMethods")),
                forms(ext.path("recordingForms")), statuses(ext.path("witnessStatuses")));
    }

    private void readItems(JsonNode items) throws StandardsImportException {
        if (!items.isArray()) {
            throw new StandardsImportException(file, 0, "the CASE package has no CFItems array");
        }
        int index = 0;
        for (JsonNode item : items) {
            String where = "CFItems[" + index++ + "]";
            UUID id = uuid(item, where);
            String statement = requiredText(item, "fullStatement", where);
            requiredText(item, "uri", where);
            String type = text(item.path("CFItemType"), text(item.path("CFItemTypeURI").path("title"), ""));
            String code = text(item.path("humanCodingScheme"), null);
            if (nodes.putIfAbsent(id, new Node(item, id, type, code, statement)) != null) {
                throw new StandardsImportException(file, 0, where + " repeats the identifier " + id
                        + " of an earlier item; every CFItem needs its own identifier");
            }
        }
    }

    private record Link(UUID child, UUID parent, int sequence, int order) {
    }

    private void readAssociations(JsonNode associations, UUID documentId) throws StandardsImportException {
        List<Link> links = new ArrayList<>();
        int index = 0;
        for (JsonNode a : associations) {
            String where = "CFAssociations[" + index + "]";
            if (!CaseVocabulary.IS_CHILD_OF.equals(text(a.path("associationType"), ""))) {
                index++;
                continue;
            }
            UUID child = uuid(a.path("originNodeURI"), where + ".originNodeURI");
            UUID parent = uuid(a.path("destinationNodeURI"), where + ".destinationNodeURI");
            if (!nodes.containsKey(child)) {
                throw new StandardsImportException(file, 0, where + " links item " + child
                        + ", which is not among the CFItems; the package is incomplete");
            }
            if (!parent.equals(documentId) && !nodes.containsKey(parent)) {
                throw new StandardsImportException(file, 0, where + " names parent " + parent
                        + ", which is neither the CFDocument nor one of the CFItems; the package is incomplete");
            }
            Integer sequence = integer(a.path("sequenceNumber"));
            links.add(new Link(child, parent, sequence == null ? Integer.MAX_VALUE : sequence, index++));
        }
        links.sort(Comparator.comparingInt(Link::sequence).thenComparingInt(Link::order));
        Map<UUID, UUID> parentOf = new HashMap<>();
        for (Link l : links) {
            if (parentOf.putIfAbsent(l.child, l.parent) != null) {
                warnings.add(0, "SECOND_PARENT", "item " + describe(l.child) + " is a child of more than one item: "
                        + "kept under the first");
                continue;
            }
            if (l.parent.equals(documentId)) {
                topLevel.add(l.child);
            } else {
                children.computeIfAbsent(l.parent, p -> new ArrayList<>()).add(l.child);
            }
        }
        for (UUID id : nodes.keySet()) {
            if (!parentOf.containsKey(id)) {
                warnings.add(0, "ORPHAN_ITEM", "item " + describe(id) + " has no isChildOf association: "
                        + (childrenOf(id).isEmpty() ? "ignored" : "treated as a unit"));
                if (!childrenOf(id).isEmpty()) {
                    topLevel.add(id);
                }
            }
        }
    }

    private Unit unit(Node node) {
        JsonNode ext = node.json.path("extensions").path(CaseVocabulary.EXTENSION);
        String code = node.code == null ? node.statement : node.code;
        boolean titlePrinted = bool(ext.path("titlePrinted"), true);
        List<Element> elements = new ArrayList<>();
        List<RangeGroup> range = new ArrayList<>();
        List<Criterion> looseCriteria = new ArrayList<>();
        for (UUID childId : childrenOf(node.id)) {
            Node child = nodes.get(childId);
            if (child.type.equalsIgnoreCase(CaseVocabulary.RANGE_STATEMENT)) {
                range.add(rangeGroup(child));
            } else if (childrenOf(childId).isEmpty() && !isElementType(child.type)) {
                looseCriteria.add(criterion(child));
            } else {
                elements.add(element(child));
            }
        }
        if (!looseCriteria.isEmpty()) {
            elements.add(0, new Element(node.id, code, null, ElementKind.ELEMENT, looseCriteria));
        }
        return new Unit(node.id, code, titlePrinted ? node.statement : null,
                integer(ext.path("level")), integer(ext.path("credits")), text(ext.path("aims"), null),
                elements, range, evidence(ext.path("evidenceRequirements")), methods(ext.path("assessmentMethods")));
    }

    private Element element(Node node) {
        List<Criterion> criteria = new ArrayList<>();
        for (UUID childId : childrenOf(node.id)) {
            Node child = nodes.get(childId);
            if (!childrenOf(childId).isEmpty()) {
                warnings.add(0, "DEEP_ITEM", "item " + describe(childId) + " has children of its own: Attest reads "
                        + "three levels (unit, element, criterion); its children are ignored");
            }
            criteria.add(criterion(child));
        }
        boolean titlePrinted = bool(node.json.path("extensions").path(CaseVocabulary.EXTENSION).path("titlePrinted"), true);
        ElementKind kind = node.type.equalsIgnoreCase(CaseVocabulary.LEARNING_OUTCOME) ? ElementKind.LEARNING_OUTCOME : ElementKind.ELEMENT;
        return new Element(node.id, node.code == null ? node.id.toString() : node.code,
                titlePrinted ? node.statement : null, kind, criteria);
    }

    private Criterion criterion(Node node) {
        String type = node.type.toLowerCase(Locale.ROOT);
        CriterionKind kind = type.contains("knowledge") ? CriterionKind.KNOWLEDGE
                : type.contains("performance") ? CriterionKind.PERFORMANCE : CriterionKind.ASSESSMENT;
        return new Criterion(node.id, node.code == null ? node.id.toString() : node.code, node.statement, kind);
    }

    private RangeGroup rangeGroup(Node node) {
        String number = text(node.json.path("extensions").path(CaseVocabulary.EXTENSION).path("rangeGroup"),
                node.code == null ? "1" : node.code);
        List<RangeItem> items = new ArrayList<>();
        int letter = 0;
        for (UUID childId : childrenOf(node.id)) {
            Node child = nodes.get(childId);
            JsonNode ext = child.json.path("extensions").path(CaseVocabulary.EXTENSION);
            String itemLetter = text(ext.path("rangeItem"), String.valueOf((char) ('a' + Math.min(letter, 25))));
            letter++;
            items.add(new RangeItem(child.id, text(ext.path("rangeGroup"), number), itemLetter, child.statement));
        }
        return new RangeGroup(node.id, number, node.statement, items);
    }

    private static EvidenceRequirements evidence(JsonNode e) {
        if (!e.isObject()) {
            return EvidenceRequirements.NONE;
        }
        List<String> statements = new ArrayList<>();
        e.path("statements").forEach(s -> {
            if (s.isString()) {
                statements.add(s.asString());
            }
        });
        EvidenceRequirements parsed = EvidenceRules.parse(statements);
        SimulationRule simulation = parsed.simulation();
        try {
            simulation = SimulationRule.valueOf(text(e.path("simulation"), simulation.name()));
        } catch (IllegalArgumentException unknown) {
            // keep the rule parsed from the statements
        }
        Integer occasions = integer(e.path("minimumOccasions"));
        return new EvidenceRequirements(statements, simulation,
                bool(e.path("realWorkRequired"), parsed.realWorkRequired()),
                occasions == null ? parsed.minimumOccasions() : Math.max(1, occasions),
                bool(e.path("differentCustomersRequired"), parsed.differentCustomersRequired()));
    }

    private static List<AssessmentMethod> methods(JsonNode codes) {
        List<AssessmentMethod> methods = new ArrayList<>();
        codes.forEach(c -> AssessmentMethod.fromCode(text(c, "")).filter(m -> !methods.contains(m)).ifPresent(methods::add));
        return methods;
    }

    private static List<RecordingForm> forms(JsonNode forms) {
        List<RecordingForm> result = new ArrayList<>();
        for (JsonNode f : forms) {
            result.add(new RecordingForm(text(f.path("title"), "Untitled form"), text(f.path("qualification"), null),
                    strings(f.path("fields")), strings(f.path("notes"))));
        }
        return result;
    }

    private static List<String> strings(JsonNode array) {
        List<String> result = new ArrayList<>();
        array.forEach(x -> {
            if (x.isString()) {
                result.add(x.asString());
            }
        });
        return result;
    }

    private static List<WitnessStatus> statuses(JsonNode statuses) {
        List<WitnessStatus> result = new ArrayList<>();
        for (JsonNode s : statuses) {
            Integer category = integer(s.path("category"));
            if (category != null) {
                result.add(new WitnessStatus(category, text(s.path("description"), "")));
            }
        }
        return result;
    }

    /** Jackson 3's {@code asString()} throws on arrays and objects; a document from elsewhere may hold anything. */
    private static String text(JsonNode node, String otherwise) {
        return node.isString() && !node.asString().isBlank() ? node.asString() : otherwise;
    }

    private static Integer integer(JsonNode node) {
        return node.isIntegralNumber() && node.canConvertToInt() ? node.intValue() : null;
    }

    private static boolean bool(JsonNode node, boolean otherwise) {
        return node.isBoolean() ? node.booleanValue() : otherwise;
    }

    private List<UUID> childrenOf(UUID id) {
        return children.getOrDefault(id, List.of());
    }

    private static boolean isElementType(String type) {
        return type.equalsIgnoreCase(CaseVocabulary.ELEMENT) || type.equalsIgnoreCase(CaseVocabulary.LEARNING_OUTCOME);
    }

    private String describe(UUID id) {
        Node n = nodes.get(id);
        return n == null ? id.toString() : (n.code == null ? "" : n.code + " ") + "(" + id + ")";
    }

    private UUID uuid(JsonNode node, String where) throws StandardsImportException {
        String value = requiredText(node, "identifier", where);
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new StandardsImportException(file, 0, where + ".identifier \"" + value
                    + "\" is not a UUID; CASE identifiers are UUIDs such as 3f2b...-...");
        }
    }

    private String requiredText(JsonNode node, String field, String where) throws StandardsImportException {
        JsonNode value = node.path(field);
        if (!value.isString() || value.asString().isBlank()) {
            throw new StandardsImportException(file, 0, where + " has no " + field + "; CASE 1.0 requires it");
        }
        return value.asString();
    }
}
