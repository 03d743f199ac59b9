package io.flowaudit.input;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * A YAML file as a tree of positioned nodes, read with snakeyaml-engine's compose API so that every
 * scalar stays the text the user wrote (the construct API would turn {@code 0.1} into a double).
 * Every accessor fails with a {@link BadInputException} naming the file, line and column and saying
 * what was expected.
 */
public final class YamlTree {

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private YamlTree() {
    }

    public static Node load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException(file.toString(), "cannot read the file: " + e.getMessage());
        }
        return parse(file.toString(), text);
    }

    public static Node parse(String fileName, String text) {
        try {
            org.snakeyaml.engine.v2.nodes.Node root = new Compose(LoadSettings.builder().setLabel(fileName).build())
                    .composeString(text)
                    .orElseThrow(() -> new BadInputException(fileName, 1, 1, "the file is empty, expected a mapping"));
            return new Node(fileName, root);
        } catch (MarkedYamlEngineException e) {
            Mark mark = e.getProblemMark().or(e::getContextMark).orElse(null);
            throw new BadInputException(fileName, mark == null ? 0 : mark.getLine() + 1,
                    mark == null ? 0 : mark.getColumn() + 1, "YAML syntax error: " + e.getProblem());
        } catch (YamlEngineException e) {
            throw new BadInputException(fileName, "YAML syntax error: " + e.getMessage());
        }
    }

    /** One node with its position; scalars keep their text. */
    public static final class Node {

        private final String file;
        private final org.snakeyaml.engine.v2.nodes.Node node;

        Node(String file, org.snakeyaml.engine.v2.nodes.Node node) {
            this.file = file;
            this.node = node;
        }

        public String file() {
            return file;
        }

        public int line() {
            return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
        }

        public int column() {
            return node.getStartMark().map(m -> m.getColumn() + 1).orElse(0);
        }

        /** An error at this node. */
        public BadInputException error(String problem) {
            return new BadInputException(file, line(), column(), problem);
        }

        public boolean isScalar() {
            return node instanceof ScalarNode;
        }

        public boolean isSequence() {
            return node instanceof SequenceNode;
        }

        public boolean isMapping() {
            return node instanceof MappingNode;
        }

        /** The mapping's entries in file order; duplicate keys are an error. */
        public Map<String, Node> entries() {
            if (!isMapping()) {
                throw error("expected a mapping of keys to values");
            }
            Map<String, Node> entries = new LinkedHashMap<>();
            for (NodeTuple tuple : ((MappingNode) node).getValue()) {
                Node key = new Node(file, tuple.getKeyNode());
                if (entries.put(key.text(), new Node(file, tuple.getValueNode())) != null) {
                    throw key.error("duplicate key '" + key.text() + "'");
                }
            }
            return entries;
        }

        /** Fails on any key outside {@code allowed}, listing the allowed ones. */
        public Node allowOnly(Set<String> allowed) {
            for (NodeTuple tuple : ((MappingNode) requireMapping().node).getValue()) {
                Node key = new Node(file, tuple.getKeyNode());
                if (!allowed.contains(key.text())) {
                    throw key.error("unknown key '" + key.text() + "', expected one of " + new java.util.TreeSet<>(allowed));
                }
            }
            return this;
        }

        public Node requireMapping() {
            entries();
            return this;
        }

        public Optional<Node> optional(String key) {
            return Optional.ofNullable(entries().get(key));
        }

        public Node require(String key, String expected) {
            return optional(key).orElseThrow(() -> error("missing key '" + key + "': expected " + expected));
        }

        public List<Node> items() {
            if (!isSequence()) {
                throw error("expected a list, e.g. [1, 2]");
            }
            List<Node> items = new ArrayList<>();
            for (org.snakeyaml.engine.v2.nodes.Node item : ((SequenceNode) node).getValue()) {
                items.add(new Node(file, item));
            }
            return items;
        }

        /** The scalar exactly as written. */
        public String text() {
            if (!isScalar()) {
                throw error("expected a single value, not a " + (isMapping() ? "mapping" : "list"));
            }
            return ((ScalarNode) node).getValue();
        }

        /** A decimal number (e.g. 0.1, -3, 1.5e-3), read from its text, never through a double. */
        public BigDecimal decimal() {
            String text = text().trim();
            if (!DECIMAL.matcher(text).matches()) {
                throw error("expected a number such as 0.1, 3 or 1.5e-3, got '" + text + "'");
            }
            return new BigDecimal(text.startsWith("+") ? text.substring(1) : text);
        }

        public double number() {
            return decimal().doubleValue();
        }

        public int integer() {
            try {
                return decimal().intValueExact();
            } catch (ArithmeticException e) {
                throw error("expected a whole number, got '" + text() + "'");
            }
        }

        public boolean bool() {
            String text = text().trim().toLowerCase(Locale.ROOT);
            if (!text.equals("true") && !text.equals("false")) {
                throw error("expected true or false, got '" + text() + "'");
            }
            return text.equals("true");
        }

        /** A range [min, max] (a single number means min = max). */
        public double[] range() {
            if (isScalar()) {
                double v = number();
                return new double[] {v, v};
            }
            List<Node> items = items();
            if (items.size() != 2) {
                throw error("expected a range [min, max]");
            }
            double min = items.get(0).number();
            double max = items.get(1).number();
            if (min > max) {
                throw error("expected a range [min, max] with min <= max, got [" + min + ", " + max + "]");
            }
            return new double[] {min, max};
        }

        /** An integer range [min, max] (a single number means min = max). */
        public int[] integerRange() {
            if (isScalar()) {
                int v = integer();
                return new int[] {v, v};
            }
            List<Node> items = items();
            if (items.size() != 2) {
                throw error("expected a range [min, max] of whole numbers");
            }
            int min = items.get(0).integer();
            int max = items.get(1).integer();
            if (min > max) {
                throw error("expected a range [min, max] with min <= max, got [" + min + ", " + max + "]");
            }
            return new int[] {min, max};
        }

        public String oneOf(String... choices) {
            String text = text().trim();
            for (String choice : choices) {
                if (choice.equals(text)) {
                    return text;
                }
            }
            throw error("expected one of " + String.join(", ", choices) + ", got '" + text + "'");
        }
    }
}
