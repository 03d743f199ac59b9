package io.flowaudit.weights.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import com.google.protobuf.ByteString;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.function.UnaryOperator;

/** Small ONNX files for tests, built with ONNX's generated message classes. */
final class OnnxTestFiles {

    static final long IR_VERSION = 8;
    static final long OPSET = 14;

    private OnnxTestFiles() {
    }

    static ModelProto model(GraphProto graph) {
        return ModelProto.newBuilder().setIrVersion(IR_VERSION).setProducerName("flowaudit-test")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(OPSET)).setGraph(graph).build();
    }

    /** A model whose graph holds only these initializers. */
    static ModelProto initializers(TensorProto... tensors) {
        return model(GraphProto.newBuilder().setName("tensors").addAllInitializer(Arrays.asList(tensors)).build());
    }

    static TensorProto.Builder tensor(String name, DataType type, long... dims) {
        TensorProto.Builder tensor = TensorProto.newBuilder().setName(name).setDataType(type.getNumber());
        Arrays.stream(dims).forEach(tensor::addDims);
        return tensor;
    }

    /** float32 values as little-endian raw_data. */
    static TensorProto rawFloats(String name, long[] dims, float... values) {
        return tensor(name, DataType.FLOAT, dims).setRawData(ByteString.copyFrom(littleEndianFloats(values))).build();
    }

    static byte[] littleEndianFloats(float... values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : values) {
            bytes.putFloat(value);
        }
        return bytes.array();
    }

    static TensorProto typedFloats(String name, long[] dims, float... values) {
        TensorProto.Builder tensor = tensor(name, DataType.FLOAT, dims);
        for (float value : values) {
            tensor.addFloatData(value);
        }
        return tensor.build();
    }

    static TensorProto int64s(String name, long[] dims, long... values) {
        TensorProto.Builder tensor = tensor(name, DataType.INT64, dims);
        Arrays.stream(values).forEach(tensor::addInt64Data);
        return tensor.build();
    }

    static TensorProto externalFloats(String name, long[] dims, String location, long offset, long length) {
        return tensor(name, DataType.FLOAT, dims).setDataLocation(TensorProto.DataLocation.EXTERNAL)
                .addExternalData(entry("location", location))
                .addExternalData(entry("offset", Long.toString(offset)))
                .addExternalData(entry("length", Long.toString(length))).build();
    }

    static StringStringEntryProto entry(String key, String value) {
        return StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
    }

    static AttributeProto ints(String name, long... values) {
        AttributeProto.Builder attribute = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        Arrays.stream(values).forEach(attribute::addInts);
        return attribute.build();
    }

    static AttributeProto integer(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    static AttributeProto tensorAttribute(String name, TensorProto value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.TENSOR).setT(value).build();
    }

    /** The model with the node of this name replaced by {@code edit} of it. */
    static ModelProto editNode(ModelProto model, String nodeName, UnaryOperator<NodeProto.Builder> edit) {
        GraphProto.Builder graph = model.getGraph().toBuilder();
        for (int i = 0; i < graph.getNodeCount(); i++) {
            if (graph.getNode(i).getName().equals(nodeName)) {
                graph.setNode(i, edit.apply(graph.getNode(i).toBuilder()));
                return model.toBuilder().setGraph(graph).build();
            }
        }
        throw new IllegalArgumentException("no node " + nodeName);
    }

    /** The model with the Constant node of this name holding the float32 number {@code value}. */
    static ModelProto editConstant(ModelProto model, String nodeName, float value) {
        return editNode(model, nodeName, node -> node.setAttribute(0,
                tensorAttribute("value", rawFloats("", new long[0], value))));
    }
}
