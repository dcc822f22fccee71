package org.attest.standards.read;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.attest.standards.Criterion;
import org.attest.standards.ImportResult;
import org.attest.standards.Samples;
import org.attest.standards.StandardsImportException;
import org.attest.standards.Unit;
import org.attest.standards.write.CaseJsonWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.opentest4j.AssertionFailedError;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs the readers on mutated copies of the sample documents: whatever the bytes, the importer
 * either returns a framework whose units and criteria are usable or throws
 * {@link StandardsImportException}; nothing else escapes and nothing hangs.
 *
 * <p>Deterministic: mutant {@code n} of a seed document is made by a {@link SplittableRandom}
 * seeded with {@code n}, so every finding is reproduced by {@link #textMutant} or
 * {@link #caseJsonMutant} with the seed printed in the failure.
 */
class MutatedDocumentFuzzTest {

    private static final int MUTANTS_PER_SAMPLE = 500;
    private static final int CASE_JSON_MUTANTS = 500;
    private static final int MAX_MUTATIONS_PER_MUTANT = 3;
    private static final Duration TIME_LIMIT = Duration.ofSeconds(5);
    private static final Instant EXPORTED_AT = Instant.parse("2026-01-01T00:00:00Z");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @ParameterizedTest
    @EnumSource(Samples.class)
    void mutatedSamplesImportOrFailWithTheImportExceptionOnly(Samples sample) {
        byte[] seedDocument = sample.bytes();
        Findings findings = new Findings();
        for (long seed = 1; seed <= MUTANTS_PER_SAMPLE && !findings.timedOut(); seed++) {
            findings.check(textMutant(sample.name(), seedDocument, seed));
        }
        findings.assertNone();
    }

    /**
     * The CASE export of Unit 224, and that of the recording forms, whose package also carries the
     * general recording forms and witness statuses.
     */
    @ParameterizedTest
    @EnumSource(value = Samples.class, names = {"UNIT_224", "RECORDING_FORMS"})
    void mutatedCaseJsonImportsOrFailsWithTheImportExceptionOnly(Samples exported) throws StandardsImportException {
        byte[] seedDocument = caseJsonExport(exported);
        Findings findings = new Findings();
        for (long seed = 1; seed <= CASE_JSON_MUTANTS && !findings.timedOut(); seed++) {
            findings.check(caseJsonMutant(exported.name(), seedDocument, seed));
        }
        findings.assertNone();
    }

    static byte[] caseJsonExport(Samples sample) throws StandardsImportException {
        ImportResult imported = StandardsImporter.read(new SourceDocument(sample.fileName(), sample.bytes()));
        return CaseJsonWriter.write(imported.framework(), EXPORTED_AT).getBytes(UTF_8);
    }

    // ---------------------------------------------------------------- mutants

    /** A mutated document, named by what it was made from so that it can be made again. */
    record Mutant(String seedDocument, long seed, List<String> mutations, byte[] content) {

        String fileName() {
            return "mutant-" + seed + ".txt";
        }

        String describe() {
            return seedDocument + " seed " + seed + " " + mutations;
        }
    }

    /** Mutant {@code seed} of a text document: one to three byte and line mutations. */
    static Mutant textMutant(String name, byte[] seedDocument, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] content = seedDocument;
        List<String> applied = new ArrayList<>();
        int count = 1 + random.nextInt(MAX_MUTATIONS_PER_MUTANT);
        for (int i = 0; i < count; i++) {
            TextMutation mutation = anyOf(TextMutation.values(), random);
            content = mutation.apply(content, random);
            applied.add(mutation.name());
        }
        return new Mutant(name, seed, applied, content);
    }

    /**
     * Mutant {@code seed} of a CASE JSON package: each mutation is either a text mutation of the
     * bytes or a change to the JSON tree (values replaced, removed, duplicated), so that most
     * mutants are still JSON and reach the package reader.
     */
    static Mutant caseJsonMutant(String exported, byte[] seedDocument, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] content = seedDocument;
        List<String> applied = new ArrayList<>();
        int count = 1 + random.nextInt(MAX_MUTATIONS_PER_MUTANT);
        for (int i = 0; i < count; i++) {
            if (random.nextInt(4) == 0) {
                TextMutation mutation = anyOf(TextMutation.values(), random);
                content = mutation.apply(content, random);
                applied.add(mutation.name());
            } else {
                JsonMutation mutation = anyOf(JsonMutation.values(), random);
                content = JsonMutation.applyToTree(mutation, content, random);
                applied.add(mutation.name());
            }
        }
        return new Mutant("CASE JSON export of " + exported, seed, applied, content);
    }

    private static <T> T anyOf(T[] choices, SplittableRandom random) {
        return choices[random.nextInt(choices.length)];
    }

    // ---------------------------------------------------------------- checking one mutant

    /**
     * Something wrong with the import of a mutant.
     *
     * @param kind what went wrong, the same for every mutant that shows the same bug
     * @param example the details seen in this mutant
     */
    record Problem(String kind, String example) {
    }

    /** The problems found, one entry per kind with the first mutant that showed it. */
    private static final class Findings {

        private final Map<String, List<String>> mutantsByKind = new LinkedHashMap<>();
        private final Map<String, String> firstExample = new LinkedHashMap<>();
        private boolean timedOut;

        void check(Mutant mutant) {
            Problem problem;
            try {
                problem = assertTimeoutPreemptively(TIME_LIMIT, () -> problemImporting(mutant),
                        () -> "importing " + mutant.describe() + " did not finish within " + TIME_LIMIT.toSeconds() + " s");
            } catch (AssertionFailedError tooSlow) {
                // The import keeps running in its thread: stop here rather than pile up more of them.
                timedOut = true;
                problem = new Problem("the import did not finish within " + TIME_LIMIT.toSeconds() + " s", "");
            }
            if (problem != null) {
                mutantsByKind.computeIfAbsent(problem.kind(), k -> new ArrayList<>()).add(mutant.describe());
                firstExample.putIfAbsent(problem.kind(), problem.example());
            }
        }

        boolean timedOut() {
            return timedOut;
        }

        void assertNone() {
            if (mutantsByKind.isEmpty()) {
                return;
            }
            String report = mutantsByKind.entrySet().stream()
                    .map(e -> e.getKey() + "\n      first in " + e.getValue().get(0) + " " + firstExample.get(e.getKey())
                            + "\n      (" + e.getValue().size() + " mutant" + (e.getValue().size() == 1 ? "" : "s") + ")")
                    .collect(Collectors.joining("\n  - ", "  - ", ""));
            fail(mutantsByKind.size() + " kind(s) of problem importing mutated documents; make a mutant again with "
                    + "textMutant(sample.name(), sample.bytes(), seed) or caseJsonMutant(sample.name(), "
                    + "caseJsonExport(sample), seed):\n" + report);
        }
    }

    /**
     * Imports the mutant: {@code null} when it imported into a usable framework or was refused
     * with {@link StandardsImportException}, else what went wrong.
     */
    private static Problem problemImporting(Mutant mutant) {
        ImportResult result;
        try {
            result = StandardsImporter.read(new SourceDocument(mutant.fileName(), mutant.content()));
        } catch (StandardsImportException refused) {
            return null;
        } catch (Throwable crash) {
            return escaped(crash);
        }
        return unusablePart(result);
    }

    /**
     * An exception other than the import exception, told apart by its class and the first frame
     * in Attest's code. A {@link StackOverflowError}'s trace is cut off at the JVM's depth limit
     * before it reaches Attest's code: then the class of its top frame stands in.
     */
    private static Problem escaped(Throwable crash) {
        StackTraceElement[] stack = crash.getStackTrace();
        String where = Arrays.stream(stack)
                .filter(f -> f.getClassName().startsWith("org.attest.standards"))
                .findFirst()
                .map(StackTraceElement::toString)
                .orElseGet(() -> "(trace cut off) " + (stack.length == 0 ? "?" : outerClass(stack[0])));
        String top = stack.length == 0 ? "" : " thrown at " + stack[0];
        return new Problem(crash.getClass().getName() + " escaped the importer from " + where,
                "[" + crash.getMessage() + "]" + top);
    }

    private static String outerClass(StackTraceElement frame) {
        String name = frame.getClassName();
        int nested = name.indexOf('$');
        return nested < 0 ? name : name.substring(0, nested);
    }

    private static Problem unusablePart(ImportResult result) {
        for (Unit unit : result.framework().units()) {
            if (unit.code() == null) {
                return new Problem("a unit was imported without a code", "[" + unit.title() + "]");
            }
            for (Criterion criterion : unit.criteria().toList()) {
                if (criterion.code() == null || criterion.code().isBlank()) {
                    return new Problem("a criterion was imported with a blank code",
                            "[Unit " + unit.code() + ", code \"" + criterion.code() + "\": " + criterion.statement() + "]");
                }
                if (criterion.statement() == null || criterion.statement().isBlank()) {
                    return new Problem("a criterion was imported with a blank statement",
                            "[Unit " + unit.code() + ", criterion " + criterion.code() + "]");
                }
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- text mutations

    /** Mutations of a document's bytes, most of them line by line. */
    enum TextMutation {
        DELETE_LINE(ByteLines::deleteLine),
        DUPLICATE_LINE(ByteLines::duplicateLine),
        SWAP_LINES(ByteLines::swapLines),
        INSERT_BYTES(TextMutation::insertBytes),
        INSERT_LAYOUT_LINE(TextMutation::insertLayoutLine),
        TRUNCATE(TextMutation::truncate),
        REPLACE_DIGIT(TextMutation::replaceDigit),
        REPEAT_CHUNK(TextMutation::repeatChunk),
        JOIN_LINES(TextMutation::joinLines),
        INSERT_HUGE_LINE(TextMutation::insertHugeLine),
        FLIP_BITS(TextMutation::flipBits);

        private static final List<byte[]> INSERTED_BYTES = List.of(
                new byte[] {0x00}, new byte[] {(byte) 0xFF}, "\uFFFD".getBytes(UTF_8), "\t".getBytes(UTF_8),
                "224.1.1".getBytes(UTF_8), "224.".getBytes(UTF_8), ".".getBytes(UTF_8), "..".getBytes(UTF_8),
                "1.".getBytes(UTF_8), "\n".getBytes(UTF_8), "\r".getBytes(UTF_8), "\f".getBytes(UTF_8),
                "\u00A0".getBytes(UTF_8), "\u2019".getBytes(UTF_8), "{".getBytes(UTF_8), " \t".getBytes(UTF_8),
                new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, new byte[] {(byte) 0xC3});

        /** Lines the layouts look for, and numbers at and beyond the limits of their patterns. */
        private static final List<String> LAYOUT_LINES = List.of(
                "UNIT 224 (LEVEL 2 UNIT, 5 CREDITS)", "UNIT 9999 (LEVEL 99 UNIT, 999 CREDITS)", "Unit 224", "Unit 9999 Title",
                "Unit 101 Prepare yourself", "What you must cover", "What you must do", "What you must know",
                "Elements in this unit", "You should note", "Assessed evidence", "Assessment method key",
                "Unit sign-off", "Evidence requirements", "Learning outcomes", "Assessment criteria", "The learner will:",
                "The learner can:", "Level: 99", "Credit value: 999", "Aims:", "Unit number: 0", "Title:",
                "Appendix 1 Unit recording forms", "Appendix 2 General recording documents", "Standards", "U/K",
                "Location ref:", "Witness status categories", "9. Expert witness", "Level 2 N/SVQ in Customer Service",
                "Evidences assessed by", " \tBox", "\t", "224.9", "224.9.9", "9999.999.999 x", "224.1.1", "1.1", "1",
                "a", "(a)", "1)", "z", "at least 99999999999 occasions", "on 0 occasions", "simulation is not allowed",
                "- ", "**", "#", "\\", "O Observation Q Questioning PE Product Evidence");

        private static final String[] HUGE_LINE_FILLERS = {"a", " ", "\t", "9", "224.1.1 ", "- ", "**", "(", "Unit ", "\uFFFD"};
        private static final String DIGIT_REPLACEMENTS = "0123456789. x\t";

        private final BiFunction<byte[], SplittableRandom, byte[]> mutation;

        TextMutation(BiFunction<byte[], SplittableRandom, byte[]> mutation) {
            this.mutation = mutation;
        }

        byte[] apply(byte[] content, SplittableRandom random) {
            return mutation.apply(content, random);
        }

        private static byte[] insertBytes(byte[] content, SplittableRandom random) {
            byte[] inserted = switch (random.nextInt(3)) {
                case 0 -> INSERTED_BYTES.get(random.nextInt(INSERTED_BYTES.size()));
                case 1 -> randomDigitsAndDots(random).getBytes(UTF_8);
                default -> randomBytes(random, 1 + random.nextInt(8));
            };
            return Bytes.insert(content, random.nextInt(content.length + 1), inserted);
        }

        private static byte[] insertLayoutLine(byte[] content, SplittableRandom random) {
            String line = LAYOUT_LINES.get(random.nextInt(LAYOUT_LINES.size()));
            return ByteLines.insertLine(content, random, line.getBytes(UTF_8));
        }

        private static byte[] truncate(byte[] content, SplittableRandom random) {
            return Arrays.copyOf(content, random.nextInt(content.length + 1));
        }

        private static byte[] replaceDigit(byte[] content, SplittableRandom random) {
            int[] digits = IntStream.range(0, content.length)
                    .filter(i -> content[i] >= '0' && content[i] <= '9')
                    .toArray();
            if (digits.length == 0) {
                return content;
            }
            byte[] copy = content.clone();
            copy[digits[random.nextInt(digits.length)]] = (byte) DIGIT_REPLACEMENTS.charAt(random.nextInt(DIGIT_REPLACEMENTS.length()));
            return copy;
        }

        private static byte[] repeatChunk(byte[] content, SplittableRandom random) {
            if (content.length == 0) {
                return content;
            }
            int start = random.nextInt(content.length);
            int length = 1 + random.nextInt(Math.min(200, content.length - start));
            int times = 2 + random.nextInt(2000);
            byte[] chunk = Arrays.copyOfRange(content, start, start + length);
            ByteArrayOutputStream repeated = new ByteArrayOutputStream(chunk.length * times);
            for (int i = 0; i < times; i++) {
                repeated.writeBytes(chunk);
            }
            return Bytes.insert(content, start, repeated.toByteArray());
        }

        private static byte[] joinLines(byte[] content, SplittableRandom random) {
            byte separator = (byte) " \t\u0000".charAt(random.nextInt(3));
            byte[] joined = content.clone();
            for (int i = 0; i < joined.length; i++) {
                if (joined[i] == '\n' || joined[i] == '\r') {
                    joined[i] = separator;
                }
            }
            return joined;
        }

        private static byte[] insertHugeLine(byte[] content, SplittableRandom random) {
            String filler = HUGE_LINE_FILLERS[random.nextInt(HUGE_LINE_FILLERS.length)];
            String line = filler.repeat(100_000 / filler.length());
            return ByteLines.insertLine(content, random, line.getBytes(UTF_8));
        }

        private static byte[] flipBits(byte[] content, SplittableRandom random) {
            if (content.length == 0) {
                return content;
            }
            byte[] copy = content.clone();
            int flips = 1 + random.nextInt(16);
            for (int i = 0; i < flips; i++) {
                copy[random.nextInt(copy.length)] ^= (byte) (1 << random.nextInt(8));
            }
            return copy;
        }

        private static String randomDigitsAndDots(SplittableRandom random) {
            StringBuilder sb = new StringBuilder();
            int length = 1 + random.nextInt(12);
            for (int i = 0; i < length; i++) {
                sb.append("0123456789.".charAt(random.nextInt(11)));
            }
            return sb.toString();
        }

        private static byte[] randomBytes(SplittableRandom random, int length) {
            byte[] bytes = new byte[length];
            for (int i = 0; i < length; i++) {
                bytes[i] = (byte) random.nextInt(256);
            }
            return bytes;
        }
    }

    /** Line operations on raw bytes, so that invalid UTF-8 stays as it is. */
    private static final class ByteLines {

        private ByteLines() {
        }

        static List<byte[]> split(byte[] content) {
            List<byte[]> lines = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < content.length; i++) {
                if (content[i] == '\n') {
                    lines.add(Arrays.copyOfRange(content, start, i));
                    start = i + 1;
                }
            }
            lines.add(Arrays.copyOfRange(content, start, content.length));
            return lines;
        }

        static byte[] join(List<byte[]> lines) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int i = 0; i < lines.size(); i++) {
                if (i > 0) {
                    out.write('\n');
                }
                out.writeBytes(lines.get(i));
            }
            return out.toByteArray();
        }

        static byte[] deleteLine(byte[] content, SplittableRandom random) {
            List<byte[]> lines = split(content);
            lines.remove(random.nextInt(lines.size()));
            return join(lines);
        }

        static byte[] duplicateLine(byte[] content, SplittableRandom random) {
            List<byte[]> lines = split(content);
            lines.add(random.nextInt(lines.size() + 1), lines.get(random.nextInt(lines.size())));
            return join(lines);
        }

        static byte[] swapLines(byte[] content, SplittableRandom random) {
            List<byte[]> lines = split(content);
            int a = random.nextInt(lines.size());
            int b = random.nextInt(lines.size());
            byte[] first = lines.get(a);
            lines.set(a, lines.get(b));
            lines.set(b, first);
            return join(lines);
        }

        static byte[] insertLine(byte[] content, SplittableRandom random, byte[] line) {
            List<byte[]> lines = split(content);
            lines.add(random.nextInt(lines.size() + 1), line);
            return join(lines);
        }
    }

    private static final class Bytes {

        private Bytes() {
        }

        static byte[] insert(byte[] content, int at, byte[] inserted) {
            byte[] result = new byte[content.length + inserted.length];
            System.arraycopy(content, 0, result, 0, at);
            System.arraycopy(inserted, 0, result, at, inserted.length);
            System.arraycopy(content, at, result, at + inserted.length, content.length - at);
            return result;
        }
    }

    // ---------------------------------------------------------------- JSON tree mutations

    /** Changes to one place in a JSON tree: a property of an object or an element of an array. */
    enum JsonMutation {
        REPLACE_WITH_ODD_VALUE,
        REPLACE_WITH_ANOTHER_NODE,
        REMOVE,
        DUPLICATE_ARRAY_ELEMENT;

        private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

        /** Applies the mutation to a random place; bytes that are not a JSON container stay as they are. */
        static byte[] applyToTree(JsonMutation mutation, byte[] content, SplittableRandom random) {
            JsonNode root;
            try {
                root = JSON.readTree(content);
            } catch (RuntimeException notJson) {
                return content;
            }
            Place place = randomPlace(root, random);
            if (place == null) {
                return content;
            }
            switch (mutation) {
                case REPLACE_WITH_ODD_VALUE -> place.replace(oddValue(random));
                case REPLACE_WITH_ANOTHER_NODE -> place.replace(randomPlace(root, random).node().deepCopy());
                case REMOVE -> place.remove();
                case DUPLICATE_ARRAY_ELEMENT -> place.duplicateInArray();
            }
            return JSON.writeValueAsBytes(root);
        }

        private static JsonNode oddValue(SplittableRandom random) {
            return switch (random.nextInt(16)) {
                case 0 -> NODES.nullNode();
                case 1 -> NODES.stringNode("");
                case 2 -> NODES.stringNode(" ");
                case 3 -> NODES.stringNode("x");
                case 4 -> NODES.numberNode(0);
                case 5 -> NODES.numberNode(-1);
                case 6 -> NODES.numberNode(2_147_483_648L);
                case 7 -> NODES.numberNode(new BigInteger("99999999999999999999999"));
                case 8 -> NODES.numberNode(1e308);
                case 9 -> NODES.booleanNode(true);
                case 10 -> NODES.arrayNode();
                case 11 -> NODES.objectNode();
                case 12 -> NODES.stringNode("not-a-uuid");
                case 13 -> NODES.stringNode(new UUID(random.nextLong(), random.nextLong()).toString());
                case 14 -> NODES.stringNode("224.1.1");
                default -> NODES.stringNode("\u0000\uFFFD\t");
            };
        }

        /**
         * A place picked by its path first ("$.CFItems[].humanCodingScheme"), then among the places
         * on that path, so that each kind of value is changed as often, whether the package holds
         * it once (the document's extensions) or hundreds of times (the items' codes).
         */
        private static Place randomPlace(JsonNode root, SplittableRandom random) {
            Map<String, List<Place>> placesByPath = new LinkedHashMap<>();
            collectPlaces(root, "$", placesByPath);
            if (placesByPath.isEmpty()) {
                return null;
            }
            List<List<Place>> paths = List.copyOf(placesByPath.values());
            List<Place> places = paths.get(random.nextInt(paths.size()));
            return places.get(random.nextInt(places.size()));
        }

        private static void collectPlaces(JsonNode container, String path, Map<String, List<Place>> placesByPath) {
            if (container instanceof ObjectNode object) {
                for (String property : object.propertyNames()) {
                    add(placesByPath, path + "." + property, new Place(object, property, -1));
                }
            } else if (container instanceof ArrayNode array) {
                for (int i = 0; i < array.size(); i++) {
                    add(placesByPath, path + "[]", new Place(array, null, i));
                }
            }
        }

        private static void add(Map<String, List<Place>> placesByPath, String path, Place place) {
            placesByPath.computeIfAbsent(path, p -> new ArrayList<>()).add(place);
            collectPlaces(place.node(), path, placesByPath);
        }

        /** A property of an object ({@code property} set) or an element of an array ({@code index} set). */
        private record Place(JsonNode parent, String property, int index) {

            JsonNode node() {
                return property != null ? parent.get(property) : parent.get(index);
            }

            void replace(JsonNode value) {
                if (parent instanceof ObjectNode object) {
                    object.set(property, value);
                } else {
                    ((ArrayNode) parent).set(index, value);
                }
            }

            void remove() {
                if (parent instanceof ObjectNode object) {
                    object.remove(property);
                } else {
                    ((ArrayNode) parent).remove(index);
                }
            }

            void duplicateInArray() {
                if (parent instanceof ArrayNode array) {
                    array.insert(index, array.get(index).deepCopy());
                } else {
                    replace(NODES.arrayNode().add(node().deepCopy()).add(node().deepCopy()));
                }
            }
        }
    }
}
