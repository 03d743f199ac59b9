package io.flowaudit.input;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads one YAML document into a {@link YamlNode} tree that keeps every scalar as its source text
 * and every node's file position.
 *
 * <p>It uses snakeyaml-engine's compose (node) API rather than its construct API: construction
 * turns {@code 0.1} into a double and forgets positions, while the harness needs the decimal text
 * (to read it exactly at any precision) and the line and column (for error messages). Every failure
 * is a {@link BadInputException} naming the file, line and column; duplicate keys anywhere in the
 * document are rejected, because YAML would otherwise silently keep one of the two values.
 *
 * <p>Files come from others: only regular files up to {@link InputLimits#MAX_FILE_BYTES} are read, and
 * the event stream is checked for nesting depth and aliases before the (recursive) composer runs.
 */
public final class YamlDocument {

    private YamlDocument() {
    }

    /** The root node of {@code file}, which must hold exactly one YAML document. */
    public static YamlNode load(Path file) {
        String displayName = file.toString();
        return parse(InputFiles.readUtf8(file, InputLimits.MAX_FILE_BYTES), displayName);
    }

    /**
     * The root node of YAML {@code text}; {@code displayName} stands for the file in error messages
     * (tests and inputs that are not files).
     */
    public static YamlNode parse(String text, String displayName) {
        if (text.length() > InputLimits.MAX_FILE_BYTES) {
            int[] position = TextPositions.ofCodePoint(text, InputLimits.MAX_FILE_BYTES);
            throw new BadInputException(displayName, position[0], position[1], "the text has " + text.length()
                    + " characters; the limit is " + InputLimits.MAX_FILE_BYTES);
        }
        LoadSettings settings = LoadSettings.builder().setLabel(displayName)
                .setCodePointLimit(InputLimits.MAX_FILE_BYTES)
                .setMaxAliasesForCollections(InputLimits.MAX_YAML_ALIASES)
                // admitted so that the node walk can refuse them at their position
                .setAllowNonScalarKeys(true).build();
        Optional<Node> root;
        try {
            checkShape(displayName, new Parse(settings).parseString(text));
            root = new Compose(settings).composeString(text);
        } catch (MarkedYamlEngineException e) {
            throw syntaxError(displayName, e);
        } catch (ReaderException e) {
            int[] position = TextPositions.ofCodePoint(text, e.getPosition());
            throw new BadInputException(displayName, position[0], position[1], "YAML syntax error: character "
                    + String.format(Locale.ROOT, "U+%04X", e.getCodePoint()) + " is not allowed in YAML text");
        } catch (YamlEngineException e) {
            throw new BadInputException(displayName, 1, 1, "YAML error: " + e.getMessage());
        }
        if (root.isEmpty()) {
            throw new BadInputException(displayName, 1, 1, "the file holds no YAML document");
        }
        checkNodes(displayName, root.get());
        return new YamlNode(displayName, "", root.get());
    }

    /** Nesting and aliases, from the parser's events, so the composer's recursion stays shallow. */
    private static void checkShape(String displayName, Iterable<Event> events) {
        int depth = 0;
        int aliases = 0;
        for (Event event : events) {
            switch (event.getEventId()) {
                case MappingStart:
                case SequenceStart:
                    if (++depth > InputLimits.MAX_YAML_NESTING) {
                        throw at(displayName, event.getStartMark(), "lists and mappings are nested more than "
                                + InputLimits.MAX_YAML_NESTING + " deep");
                    }
                    break;
                case MappingEnd:
                case SequenceEnd:
                    depth--;
                    break;
                case Alias:
                    if (++aliases > InputLimits.MAX_YAML_ALIASES) {
                        throw at(displayName, event.getStartMark(), "more than " + InputLimits.MAX_YAML_ALIASES
                                + " aliases (*name) in one file");
                    }
                    break;
                default:
                    break;
            }
        }
    }

    private static BadInputException at(String displayName, Optional<Mark> mark, String problem) {
        return new BadInputException(displayName, mark.map(m -> m.getLine() + 1).orElse(1),
                mark.map(m -> m.getColumn() + 1).orElse(1), problem);
    }

    private static BadInputException syntaxError(String displayName, MarkedYamlEngineException e) {
        StringBuilder problem = new StringBuilder("YAML syntax error: ");
        if (e.getContext() != null) {
            // the context (such as an unclosed '[') often starts lines before the problem is noticed
            problem.append(e.getContext());
            e.getContextMark().ifPresent(context -> problem.append(" started at line ").append(context.getLine() + 1)
                    .append(", column ").append(context.getColumn() + 1));
            problem.append(": ");
        }
        problem.append(e.getProblem());
        return at(displayName, e.getProblemMark().or(e::getContextMark), problem.toString());
    }

    /**
     * Walks the node graph once: keys must be single values and unique per mapping, and text must be
     * encodable (no unpaired surrogate, which YAML's escapes can produce). Aliases may share nodes, so
     * visited nodes are tracked by identity.
     */
    private static void checkNodes(String displayName, Node root) {
        Set<Node> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Node> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            Node node = pending.pop();
            if (!visited.add(node)) {
                continue;
            }
            if (node instanceof MappingNode) {
                Map<String, Node> firstKeys = new HashMap<>();
                for (NodeTuple tuple : ((MappingNode) node).getValue()) {
                    if (!(tuple.getKeyNode() instanceof ScalarNode)) {
                        throw new YamlNode(displayName, "", tuple.getKeyNode()).error(
                                "expected a key that is a single value, found a list or mapping used as a key");
                    }
                    ScalarNode key = (ScalarNode) tuple.getKeyNode();
                    requireEncodable(displayName, key);
                    Node first = firstKeys.putIfAbsent(key.getValue(), key);
                    if (first != null) {
                        YamlNode earlier = new YamlNode(displayName, "", first);
                        throw new YamlNode(displayName, "", key).error("duplicate key '" + key.getValue()
                                + "' (first given at line " + earlier.line() + ", column " + earlier.column() + ")");
                    }
                    pending.push(tuple.getValueNode());
                }
            } else if (node instanceof SequenceNode) {
                ((SequenceNode) node).getValue().forEach(pending::push);
            } else {
                requireEncodable(displayName, (ScalarNode) node);
            }
        }
    }

    private static void requireEncodable(String displayName, ScalarNode scalar) {
        String text = scalar.getValue();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new YamlNode(displayName, "", scalar).error(String.format(Locale.ROOT,
                        "the text holds an unpaired surrogate \\u%04x, which is not a character", (int) c));
            }
        }
    }
}
