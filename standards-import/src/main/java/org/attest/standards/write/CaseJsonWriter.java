package org.attest.standards.write;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.attest.standards.AssessmentMethod;
import org.attest.standards.CaseVocabulary;
import org.attest.standards.Criterion;
import org.attest.standards.Element;
import org.attest.standards.EvidenceRequirements;
import org.attest.standards.Framework;
import org.attest.standards.RangeGroup;
import org.attest.standards.RangeItem;
import org.attest.standards.RecordingForm;
import org.attest.standards.StableIds;
import org.attest.standards.Unit;
import org.attest.standards.WitnessStatus;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a framework as a CASE 1.0 {@code CFPackage}: {@code CFDocument}, {@code CFItems} for
 * units, elements/outcomes, criteria and range, {@code isChildOf} {@code CFAssociations} with
 * sequence numbers, and {@code CFDefinitions.CFItemTypes}. Identifiers are the framework's stable
 * ids, so exporting twice gives the same document apart from {@code lastChangeDateTime}.
 */
public final class CaseJsonWriter {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Instant lastChange;
    private final Map<String, UUID> itemTypes = new LinkedHashMap<>();
    private ObjectNode documentLink;
    private String documentUri;
    private ArrayNode items;
    private ArrayNode associations;

    private CaseJsonWriter(Instant lastChange) {
        this.lastChange = lastChange.truncatedTo(ChronoUnit.SECONDS);
    }

    public static String write(Framework framework, Instant lastChange) {
        return JSON.writeValueAsString(new CaseJsonWriter(lastChange).toPackage(framework));
    }

    private ObjectNode toPackage(Framework framework) {
        ObjectNode pkg = NODES.objectNode();
        pkg.set("CFDocument", document(framework));
        items = pkg.putArray("CFItems");
        associations = pkg.putArray("CFAssociations");
        int unitSequence = 1;
        for (Unit unit : framework.units()) {
            ObjectNode unitNode = item(unit.id(), CaseVocabulary.UNIT, unit.code(),
                    unit.title() == null ? "Unit " + unit.code() : unit.title());
            unitNode.put("notes", unitNotes(unit));
            ObjectNode ext = unitNode.putObject("extensions").putObject(CaseVocabulary.EXTENSION);
            ext.put("titlePrinted", unit.title() != null);
            putIfNotNull(ext, "level", unit.level());
            putIfNotNull(ext, "credits", unit.credits());
            if (unit.aims() != null) {
                ext.put("aims", unit.aims());
            }
            ArrayNode methods = ext.putArray("assessmentMethods");
            unit.methods().forEach(m -> methods.add(m.code()));
            ext.set("evidenceRequirements", evidence(unit.evidence()));
            associate(unit.id(), null, unitSequence++);
            int elementSequence = 1;
            for (Element element : unit.elements()) {
                ObjectNode elementNode = item(element.id(), CaseVocabulary.elementType(element.kind()), element.code(),
                        element.title() == null ? element.code() : element.title());
                elementNode.putObject("extensions").putObject(CaseVocabulary.EXTENSION).put("titlePrinted", element.title() != null);
                associate(element.id(), unit.id(), elementSequence++);
                int criterionSequence = 1;
                for (Criterion criterion : element.criteria()) {
                    item(criterion.id(), CaseVocabulary.criterionType(criterion.kind()), criterion.code(), criterion.statement());
                    associate(criterion.id(), element.id(), criterionSequence++);
                }
            }
            for (RangeGroup group : unit.range()) {
                ObjectNode groupNode = item(group.id(), CaseVocabulary.RANGE_STATEMENT, group.number(), group.statement());
                groupNode.putObject("extensions").putObject(CaseVocabulary.EXTENSION).put("rangeGroup", group.number());
                associate(group.id(), unit.id(), elementSequence++);
                int itemSequence = 1;
                for (RangeItem range : group.items()) {
                    ObjectNode rangeNode = item(range.id(), CaseVocabulary.RANGE_ITEM, range.code(), range.statement());
                    rangeNode.putObject("extensions").putObject(CaseVocabulary.EXTENSION)
                            .put("rangeGroup", range.group()).put("rangeItem", range.letter());
                    associate(range.id(), group.id(), itemSequence++);
                }
            }
        }
        ObjectNode definitions = pkg.putObject("CFDefinitions");
        ArrayNode types = definitions.putArray("CFItemTypes");
        itemTypes.forEach((title, id) -> types.addObject()
                .put("identifier", id.toString())
                .put("uri", CaseVocabulary.uri(id))
                .put("title", title)
                .put("description", title + " of a vocational qualification unit")
                .put("hierarchyCode", title)
                .put("lastChangeDateTime", lastChange.toString()));
        definitions.putArray("CFConcepts");
        definitions.putArray("CFSubjects");
        definitions.putArray("CFLicenses");
        definitions.putArray("CFAssociationGroupings");
        return pkg;
    }

