package io.flowaudit.weights.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import io.flowaudit.input.BadInputException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * 400 random edits of a well-formed BERT graph — inputs dropped, added, swapped or rewired, outputs removed,
 * operators changed, nodes deleted — end either in a recovered encoder or in one BadInputException naming
 * the file: never an index error, a cast error or a loop. Fixed seed, so a failure replays.
 */
class BertRecoveryFuzzTest {

    private static final String FILE = "fuzzed.onnx";
    private static final List<String> OPS = List.of("Add", "Mul", "MatMul", "Reshape", "Transpose", "Softmax",
            "Erf", "ReduceMean", "Slice", "Concat", "Gather", "LayerNormalization", "Identity");
    private static final int EDITS = 400;

    @Test
    void everyEditedGraphIsRecoveredOrRefusedCleanly() {
        ModelProto original = TinyBert.build().model();
        List<String> values = new ArrayList<>();
        original.getGraph().getNodeList().forEach(node -> values.addAll(node.getOutputList()));
        Random random = new Random(15);
        int refused = 0;
        for (int edit = 0; edit < EDITS; edit++) {
            GraphProto.Builder graph = original.getGraph().toBuilder();
            int index = random.nextInt(graph.getNodeCount());
            NodeProto.Builder node = graph.getNode(index).toBuilder();
            String description = "edit " + edit + " of node '" + node.getName() + "': ";
            switch (random.nextInt(7)) {
                case 0 -> {
                    description += "input dropped";
                    if (node.getInputCount() > 0) {
                        List<String> inputs = new ArrayList<>(node.getInputList());
                        inputs.remove(random.nextInt(inputs.size()));
                        node.clearInput().addAllInput(inputs);
                    }
                }
                case 1 -> {
                    description += "input added";
                    node.addInput(values.get(random.nextInt(values.size())));
                }
                case 2 -> {
                    description += "inputs reversed";
                    List<String> inputs = new ArrayList<>(node.getInputList());
                    Collections.reverse(inputs);
                    node.clearInput().addAllInput(inputs);
                }
                case 3 -> {
                    description += "input rewired";
                    if (node.getInputCount() > 0) {
                        node.setInput(random.nextInt(node.getInputCount()), values.get(random.nextInt(values.size())));
                    }
                }
                case 4 -> {
                    description += "outputs removed";
                    node.clearOutput();
                }
                case 5 -> {
                    String op = OPS.get(random.nextInt(OPS.size()));
                    description += "operator now " + op;
                    node.setOpType(op);
                }
                default -> description += "node deleted";
            }
            if (description.endsWith("node deleted")) {
                graph.removeNode(index);
            } else {
                graph.setNode(index, node);
            }
            byte[] bytes = original.toBuilder().setGraph(graph).build().toByteArray();
            try {
                BertEncoder.recover(OnnxModel.parse(FILE, bytes));
            } catch (BadInputException e) {
                assertTrue(e.getMessage().startsWith(FILE + ": "), description + ": " + e.getMessage());
                refused++;
            } catch (RuntimeException | StackOverflowError e) {
                fail(description + ": " + e, e);
            }
        }
        // Most edits break the architecture; a fuzzer that never gets refused is not reaching the checks.
        assertTrue(refused > EDITS / 2, refused + " of " + EDITS + " refused");
    }
}
