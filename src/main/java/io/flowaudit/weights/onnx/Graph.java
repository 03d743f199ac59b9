package io.flowaudit.weights.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import io.flowaudit.input.BadInputException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A model's graph read as dataflow: who produces and who consumes each value, and the constants behind
 * values. Structure recovery walks it from value to value; every step that does not find what it expects
 * fails with one message naming the node where the graph stopped matching.
 */
final class Graph {

    private final OnnxModel model;
    private final GraphProto proto;
    private final Map<String, NodeProto> producers = new HashMap<>();
    private final Map<String, List<NodeProto>> consumers = new HashMap<>();
    private final String architecture;

    /** @param architecture what the graph is expected to be, for mismatch messages */
    Graph(OnnxModel model, GraphProto proto, String architecture) {
        this.model = model;
        this.proto = proto;
        this.architecture = architecture;
        for (NodeProto node : proto.getNodeList()) {
            node.getOutputList().forEach(output -> producers.put(output, node));
            node.getInputList().forEach(input -> consumers.computeIfAbsent(input, name -> new ArrayList<>()).add(node));
        }
    }

    /**
     * The input counts ONNX allows for the operators recovery walks through ({min, max}). Every node that a
     * walk steps onto is checked against them, so reading its inputs by position never fails.
     */
    private static final Map<String, int[]> ARITY = Map.ofEntries(
            Map.entry("Add", new int[] {2, 2}), Map.entry("Sub", new int[] {2, 2}), Map.entry("Mul", new int[] {2, 2}),
            Map.entry("Div", new int[] {2, 2}), Map.entry("Pow", new int[] {2, 2}), Map.entry("MatMul", new int[] {2, 2}),
            Map.entry("Gather", new int[] {2, 2}), Map.entry("Reshape", new int[] {2, 2}),
            Map.entry("Transpose", new int[] {1, 1}), Map.entry("Softmax", new int[] {1, 1}),
            Map.entry("Erf", new int[] {1, 1}), Map.entry("Sqrt", new int[] {1, 1}),
            Map.entry("ReduceMean", new int[] {1, 2}), Map.entry("Slice", new int[] {3, 5}),
            Map.entry("Concat", new int[] {1, Integer.MAX_VALUE}), Map.entry("LayerNormalization", new int[] {2, 3}));

    /** Operators of quantized graphs, whose layers compute in integers (or dequantize on the fly). */
    private static final Set<String> QUANTIZED_OPS = Set.of("MatMulInteger", "DynamicQuantizeLinear",
            "QuantizeLinear", "DequantizeLinear", "QLinearMatMul", "ConvInteger", "QLinearConv");

    /**
     * Refuses a quantized graph as a whole, rather than at the first node that differs from the float graph:
     * its function is not the float architecture's (activations are quantized at run time).
     */
    void refuseQuantized() {
        Map<String, Long> quantized = proto.getNodeList().stream()
                .filter(node -> isDefaultDomain(node) && QUANTIZED_OPS.contains(node.getOpType()))
                .collect(Collectors.groupingBy(NodeProto::getOpType, TreeMap::new, Collectors.counting()));
        if (!quantized.isEmpty()) {
            throw mismatch("it is quantized (" + quantized.entrySet().stream()
                    .map(op -> op.getValue() + " " + op.getKey()).collect(Collectors.joining(", "))
                    + " nodes); flowaudit recovers float graphs, and reads quantized weights with"
                    + " OnnxModel.dequantized");
        }
    }

    static boolean isDefaultDomain(NodeProto node) {
        return node.getDomain().isEmpty() || node.getDomain().equals("ai.onnx");
    }

    OnnxModel model() {
        return model;
    }

    Set<String> inputs() {
        return proto.getInputList().stream().map(ValueInfoProto::getName).collect(Collectors.toSet());
    }

    Set<String> outputs() {
        return proto.getOutputList().stream().map(ValueInfoProto::getName).collect(Collectors.toSet());
    }

    Optional<NodeProto> producer(String value) {
        return Optional.ofNullable(producers.get(value)).map(this::wellFormed);
    }