    private ObjectNode document(Framework framework) {
        documentUri = CaseVocabulary.uri(framework.id());
        documentLink = NODES.objectNode()
                .put("title", framework.title())
                .put("identifier", framework.id().toString())
                .put("uri", documentUri);
        ObjectNode doc = NODES.objectNode()
                .put("identifier", framework.id().toString())
                .put("uri", documentUri)
                .put("creator", framework.creator())
                .put("title", framework.title())
                .put("lastChangeDateTime", lastChange.toString())
                .put("version", framework.version())
                .put("language", "en")
                .put("adoptionStatus", "Adopted");
        doc.set("CFPackageURI", documentLink.deepCopy());
        ObjectNode ext = doc.putObject("extensions").putObject(CaseVocabulary.EXTENSION);
        ArrayNode methods = ext.putArray("assessmentMethods");
        framework.assessmentMethods().forEach(m -> methods.add(m.code()));
        ArrayNode forms = ext.putArray("recordingForms");
        for (RecordingForm form : framework.recordingForms()) {
            ObjectNode f = forms.addObject().put("title", form.title());
            if (form.qualification() != null) {
                f.put("qualification", form.qualification());
            }
            ArrayNode fields = f.putArray("fields");
            form.fields().forEach(fields::add);
            ArrayNode notes = f.putArray("notes");
            form.notes().forEach(notes::add);
        }
        ArrayNode statuses = ext.putArray("witnessStatuses");
        for (WitnessStatus status : framework.witnessStatuses()) {
            statuses.addObject().put("category", status.category()).put("description", status.description());
        }
        return doc;
    }

    private ObjectNode item(UUID id, String type, String code, String statement) {
        UUID typeId = itemTypes.computeIfAbsent(type, CaseVocabulary::itemTypeId);
        ObjectNode node = items.addObject()
                .put("identifier", id.toString())
                .put("uri", CaseVocabulary.uri(id))
                .put("fullStatement", statement)
                .put("humanCodingScheme", code)
                .put("CFItemType", type)
                .put("language", "en")
                .put("lastChangeDateTime", lastChange.toString())
                .put("CFDocumentURI", documentUri);
        node.set("CFItemTypeURI", NODES.objectNode().put("title", type).put("identifier", typeId.toString())
                .put("uri", CaseVocabulary.uri(typeId)));
        node.set("CFDocumentURI", documentLink.deepCopy());
        return node;
    }

    private void associate(UUID child, UUID parent, int sequence) {
        ObjectNode destination = parent == null ? documentLink.deepCopy() : NODES.objectNode()
                .put("title", parent.toString()).put("identifier", parent.toString()).put("uri", CaseVocabulary.uri(parent));
        UUID id = StableIds.nameBased(child, "isChildOf:" + (parent == null ? "document" : parent));
        ObjectNode a = associations.addObject()
                .put("identifier", id.toString())
                .put("uri", CaseVocabulary.uri(id))
                .put("associationType", CaseVocabulary.IS_CHILD_OF)
                .put("sequenceNumber", sequence)
                .put("lastChangeDateTime", lastChange.toString());
        a.set("CFDocumentURI", documentLink.deepCopy());
        a.set("originNodeURI", NODES.objectNode().put("title", child.toString()).put("identifier", child.toString())
                .put("uri", CaseVocabulary.uri(child)));
        a.set("destinationNodeURI", destination);
    }

    private static ObjectNode evidence(EvidenceRequirements evidence) {
        ObjectNode e = NODES.objectNode();
        ArrayNode statements = e.putArray("statements");
        evidence.statements().forEach(statements::add);
        return e.put("simulation", evidence.simulation().name())
                .put("realWorkRequired", evidence.realWorkRequired())
                .put("minimumOccasions", evidence.minimumOccasions())
                .put("differentCustomersRequired", evidence.differentCustomersRequired());
    }

    private static String unitNotes(Unit unit) {
        StringBuilder sb = new StringBuilder();
        if (unit.level() != null) {
            sb.append("Level ").append(unit.level()).append(". ");
        }
        if (unit.credits() != null) {
            sb.append(unit.credits()).append(" credits. ");
        }
        if (!unit.methods().isEmpty()) {
            sb.append("Assessment methods: ");
            sb.append(String.join(", ", unit.methods().stream().map(AssessmentMethod::label).toList())).append(". ");
        }
        unit.evidence().statements().forEach(s -> sb.append(s).append(' '));
        return sb.toString().trim();
    }

    private static void putIfNotNull(ObjectNode node, String name, Integer value) {
        if (value != null) {
            node.put(name, value);
        }
    }
}
