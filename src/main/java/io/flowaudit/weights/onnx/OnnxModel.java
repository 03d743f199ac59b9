package io.flowaudit.weights.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.UnsafeByteOperations;
import io.flowaudit.input.BadInputException;
import io.flowaudit.weights.DType;
import io.flowaudit.weights.Sha256;
import io.flowaudit.weights.Tensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * An ONNX model file, parsed by protobuf-java into ONNX's generated message classes and then checked: it
 * must hold a graph, its value names must be unique, and every initializer and Constant node's tensor must
 * have a layout that the bytes holding it can satisfy ({@link StoredTensor}). Tensors are decoded when
 * asked for, from the checked bytes.
 *
 * <p>Limits, checked before anything is allocated from what the file declares: the file is a regular file
 * of at most {@value #MAX_FILE_BYTES} bytes (protobuf's own 2 GiB message limit; larger models keep their
 * weights in external files), messages nest at most protobuf's default 100 levels, and a tensor has at
 * most {@value #MAX_TENSOR_ELEMENTS} elements. A truncated or corrupt file is one message naming the file.
 */
public final class OnnxModel {

    static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 8;
    /** 2^27 elements, 1 GiB as doubles: eleven times the largest tensor of a BERT-base checkpoint. */
    public static final long MAX_TENSOR_ELEMENTS = 1L << 27;
    /** Models older than IR version 3 predate opset imports; none is written today. */
    private static final long MIN_IR_VERSION = 3;

    private final String fileName;
    private final String sha256;
    private final ModelProto model;
    private final Map<String, StoredTensor> constants;

    private OnnxModel(String fileName, String sha256, ModelProto model, Map<String, StoredTensor> constants) {
        this.fileName = fileName;
        this.sha256 = sha256;
        this.model = model;
        this.constants = Collections.unmodifiableMap(constants);
    }

    /**
     * Reads and checks a model file; external tensor data is looked for in the file's directory.
     *
     * @throws BadInputException if the file is not a well-formed ONNX model
     * @throws IOException       if it cannot be read at all
     */
    public static OnnxModel read(Path file) throws IOException {
        String fileName = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(fileName, Files.exists(file) ? "not a regular file" : "no such file");
        }
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new BadInputException(fileName, "the file has " + size + " bytes; an ONNX model file has at most "
                    + MAX_FILE_BYTES + " (protobuf's limit; larger models keep their weights in external files)");
        }
        Path directory = file.toAbsolutePath().getParent().toRealPath();
        return parse(fileName, Files.readAllBytes(file), directory);
    }

    /**
     * Checks the bytes of a model that was not read from a file (a resource): a tensor stored in an external
     * file is refused. The model keeps views into {@code contents}, which must not change afterwards.
     */
    public static OnnxModel parse(String fileName, byte[] contents) {
        return parse(fileName, contents, null);
    }

    private static OnnxModel parse(String fileName, byte[] contents, Path directory) {
        ModelProto model;
        try {
            // Read as immutable with aliasing, tensor bytes stay views of the file's array instead of copies
            // (a plain CodedInputStream over an array copies them, since the caller might change the array).
            CodedInputStream input = UnsafeByteOperations.unsafeWrap(contents).newCodedInput();
            input.enableAliasing(true);
            model = ModelProto.parseFrom(input);
        } catch (IOException e) {
            // InvalidProtocolBufferException; reading an array fails in no other way
            throw new BadInputException(fileName, "not a readable ONNX model: " + e.getMessage()
                    .replace("While parsing a protocol message, the input", "the file") + " (file truncated or not ONNX?)");
        }
        if (model.getIrVersion() < MIN_IR_VERSION || !model.hasGraph() || model.getOpsetImportCount() == 0) {
            throw new BadInputException(fileName, "holds no ONNX model (IR version " + model.getIrVersion()
                    + (model.hasGraph() ? "" : ", no graph") + ", " + model.getOpsetImportCount()
                    + " opset imports); expected IR version " + MIN_IR_VERSION + " or later with a graph and its opsets"
                    + " (file truncated or not ONNX?)");
        }
        return new OnnxModel(fileName, Sha256.hex(contents), model, constants(fileName, model.getGraph(), directory));
    }

    /** Initializers and Constant nodes' tensors by value name, each checked; names must be unique. */
    private static Map<String, StoredTensor> constants(String fileName, GraphProto graph, Path directory) {
        Map<String, StoredTensor> constants = new LinkedHashMap<>();
        for (TensorProto initializer : graph.getInitializerList()) {
            String what = "initializer '" + initializer.getName() + "'";
            if (constants.put(initializer.getName(), StoredTensor.check(fileName, what, initializer, directory)) != null) {
                throw new BadInputException(fileName, "two initializers are named '" + initializer.getName() + "'");
            }
        }
        // ONNX is single-assignment: no node output repeats another's or an initializer's name.
        Set<String> values = new HashSet<>(constants.keySet());
        for (NodeProto node : graph.getNodeList()) {
            for (String output : node.getOutputList()) {
                if (!output.isEmpty() && !values.add(output)) {
                    throw new BadInputException(fileName, "value '" + output + "' of node '" + node.getName()
                            + "' is produced twice; an ONNX value has one producer");
                }
            }
            if (isConstantNode(node)) {
                String what = "the value of Constant node '" + node.getName() + "'";
                TensorProto value = constantValue(fileName, what, node);
                constants.put(node.getOutput(0), StoredTensor.check(fileName, what, value, directory));
            }
        }
        return constants;
    }

    private static boolean isConstantNode(NodeProto node) {
        return node.getOpType().equals("Constant") && Graph.isDefaultDomain(node);
    }

    private static TensorProto constantValue(String fileName, String what, NodeProto node) {
        if (node.getOutputCount() != 1 || node.getAttributeCount() != 1) {
            throw new BadInputException(fileName, "Constant node '" + node.getName() + "' has "
                    + node.getOutputCount() + " outputs and " + node.getAttributeCount()
                    + " attributes; expected one output and one attribute");
        }
        AttributeProto attribute = node.getAttribute(0);
        if (!attribute.getName().equals("value") || !attribute.hasT()) {
            throw new BadInputException(fileName, what + " is given as attribute '" + attribute.getName()
                    + "'; flowaudit reads Constant nodes whose 'value' is a tensor");
        }
        return attribute.getT();
    }

    /** The file as the user named it. */
    public String fileName() {
        return fileName;
    }

    /** The SHA-256 of the model file's bytes, in lowercase hex. */
    public String sha256() {
        return sha256;
    }

    /** The producer named in the file ("pytorch 1.13.0"), for reports. */
    public String producer() {
        return (model.getProducerName() + " " + model.getProducerVersion()).trim();
    }

    /** The default-domain opset the graph was written against (0 when it imports none). */
    public long opset() {
        return model.getOpsetImportList().stream()
                .filter(opset -> opset.getDomain().isEmpty() || opset.getDomain().equals("ai.onnx"))
                .mapToLong(opset -> opset.getVersion()).max().orElse(0);
    }

    /** Whether an initializer or Constant node has this name. */
    boolean hasConstant(String name) {
        return constants.containsKey(name);
    }

    /** A floating-point initializer or Constant as the exact doubles it stores. */
    Tensor floatTensor(String name) {
        StoredTensor stored = stored(name);
        double[] values = stored.floats();
        return Tensor.of(name, stored.type().floatType(), stored.shape(), values);
    }

    /**
     * An 8-bit quantized matrix dequantized as ONNX's DequantizeLinear does it per column (axis 1):
     * w[i][j] = (q[i][j] − zeroPoint[j]) · scale[j], the difference exact and the product rounded once to
     * float32; a scalar scale and zero point apply to every column. The result is the matrix a float path
     * multiplies by. A graph that multiplies with MatMulInteger instead also quantizes its activations at
     * run time, so its function differs from the float path's: this is the weights, not that function.
     *
     * @param quantized a rank-2 INT8 or UINT8 tensor [rows, columns]
     * @param scale     a FLOAT scalar or [columns], each positive and finite
     * @param zeroPoint a scalar or [columns] of the same type as {@code quantized}
     */
    Tensor dequantized(String quantized, String scale, String zeroPoint) {
        StoredTensor q = stored(quantized);
        StoredTensor z = stored(zeroPoint);
        StoredTensor s = stored(scale);
        int[] shape = q.shape();
        if (q.type() != ElementType.INT8 && q.type() != ElementType.UINT8 || shape.length != 2) {
            throw bad(q.what() + " is not a quantized matrix: expected a rank-2 INT8 or UINT8 tensor, found "
                    + ElementType.onnxName(q.stored().getDataType()) + " " + Arrays.toString(shape));
        }
        if (z.type() != q.type()) {
            throw bad(z.what() + " must have the quantized matrix's type " + q.type().onnxName());
        }
        if (s.type() != ElementType.FLOAT) {
            throw bad(s.what() + " must be a FLOAT scale");
        }
        int columns = shape[1];
        double[] scales = perColumn(s, s.floats(), columns);
        for (int column = 0; column < columns; column++) {
            // a zero scale turns the column into zeros, a NaN or infinite one into NaN: weights of no model
            if (!(scales[column] > 0) || Double.isInfinite(scales[column])) {
                throw bad(s.what() + " holds scale " + scales[column] + " for column " + column
                        + "; a quantization scale is positive and finite");
            }
        }
        long[] zeroPoints = z.integers();
        double[] zeros = perColumn(z, Arrays.stream(zeroPoints).asDoubleStream().toArray(), columns);
        long[] values = q.integers();
        double[] dequantized = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            int column = i % columns;
            // (q − z) has at most 9 bits and the scale 24, so the double product is exact: one rounding, as in float32.
            dequantized[i] = (float) ((values[i] - zeros[column]) * scales[column]);
        }
        return Tensor.of(quantized, DType.F32, shape, dequantized);
    }

    private double[] perColumn(StoredTensor tensor, double[] values, int columns) {
        int[] shape = tensor.shape();
        if (shape.length == 0 || shape.length == 1 && shape[0] == 1) {
            double[] repeated = new double[columns];
            Arrays.fill(repeated, values[0]);
            return repeated;
        }
        if (shape.length != 1 || shape[0] != columns) {
            throw bad(tensor.what() + " has shape " + Arrays.toString(shape) + "; expected a scalar or one value per"
                    + " column, [" + columns + "]");
        }
        return values;
    }

    /** An integer initializer or Constant's values, row-major. */
    long[] integers(String name) {
        return stored(name).integers();
    }

    /** The shape of an initializer or Constant. */
    int[] shape(String name) {
        return stored(name).shape();
    }

    StoredTensor stored(String name) {
        StoredTensor stored = constants.get(name);
        if (stored == null) {
            throw new BadInputException(fileName, "no initializer or Constant node named '" + name + "'");
        }
        return stored;
    }

    /** The graph, for recovering the architecture named (in messages) by {@code architecture}. */
    Graph graph(String architecture) {
        return new Graph(this, model.getGraph(), architecture);
    }

    BadInputException bad(String problem) {
        return new BadInputException(fileName, problem);
    }

    @Override
    public String toString() {
        return fileName + " (" + producer() + ", opset " + opset() + ", sha256 " + sha256 + ", "
                + constants.size() + " constants)";
    }
}
