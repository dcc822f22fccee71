package org.attest.standards.read;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.attest.standards.AssessmentMethod;
import org.attest.standards.CriterionKind;
import org.attest.standards.ElementKind;
import org.attest.standards.RangeItem;
import org.attest.standards.StandardsImportException;
import org.attest.standards.Unit;

/**
 * The NVQ unit layout: "UNIT 224 (LEVEL 2 UNIT, 5 CREDITS)", "Elements in this unit", "You should
 * note", "What you must cover / do / know", "Unit sign-off". Reads the markdown rendition and
 * text extracted from the PDF alike: criteria broken over lines (and over page breaks), headings
 * repeated on each page, stray replacement characters, a "What you must do" heading printed after
 * the criteria it belongs to.
 */
final class NvqUnitLayout implements Layout {

    private enum Section { PREAMBLE, NOTE, ELEMENTS, ASSESSED, METHOD_KEY, COVER, DO, KNOW, SIGN_OFF }

    private static final Map<String, Section> HEADINGS = Map.ofEntries(
            Map.entry("you should note", Section.NOTE),
            Map.entry("evidence requirements", Section.NOTE),
            Map.entry("elements in this unit", Section.ELEMENTS),
            Map.entry("assessed evidence", Section.ASSESSED),
            Map.entry("assessment method key", Section.METHOD_KEY),
            Map.entry("what you must cover", Section.COVER),
            Map.entry("what you must do", Section.DO),
            Map.entry("what you must know", Section.KNOW),
            Map.entry("unit sign-off", Section.SIGN_OFF),
            Map.entry("unit sign off", Section.SIGN_OFF));

    private static final Pattern UNIT_HEADER = Pattern.compile(
            "(?i)unit\\s+(\\d{1,4})\\s*\\(\\s*level\\s+(\\d{1,2})\\s+unit\\s*,\\s*(\\d{1,3})\\s+credits?\\s*\\)");
    private static final Pattern UNIT_TITLE_HEADER = Pattern.compile("(?i)unit\\s+(\\d{1,4})\\s*[:.\\-\\u2013]?\\s+(\\S.{2,})");
    private static final Pattern LEVEL = Pattern.compile("(?i)level\\s*:\\s*(\\d{1,2})\\b.*");
    private static final Pattern CREDITS = Pattern.compile("(?i)credit(?:s| value)\\s*:\\s*(\\d{1,3})\\b.*");
    private static final Pattern CODE = Pattern.compile("(\\d{1,4})\\.(\\d{1,3})(?:\\.(\\d{1,3}))?(?![.\\d])\\s*(.*)");
    private static final Pattern NUMBERED = Pattern.compile("\\(?(\\d{1,2})[).]?\\s+(\\S.*)");
    private static final Pattern LETTERED = Pattern.compile("\\(?([a-z])[).]?\\s+(\\S.*)");
    private static final Pattern KNOWLEDGE_TITLE = Pattern.compile("(?i)(?:understand|know)\\b.*");
    private static final Pattern PERFORMANCE_TITLE = Pattern.compile("(?i)(?:can|be able)\\b.*");
    /** "O Observation", "WT Witness Testimony": a method's code followed by its name. */
    private static final Map<AssessmentMethod, Pattern> METHOD_KEY_PATTERNS = java.util.Arrays.stream(AssessmentMethod.values())
            .collect(java.util.stream.Collectors.toMap(m -> m, m -> Pattern.compile(
                    "(?<![A-Za-z])" + m.code() + "\\s+" + Pattern.quote(m.label()), Pattern.CASE_INSENSITIVE),
                    (a, b) -> a, () -> new java.util.EnumMap<>(AssessmentMethod.class)));
    private static final Pattern KNOWLEDGE_STEM = Pattern.compile("(?i)to (?:understand|know)\\b.*");

    @Override
    public String description() {
        return "NVQ unit: \"UNIT 224 (LEVEL 2 UNIT, 5 CREDITS)\", \"Elements in this unit\", "
                + "\"What you must cover\", \"What you must do\", \"What you must know\" (text, markdown, PDF or DOCX)";
    }

    @Override
    public boolean recognises(DocumentText text) {
        String all = text.lowerCaseText();
        return all.contains("what you must do") || all.contains("what you must know")
                || all.contains("elements in this unit");
    }

    @Override
    public DocumentContent read(DocumentText text, ImportOptions options, Warnings warnings) throws StandardsImportException {
        Parser parser = new Parser(warnings);
        for (TextLine line : text.lines()) {
            parser.accept(line);
        }
        parser.closeItem();
        UnitBuilder unit = parser.unit;
        if (unit.criterionCount() == 0) {
            throw new StandardsImportException(text.name(), 0, "looks like an NVQ unit (it has \"What you must do/know\" "
                    + "headings) but no coded criteria such as \"224.1.1 ...\" were found under them");
        }
        parser.resolveKinds();
        UnitIdentity.resolve(unit, parser.headerLine, parser.criterionPrefixes, text.name(), options, warnings);
        Unit built = unit.build(CriterionKind.PERFORMANCE);
        return DocumentContent.ofUnits(List.of(built));
    }

