package io.flowaudit.input;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
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
 */
public final class YamlDocument {

    private YamlDocument() {
    }

    /** The root node of {@code file}, which must hold exactly one YAML document. */
    public static YamlNode load(Path file) {
        String displayName = file.toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new BadInputException(displayName, "file not found");
        } catch (CharacterCodingException e) {
            throw new BadInputException(displayName, "not valid UTF-8 text");
        } catch (IOException e) {
            throw new BadInputException(displayName, "cannot read the file: " + e);
        }
        return parse(text, displayName);
    }

    /**
     * The root node of YAML {@code text}; {@code displayName} stands for the file in error messages
     * (tests and inputs that are not files).
     */
    public static YamlNode parse(String text, String displayName) {
        LoadSettings settings = LoadSettings.builder().setLabel(displayName).build();
        Optional<Node> root;
        try {
            root = new Compose(settings).composeString(text);
        } catch (MarkedYamlEngineException e) {
            throw syntaxError(displayName, e);
        } catch (YamlEngineException e) {
            throw new BadInputException(displayName, "YAML syntax error: " + e.getMessage());
        }
        if (root.isEmpty()) {
            throw new BadInputException(displayName, "the file holds no YAML document");
        }
        rejectDuplicateKeys(displayName, root.get());
        return new YamlNode(displayName, "", root.get());
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
        Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
        int line = mark.map(m -> m.getLine() + 1).orElse(0);
        int column = mark.map(m -> m.getColumn() + 1).orElse(0);
        return new BadInputException(displayName, line, column, problem.toString());
    }

    /** Walks the node graph once; aliases may share nodes, so visited nodes are tracked by identity. */
    private static void rejectDuplicateKeys(String displayName, Node root) {
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
                    // the composer only admits scalar keys (non-scalar keys are a syntax error)
                    ScalarNode key = (ScalarNode) tuple.getKeyNode();
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
            }
        }
    }
}
