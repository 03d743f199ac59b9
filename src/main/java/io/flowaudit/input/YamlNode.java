package io.flowaudit.input;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * One node of a YAML document read by {@link YamlDocument}: a mapping, a list or a single value
 * (scalar), with the file, line and column where it starts and its path from the root (such as
 * {@code field.x} or {@code variables[0]}) for error messages.
 *
 * <p>Scalars are only ever text: {@link #text()} returns exactly what the file says, and
 * {@link #requireDecimal()} validates and converts it without going through a double. Each typed
 * accessor throws a {@link BadInputException} at this node's position that says what was expected
 * and what was found; callers raise their own semantic errors with {@link #error(String)}.
 *
 * <p>Typical use, for a file with a required mapping of known keys:
 * <pre>{@code
 * YamlNode root = YamlDocument.load(file).requireMapping().requireKeysAmong(List.of("name", "depth"));
 * String name = root.require("name", "the run's name").text();
 * int depth = root.optional("depth").map(YamlNode::requireInt).orElse(8);
 * }</pre>
 */
public final class YamlNode {

    /** A key of a mapping (with its own position) and its value, in file order. */
    public record Entry(String key, YamlNode keyNode, YamlNode value) {
    }

    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");

    private final String file;
    private final String path;
    private final Node node;

    YamlNode(String file, String path, Node node) {
        this.file = file;
        this.path = path;
        this.node = node;
    }

    /** The file as the user named it. */
    public String file() {
        return file;
    }

    /** 1-based line where this node starts. */
    public int line() {
        return node.getStartMark().map(mark -> mark.getLine() + 1).orElse(0);
    }

    /** 1-based column where this node starts. */
    public int column() {
        return node.getStartMark().map(mark -> mark.getColumn() + 1).orElse(0);
    }

    /** Keys and list indexes from the root, such as {@code field.x} or {@code variables[0]}; empty for the root. */
    public String path() {
        return path;
    }

    /** A {@link BadInputException} at this node's file, line and column. */
    public BadInputException error(String problem) {
        return new BadInputException(file, line(), column(), problem);
    }

    boolean isMapping() {
        return node instanceof MappingNode;
    }

    boolean isSequence() {
        return node instanceof SequenceNode;
    }

    boolean isScalar() {
        return node instanceof ScalarNode;
    }

    /** This node, after checking that it is a mapping. */
    public YamlNode requireMapping() {
        if (!isMapping()) {
            throw error("expected a mapping (key: value pairs) " + where() + ", found " + describe());
        }
        return this;
    }

    /** This mapping, after checking that each of its keys is one of {@code allowed}. */
    public YamlNode requireKeysAmong(Collection<String> allowed) {
        for (Entry entry : entries()) {
            if (!allowed.contains(entry.key())) {
                throw entry.keyNode().error("unknown key '" + entry.key() + "' " + where() + "; allowed keys: "
                        + String.join(", ", allowed));
            }
        }
        return this;
    }

    /** The keys and values of this mapping, in file order. */
    public List<Entry> entries() {
        requireMapping();
        List<Entry> entries = new ArrayList<>();
        for (NodeTuple tuple : ((MappingNode) node).getValue()) {
            // the composer admits only scalar keys, so every key has a text
            String key = ((ScalarNode) tuple.getKeyNode()).getValue();
            String childPath = path.isEmpty() ? key : path + "." + key;
            entries.add(new Entry(key, new YamlNode(file, childPath, tuple.getKeyNode()),
                    new YamlNode(file, childPath, tuple.getValueNode())));
        }
        return entries;
    }

    /** The value of {@code key} in this mapping, if the key is present. */
    public Optional<YamlNode> optional(String key) {
        return entries().stream().filter(entry -> entry.key().equals(key)).map(Entry::value).findFirst();
    }

    /**
     * The value of {@code key} in this mapping; if it is missing, the error points at this mapping and
     * says {@code expected}, a description of the value such as "the integration horizon, a number > 0".
     */
    public YamlNode require(String key, String expected) {
        return optional(key).orElseThrow(
                () -> error("missing key '" + key + "' " + where() + ": expected " + expected));
    }

    /** The items of this list, in order. */
    public List<YamlNode> sequence() {
        if (!isSequence()) {
            throw error("expected a list " + where() + ", found " + describe());
        }
        List<YamlNode> items = new ArrayList<>();
        List<Node> nodes = ((SequenceNode) node).getValue();
        for (int i = 0; i < nodes.size(); i++) {
            items.add(new YamlNode(file, path + "[" + i + "]", nodes.get(i)));
        }
        return items;
    }

    /** The text of this scalar exactly as written (quotes and escapes resolved); never a number. */
    public String text() {
        if (!isScalar()) {
            throw error("expected a single value " + where() + ", found " + describe());
        }
        if (isEmptyPlainScalar()) {
            throw error("expected a value " + where() + ", found nothing");
        }
        return ((ScalarNode) node).getValue();
    }

    /** The exact value of this scalar written in decimal or scientific notation ({@code 0.1}, {@code 3}, {@code 1e-3}). */
    public BigDecimal requireDecimal() {
        String text = text();
        DecimalText.problem(text).ifPresent(expected -> {
            throw error("expected " + expected + " " + where() + ", found '" + text + "'");
        });
        return DecimalText.value(text);
    }

    /** The value of this scalar written as an integer that fits in an {@code int}. */
    public int requireInt() {
        String text = text();
        if (!INTEGER.matcher(text).matches()) {
            throw error("expected an integer " + where() + ", found '" + text + "'");
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw error("integer " + where() + " is out of range: " + text);
        }
    }

    /** {@code true} or {@code false}. */
    public boolean requireBoolean() {
        return requireOneOf("true", "false").equals("true");
    }

    /** A range {@code [min, max]} of decimals with min <= max; a single number is the range [v, v]. */
    public double[] requireRange() {
        if (isScalar()) {
            double value = requireDecimal().doubleValue();
            return new double[] {value, value};
        }
        List<YamlNode> bounds = requireTwoBounds();
        double min = bounds.get(0).requireDecimal().doubleValue();
        double max = bounds.get(1).requireDecimal().doubleValue();
        if (min > max) {
            throw error("expected a range [min, max] with min <= max " + where() + ", found [" + min + ", " + max + "]");
        }
        return new double[] {min, max};
    }

    /** A range {@code [min, max]} of integers with min <= max; a single integer is the range [v, v]. */
    public int[] requireIntRange() {
        if (isScalar()) {
            int value = requireInt();
            return new int[] {value, value};
        }
        List<YamlNode> bounds = requireTwoBounds();
        int min = bounds.get(0).requireInt();
        int max = bounds.get(1).requireInt();
        if (min > max) {
            throw error("expected a range [min, max] with min <= max " + where() + ", found [" + min + ", " + max + "]");
        }
        return new int[] {min, max};
    }

    private List<YamlNode> requireTwoBounds() {
        List<YamlNode> bounds = sequence();
        if (bounds.size() != 2) {
            throw error("expected a range [min, max] " + where() + ", found a list of " + bounds.size());
        }
        return bounds;
    }

    /** The text of this scalar, which must be one of {@code allowed} (an enumeration). */
    public String requireOneOf(Collection<String> allowed) {
        String text = text();
        if (!allowed.contains(text)) {
            throw error("expected one of " + String.join(", ", allowed) + " " + where() + ", found '" + text + "'");
        }
        return text;
    }

    /** As {@link #requireOneOf(Collection)}. */
    public String requireOneOf(String... allowed) {
        return requireOneOf(List.of(allowed));
    }

    /**
     * The 1-based file column of character {@code index} of {@link #text()}, when that text is exactly
     * what the file holds on one line (a plain, unquoted single-line scalar); empty otherwise, since
     * quotes, escapes and line folding shift characters away from their source columns.
     */
    public OptionalInt fileColumnOf(int index) {
        if (!(node instanceof ScalarNode) || ((ScalarNode) node).getScalarStyle() != ScalarStyle.PLAIN) {
            return OptionalInt.empty();
        }
        Optional<Mark> start = node.getStartMark();
        Optional<Mark> end = node.getEndMark();
        if (start.isEmpty() || end.isEmpty() || start.get().getLine() != end.get().getLine()) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(start.get().getColumn() + 1 + index);
    }

    private boolean isEmptyPlainScalar() {
        ScalarNode scalar = (ScalarNode) node;
        return scalar.getScalarStyle() == ScalarStyle.PLAIN && scalar.getValue().isEmpty();
    }

    private String where() {
        return path.isEmpty() ? "at the top level" : "at '" + path + "'";
    }

    private String describe() {
        if (isMapping()) {
            return "a mapping";
        }
        if (isSequence()) {
            return "a list";
        }
        if (isEmptyPlainScalar()) {
            return "nothing";
        }
        // a file whose top level is not a mapping may not be meant as input at all: never echo it
        return path.isEmpty() ? "a single value" : "the value '" + ((ScalarNode) node).getValue() + "'";
    }

    @Override
    public String toString() {
        return file + ":" + line() + ":" + column() + " " + (path.isEmpty() ? "(root)" : path);
    }
}