    /** The nodes that read a value, Shape nodes left out: they read its size, never its numbers. */
    List<NodeProto> readers(String value) {
        return consumers.getOrDefault(value, List.of()).stream()
                .filter(node -> !node.getOpType().equals("Shape")).collect(Collectors.toList());
    }

    /** The one node of type {@code op} among a value's readers. */
    NodeProto reader(String value, String op, String role) {
        List<NodeProto> matching = readers(value).stream().filter(node -> is(node, op)).collect(Collectors.toList());
        if (matching.size() != 1) {
            throw mismatch("value '" + value + "' is read by " + describe(readers(value)) + "; expected one " + op
                    + " (" + role + ")");
        }
        return wellFormed(matching.get(0));
    }

    /** A value's only reader, which must be of type {@code op}. */
    NodeProto onlyReader(String value, String op, String role) {
        List<NodeProto> readers = readers(value);
        if (readers.size() != 1 || !is(readers.get(0), op)) {
            throw mismatch("value '" + value + "' is read by " + describe(readers) + "; expected only a " + op
                    + " (" + role + ")");
        }
        return wellFormed(readers.get(0));
    }

    /** The node, if it has an output and as many inputs as ONNX allows its operator. */
    NodeProto wellFormed(NodeProto node) {
        int[] arity = isDefaultDomain(node) ? ARITY.get(node.getOpType()) : null;
        if (node.getOutputCount() == 0
                || arity != null && (node.getInputCount() < arity[0] || node.getInputCount() > arity[1])) {
            throw mismatch("node '" + node.getName() + "' (" + node.getOpType() + ") has " + node.getInputCount()
                    + " inputs and " + node.getOutputCount() + " outputs, which ONNX does not allow");
        }
        return node;
    }

    static boolean is(NodeProto node, String op) {
        return node.getOpType().equals(op) && isDefaultDomain(node);
    }

    /** The single output of a node. */
    static String out(NodeProto node) {
        return node.getOutput(0);
    }

    /** The input of a two-input node that is not {@code value}. */
    String otherInput(NodeProto node, String value) {
        if (node.getInputCount() != 2 || !node.getInputList().contains(value)) {
            throw mismatch("node '" + node.getName() + "' (" + node.getOpType() + ") has inputs " + node.getInputList()
                    + "; expected two, one of them '" + value + "'");
        }
        return node.getInput(0).equals(value) ? node.getInput(1) : node.getInput(0);
    }

    /** A constant holding one floating-point number (a scalar or a one-element tensor). */
    double scalar(String value, String role) {
        if (!model.hasConstant(value)) {
            throw mismatch("'" + value + "' is computed; expected a constant " + role);
        }
        double[] values = model.floatTensor(value).values();
        if (values.length != 1) {
            throw mismatch("constant '" + value + "' has " + values.length + " elements; expected one number, " + role);
        }
        return values[0];
    }

    /** An integer constant's values. */
    long[] integers(String value, String role) {
        if (!model.hasConstant(value)) {
            throw mismatch("'" + value + "' is computed; expected a constant " + role);
        }
        return model.integers(value);
    }

    /** A node's attribute of integers, or {@code absent} when it has none. */
    static List<Long> ints(NodeProto node, String name, List<Long> absent) {
        return attribute(node, name).map(AttributeProto::getIntsList).orElse(absent);
    }

    static long integer(NodeProto node, String name, long absent) {
        return attribute(node, name).map(AttributeProto::getI).orElse(absent);
    }

    static Optional<Float> real(NodeProto node, String name) {
        return attribute(node, name).map(AttributeProto::getF);
    }

    private static Optional<AttributeProto> attribute(NodeProto node, String name) {
        return node.getAttributeList().stream().filter(attribute -> attribute.getName().equals(name)).findFirst();
    }

    BadInputException mismatch(String problem) {
        return model.bad("the graph does not match " + architecture + ": " + problem);
    }

    BadInputException mismatch(NodeProto at, String expected) {
        return mismatch("at node '" + at.getName() + "' (" + at.getOpType() + "): expected " + expected);
    }

    private static String describe(List<NodeProto> nodes) {
        if (nodes.isEmpty()) {
            return "no node";
        }
        return nodes.stream().map(node -> node.getOpType() + " '" + node.getName() + "'")
                .collect(Collectors.joining(", "));
    }
}