    /** Walks the lines once, keeping the item being read open until the next marker. */
    private static final class Parser {
        private enum ItemType { NOTE, ELEMENT_TITLE, ELEMENT_STEM, CRITERION, GROUP, RANGE_ITEM, ASSESSED }

        private final Warnings warnings;
        final UnitBuilder unit;
        final Map<String, Integer> criterionPrefixes = new HashMap<>();
        int headerLine;
        private final Map<String, String> stems = new HashMap<>();
        private final Map<String, Section> criterionSections = new HashMap<>();
        private Section section = Section.PREAMBLE;
        private boolean paragraphBreak;
        private boolean expectTitle;
        private boolean assessedRead;

        private ItemType itemType;
        private String itemCode;
        private int itemLine;
        private StringBuilder itemText;
        private String groupNumber;
        private String groupStatement;
        private final List<RangeItem> groupItems = new ArrayList<>();

        Parser(Warnings warnings) {
            this.warnings = warnings;
            this.unit = new UnitBuilder(warnings, ElementKind.ELEMENT);
        }

        void accept(TextLine line) {
            String t = line.text();
            if (t.isEmpty()) {
                paragraphBreak = true;
                return;
            }
            try {
                acceptText(line, t);
            } finally {
                paragraphBreak = false;
            }
        }

        private void acceptText(TextLine line, String t) {
            Matcher m = UNIT_HEADER.matcher(t);
            if (m.matches()) {
                if (!m.group(1).equals(unit.code)) {
                    closeItem(); // a page header of the same unit leaves the item open: it continues after the header
                }
                unitHeader(line, m.group(1), null);
                unit.level = Integer.valueOf(m.group(2));
                unit.credits = Integer.valueOf(m.group(3));
                expectTitle = true;
                return;
            }
            Section heading = heading(t);
            if (expectTitle) {
                expectTitle = false;
                if (heading == null && !CODE.matcher(t).matches()) {
                    if (unit.title == null) {
                        unit.title = TextCleaner.sentenceCase(t);
                        return;
                    }
                    if (unit.title.equalsIgnoreCase(t)) {
                        return;
                    }
                }
            }
            if (heading != null) {
                closeItem();
                section = heading;
                return;
            }
            if (section != Section.SIGN_OFF && headerOrFact(line, t)) {
                return;
            }
            if (section == Section.SIGN_OFF) {
                return;
            }
            m = CODE.matcher(t);
            if (m.matches()) {
                closeItem();
                String statement = m.group(4);
                if (m.group(3) != null) {
                    open(ItemType.CRITERION, m.group(1) + "." + m.group(2) + "." + m.group(3), line, statement);
                } else {
                    open(section == Section.ELEMENTS ? ItemType.ELEMENT_TITLE : ItemType.ELEMENT_STEM,
                            m.group(1) + "." + m.group(2), line, statement);
                }
                return;
            }
            if (section == Section.COVER && rangeMarker(line, t)) {
                return;
            }
            if (section == Section.NOTE) {
                m = NUMBERED.matcher(t);
                if (m.matches()) {
                    closeItem();
                    open(ItemType.NOTE, m.group(1), line, m.group(2));
                    return;
                }
            }
            if (section == Section.METHOD_KEY) {
                METHOD_KEY_PATTERNS.forEach((method, pattern) -> {
                    if (pattern.matcher(t).find()) {
                        unit.methods.add(method);
                    }
                });
                return;
            }
            if (itemType != null && (!paragraphBreak || startsLowerCase(t))) {
                itemText.append(' ').append(t); // continuation, also across a page break
                return;
            }
            closeItem();
            if (section == Section.ASSESSED && !assessedRead) {
                open(ItemType.ASSESSED, null, line, t);
                assessedRead = true;
            }
        }

        /** Unit titles in "Unit 224: Title" form and "Level: 2", "Credit value: 5" lines. */
        private boolean headerOrFact(TextLine line, String t) {
            Matcher m = UNIT_TITLE_HEADER.matcher(t);
            if (m.matches() && !t.toLowerCase(Locale.ROOT).startsWith("unit sign")) {
                closeItem();
                unitHeader(line, m.group(1), TextCleaner.sentenceCase(m.group(2)));
                return true;
            }
            m = LEVEL.matcher(t);
            if (m.matches()) {
                unit.level = Integer.valueOf(m.group(1));
                return true;
            }
            m = CREDITS.matcher(t);
            if (m.matches()) {
                unit.credits = Integer.valueOf(m.group(1));
                return true;
            }
            return false;
        }

