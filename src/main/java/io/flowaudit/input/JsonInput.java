package io.flowaudit.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON file that another run or a user wrote (a baseline, a shard's partial summary), read strictly: each member
 * is asked for with the type it must have, and anything else is bad input naming the file, the member's line and
 * its path ({@code claims[0].block.counted}). Jackson's own accessors would read {@code "many"} as the count 0 and
 * a number where text belongs as its digits; a malformed file must never become a verdict.
 */
public final class JsonInput {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final String file;
    private final String text;

    private JsonInput(String file, String text) {
        this.file = file;
        this.text = text;
    }

    /**
     * The top level of {@code file}, an object, read whole up to {@code maxBytes} ({@link InputFiles#readUtf8}).
     *
     * @param whatItIs what the file should be, for the message when it is not JSON ("a baseline file")
     */
    public static Member read(Path file, int maxBytes, String whatItIs) {
        JsonInput input = new JsonInput(file.toString(), InputFiles.readUtf8(file, maxBytes));
        try {
            JsonNode root = JSON.readTree(input.text);
            if (root == null || !root.isObject()) {
                throw new BadInputException(input.file, "not " + whatItIs + ": expected a JSON object, found "
                        + (root == null ? "nothing" : input.new Member(root, "", JsonPointer.empty()).kind()));
            }
            return input.new Member(root, "", JsonPointer.empty());
        } catch (JsonProcessingException e) {
            throw new BadInputException(input.file, e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                    e.getLocation() == null ? 0 : e.getLocation().getColumnNr(),
                    "not " + whatItIs + ": " + e.getOriginalMessage());
        }
    }

    /** Where the value at {@code pointer} starts in the text: {line, column}, or {0, 0} if not found. */
    private int[] positionOf(JsonPointer pointer) {
        try (JsonParser parser = JSON.createParser(text)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token != JsonToken.FIELD_NAME && !token.isStructEnd()
                        && parser.getParsingContext().pathAsPointer().equals(pointer)) {
                    return new int[] {parser.currentTokenLocation().getLineNr(),
                            parser.currentTokenLocation().getColumnNr()};
                }
            }
        } catch (IOException unreachable) {
            // the text was parsed whole before any member was read
        }
        return new int[] {0, 0};
    }

    /** One value of the file and where it is. */
    public final class Member {

        private final JsonNode node;
        private final String path;
        private final JsonPointer pointer;

        private Member(JsonNode node, String path, JsonPointer pointer) {
            this.node = node;
            this.path = path;
            this.pointer = pointer;
        }

        /** Bad input at this member: the file, its line and column, its path and {@code problem}. */
        public BadInputException bad(String problem) {
            int[] at = positionOf(pointer);
            return new BadInputException(file, at[0], at[1], (path.isEmpty() ? "" : path + ": ") + problem);
        }

        /** The member {@code key} of this object; bad input when this is no object or it is absent or null. */
        public Member get(String key) {
            Member value = optional(key);
            if (value == null) {
                throw bad("missing \"" + key + "\"");
            }
            return value;
        }

        /** The member {@code key} of this object, or null when it is absent or null. */
        public Member optional(String key) {
            JsonNode value = object().get(key);
            return value == null || value.isNull() ? null : child(value, key);
        }

        public boolean isNull() {
            return node.isNull();
        }

        /** The members of this object in the file's order; bad input when this is no object. */
        public Map<String, Member> members() {
            Map<String, Member> members = new LinkedHashMap<>();
            object().fields().forEachRemaining(entry -> members.put(entry.getKey(), child(entry.getValue(),
                    entry.getKey())));
            return members;
        }

        /** This object's keys are all in {@code known} and include every one of {@code required}. */
        public Member withKeys(List<String> known, List<String> required) {
            List<String> missing = new ArrayList<>(required);
            object().fieldNames().forEachRemaining(key -> {
                if (!known.contains(key)) {
                    throw child(node.get(key), key).bad("unknown key, expected one of " + known);
                }
                missing.remove(key);
            });
            if (!missing.isEmpty()) {
                throw bad("missing " + missing);
            }
            return this;
        }

        /** The elements of this array; bad input when this is no array. */
        public List<Member> elements() {
            if (!node.isArray()) {
                throw bad("expected an array, found " + kind());
            }
            List<Member> elements = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                elements.add(new Member(node.get(i), path + "[" + i + "]", pointer.appendIndex(i)));
            }
            return elements;
        }

        public String text() {
            if (!node.isTextual()) {
                throw bad("expected text, found " + kind());
            }
            return node.textValue();
        }

        /** Each member's text, in the file's order: an object of text by name. */
        public Map<String, String> texts() {
            Map<String, String> texts = new LinkedHashMap<>();
            members().forEach((key, value) -> texts.put(key, value.text()));
            return texts;
        }

        /** A whole number. */
        public long wholeNumber() {
            if (!node.isIntegralNumber() || !node.canConvertToLong()) {
                throw bad("expected a whole number, found " + kind());
            }
            return node.longValue();
        }

        /** A whole number from 0 to {@link Integer#MAX_VALUE}. */
        public int count() {
            if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 0) {
                throw bad("expected a whole number >= 0, found " + kind());
            }
            return node.intValue();
        }

        /** A JSON number within the range of a double (1e400 would read as infinity). */
        public double number() {
            if (!node.isNumber() || !Double.isFinite(node.doubleValue())) {
                throw bad("expected a finite number, found " + kind());
            }
            return node.doubleValue();
        }

        /** A number, or one JSON has no number for written as text ("NaN", "Infinity", "-Infinity"). */
        public double numberOrNonFinite() {
            if (node.isTextual() && List.of("NaN", "Infinity", "-Infinity").contains(node.textValue())) {
                return Double.parseDouble(node.textValue());
            }
            return number();
        }

        /** This array's elements, each a number or a non-finite one as text ({@link #numberOrNonFinite}). */
        public double[] numbersOrNonFinite() {
            return elements().stream().mapToDouble(Member::numberOrNonFinite).toArray();
        }

        public boolean bool() {
            if (!node.isBoolean()) {
                throw bad("expected true or false, found " + kind());
            }
            return node.booleanValue();
        }

        /** The constant of {@code type} this text names, in any case (writers use the name or its lower case). */
        public <E extends Enum<E>> E oneOf(Class<E> type) {
            String name = text();
            return Arrays.stream(type.getEnumConstants()).filter(e -> e.name().equalsIgnoreCase(name)).findFirst()
                    .orElseThrow(() -> bad("expected one of " + Arrays.toString(type.getEnumConstants())
                            + ", found \"" + name + "\""));
        }

        private JsonNode object() {
            if (!node.isObject()) {
                throw bad("expected an object, found " + kind());
            }
            return node;
        }

        private Member child(JsonNode value, String key) {
            return new Member(value, path.isEmpty() ? key : path + "." + key, pointer.appendProperty(key));
        }

        /** What this is, for messages, quoting only short scalars. */
        private String kind() {
            if (node.isObject() || node.isArray() || node.isNull()) {
                return node.isObject() ? "an object" : node.isArray() ? "an array" : "null";
            }
            if (node.isNumber() && !Double.isFinite(node.doubleValue())) {
                return "a number beyond a double's range";
            }
            String value = node.toString();
            return value.length() <= 40 ? value : "a value of " + value.length() + " characters";
        }
    }
}