        private void unitHeader(TextLine line, String code, String title) {
            if (unit.code == null) {
                unit.code = code;
                headerLine = line.number();
            } else if (!unit.code.equals(code)) {
                warnings.add(line.number(), "SECOND_UNIT_IN_DOCUMENT", "a heading for Unit " + code
                        + " appears inside the document for Unit " + unit.code
                        + ": its criteria are read as part of Unit " + unit.code + "; import each unit from its own file");
            }
            if (unit.title == null && title != null) {
                unit.title = title;
            }
        }

        private boolean rangeMarker(TextLine line, String t) {
            Matcher m = NUMBERED.matcher(t);
            if (m.matches()) {
                closeItem();
                closeGroup();
                groupNumber = m.group(1);
                open(ItemType.GROUP, m.group(1), line, m.group(2));
                return true;
            }
            m = LETTERED.matcher(t);
            int itemsSoFar = groupItems.size() + (itemType == ItemType.RANGE_ITEM ? 1 : 0);
            if (m.matches() && groupNumber != null && m.group(1).charAt(0) == (char) ('a' + itemsSoFar)) {
                closeItem();
                open(ItemType.RANGE_ITEM, m.group(1), line, m.group(2));
                return true;
            }
            return false;
        }

        private void open(ItemType type, String code, TextLine line, String text) {
            itemType = type;
            itemCode = code;
            itemLine = line.number();
            itemText = new StringBuilder(text);
        }

        void closeItem() {
            if (itemType == null) {
                return;
            }
            String text = tidy(itemText.toString());
            switch (itemType) {
                case NOTE, ASSESSED -> unit.evidenceStatements.add(text);
                case ELEMENT_TITLE -> unit.element(itemCode, text.isEmpty() ? null : text, itemLine);
                case ELEMENT_STEM -> {
                    if (!text.isEmpty()) {
                        stems.putIfAbsent(itemCode, text);
                    }
                }
                case CRITERION -> {
                    if (text.isEmpty()) {
                        warnings.add(itemLine, "CRITERION_WITHOUT_STATEMENT", "criterion " + itemCode
                                + " is printed without a statement: skipped; check the awarding body's document");
                    } else {
                        addCriterion(text);
                    }
                }
                case GROUP -> groupStatement = text;
                case RANGE_ITEM -> groupItems.add(new RangeItem(null, groupNumber, itemCode, text));
            }
            itemType = null;
            itemText = null;
        }

        private void addCriterion(String statement) {
            String elementCode = itemCode.substring(0, itemCode.lastIndexOf('.'));
            String prefix = itemCode.substring(0, itemCode.indexOf('.'));
            criterionPrefixes.merge(prefix, 1, Integer::sum);
            if (!unit.hasElement(elementCode)) {
                String stem = stems.get(elementCode);
                warnings.add(itemLine, "MISSING_ELEMENT", "criterion " + itemCode + " belongs to element " + elementCode
                        + ", which is not listed under \"Elements in this unit\": added the element"
                        + (stem == null ? " without a title" : " with the heading printed above its criteria")
                        + "; check the awarding body's document");
                unit.element(elementCode, stem, itemLine);
            }
            criterionSections.putIfAbsent(elementCode, section);
            unit.criterion(unit.elements.get(elementCode), itemCode, statement, itemLine);
        }

        private void closeGroup() {
            if (groupNumber != null) {
                unit.rangeGroup(groupNumber, groupStatement == null ? "" : groupStatement, List.copyOf(groupItems));
            }
            groupNumber = null;
            groupStatement = null;
            groupItems.clear();
        }

        /** An element's kind: from its title ("can ..." / "understand ..."), else its heading, else its stem. */
        void resolveKinds() {
            closeGroup();
            for (UnitBuilder.ElementDraft e : unit.elements.values()) {
                String stem = stems.get(e.code);
                if (e.title == null && stem != null) {
                    e.title = stem;
                }
                Section where = criterionSections.get(e.code);
                if (e.title != null && KNOWLEDGE_TITLE.matcher(e.title).matches()) {
                    e.kind = CriterionKind.KNOWLEDGE;
                } else if (e.title != null && PERFORMANCE_TITLE.matcher(e.title).matches()) {
                    e.kind = CriterionKind.PERFORMANCE;
                } else if (where == Section.KNOW || (stem != null && KNOWLEDGE_STEM.matcher(stem).matches())) {
                    e.kind = CriterionKind.KNOWLEDGE;
                } else {
                    e.kind = CriterionKind.PERFORMANCE;
                }
            }
        }

        private static Section heading(String t) {
            String key = t.toLowerCase(Locale.ROOT).replaceAll("[:.]+$", "").trim();
            return HEADINGS.get(key);
        }

        private static boolean startsLowerCase(String t) {
            return Character.isLowerCase(t.codePointAt(0));
        }

        private static String tidy(String s) {
            return TextCleaner.tidy(s);
        }
    }
}
