package io.flowaudit.weights.onnx;

import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import io.flowaudit.input.BadInputException;
import io.flowaudit.input.InputPaths;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntToLongFunction;

/**
 * One tensor of a model (an initializer or a Constant node's value) whose layout has been checked against
 * the bytes that hold it, before any of them is decoded: its dims against the element limit, and the
 * stored length — raw bytes, typed values, or a range of an external file inside the model's directory —
 * against what the dims need. Decoding then reads only within what was checked.
 */
final class StoredTensor {

    /** External-data keys ONNX defines; {@code checksum} is accepted but not verified. */
    private static final List<String> EXTERNAL_KEYS = List.of("location", "offset", "length", "checksum");

    private final String fileName;
    private final String what;
    private final TensorProto proto;
    /** null for a type flowaudit does not decode */
    private final ElementType type;
    private final int[] shape;
    private final int count;
    /** null unless the data lives in an external file */
    private final Path externalFile;
    private final long externalOffset;

    private StoredTensor(String fileName, String what, TensorProto proto, ElementType type, int[] shape, int count,
                         Path externalFile, long externalOffset) {
        this.fileName = fileName;
        this.what = what;
        this.proto = proto;
        this.type = type;
        this.shape = shape;
        this.count = count;
        this.externalFile = externalFile;
        this.externalOffset = externalOffset;
    }

    /**
     * Checks one tensor's layout.
     *
     * @param what      the tensor as messages name it ("initializer 'w'", "the value of Constant node 'c'")
     * @param directory the model file's directory (a real path), or null when the model was not read from a
     *                  file, in which case external data is refused
     */
    static StoredTensor check(String fileName, String what, TensorProto proto, Path directory) {
        Checker checker = new Checker(fileName, what, proto);
        return checker.check(directory);
    }

    String what() {
        return what;
    }

    int[] shape() {
        return shape.clone();
    }

    ElementType type() {
        return type;
    }

    TensorProto stored() {
        return proto;
    }

    /** The exact values of a floating tensor, row-major. */
    double[] floats() {
        requireType(true, "floating-point");
        double[] values = new double[count];
        if (type == ElementType.FLOAT && (proto.hasRawData() || externalFile != null)) {
            // The bulk of a checkpoint, read through a float view of its bytes without the per-element accessor's
            // call per value: decoding is the larger half of loading a model.
            ByteBuffer bytes = storedBytes();
            FloatBuffer floats = bytes.asFloatBuffer();
            for (int i = 0; i < count; i++) {
                float single = floats.get(i);
                values[i] = single == single ? single : type.floatType().decode(type.rawAt(bytes, i));
            }
            return values;
        }
        IntToLongFunction bits = elements();
        for (int i = 0; i < count; i++) {
            long stored = bits.applyAsLong(i);
            // float32, the common case, widened by the JVM (exact) except NaNs, whose payload widening may change
            float single = Float.intBitsToFloat((int) stored);
            values[i] = type == ElementType.FLOAT && single == single ? single : type.floatType().decode(stored);
        }
        return values;
    }

    /** The values of an integer tensor, row-major. */
    long[] integers() {
        requireType(false, "integer");
        IntToLongFunction stored = elements();
        long[] values = new long[count];
        for (int i = 0; i < count; i++) {
            values[i] = stored.applyAsLong(i);
        }
        return values;
    }

    /** Element i as stored: an integer's value or a float's bits, from raw, external or typed storage. */
    private IntToLongFunction elements() {
        if (proto.hasRawData() || externalFile != null) {
            ByteBuffer bytes = storedBytes();
            return i -> type.rawAt(bytes, i);
        }
        // Every typed value was range-checked when the model was read.
        return i -> type.typedAt(proto, i).orElseThrow();
    }

    private void requireType(boolean floating, String kind) {
        if (type == null || type.isFloating() != floating) {
            throw bad(what + " has element type " + ElementType.onnxName(proto.getDataType()) + ", expected a "
                    + kind + " tensor");
        }
    }

    private ByteBuffer storedBytes() {
        if (externalFile == null) {
            // slice(): index 0 is the tensor's first byte even when the bytes are a view into the whole file
            return proto.getRawData().asReadOnlyByteBuffer().slice().order(ByteOrder.LITTLE_ENDIAN);
        }
        // The file was checked to be long enough when the model was read; it may have shrunk since.
        ByteBuffer bytes = ByteBuffer.allocate(count * type.byteSize()).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel channel = FileChannel.open(externalFile, StandardOpenOption.READ)) {
            while (bytes.hasRemaining()) {
                if (channel.read(bytes, externalOffset + bytes.position()) < 0) {
                    throw bad(what + ": external file '" + externalFile.getFileName() + "' ended after "
                            + (externalOffset + bytes.position()) + " bytes while being read (file truncated?)");
                }
            }
        } catch (IOException e) {
            throw bad(what + ": cannot read external file '" + externalFile.getFileName() + "': " + e.getMessage());
        }
        return bytes.flip();
    }

    private BadInputException bad(String problem) {
        return new BadInputException(fileName, problem);
    }

    /** The checks of one tensor, in the order that lets each message be specific. */
    private record Checker(String fileName, String what, TensorProto proto) {

        StoredTensor check(Path directory) {
            if (proto.hasSegment()) {
                throw bad(what + " is split into segments, which flowaudit does not read");
            }
            long[] dims = proto.getDimsList().stream().mapToLong(Long::longValue).toArray();
            long count = elementCount(dims);
            int[] shape = Arrays.stream(dims).mapToInt(extent -> (int) extent).toArray();
            ElementType type = ElementType.of(proto.getDataType()).orElse(null);
            if (type == null) {
                // Not decoded, so its storage is not checked either: asking for it is the error.
                return new StoredTensor(fileName, what, proto, null, shape, (int) count, null, 0);
            }
            long needed = count * type.byteSize();
            boolean external = proto.getDataLocation() == TensorProto.DataLocation.EXTERNAL;
            int typed = type.typedCount(proto) + type.foreignTypedCount(proto);
            if (external && (proto.hasRawData() || typed > 0)) {
                throw bad(what + " is marked as external data but also holds data in the model file");
            }
            if (!external && proto.getExternalDataCount() > 0) {
                throw bad(what + " has external_data entries but its data_location is not EXTERNAL");
            }
            if (proto.hasRawData() && typed > 0) {
                throw bad(what + " holds both raw_data and typed data; a tensor has one or the other");
            }
            String layout = "dims " + Arrays.toString(dims) + " of " + type.onnxName() + " need ";
            if (external) {
                ExternalRange range = externalRange(directory, needed);
                return new StoredTensor(fileName, what, proto, type, shape, (int) count, range.file(), range.offset());
            }
            if (proto.hasRawData()) {
                if (proto.getRawData().size() != needed) {
                    throw bad(what + ": " + layout + needed + " bytes but raw_data has " + proto.getRawData().size()
                            + " (dims that lie, or data cut short?)");
                }
            } else {
                if (type.foreignTypedCount(proto) > 0) {
                    throw bad(what + " of type " + type.onnxName() + " holds values in a typed field of another type");
                }
                if (type.typedCount(proto) != count) {
                    throw bad(what + ": " + layout + count + " values but the tensor holds " + type.typedCount(proto)
                            + " (dims that lie, or data cut short?)");
                }
                for (int i = 0; i < count; i++) {
                    if (type.typedAt(proto, i).isEmpty()) {
                        throw bad(what + ": value " + i + " (" + proto.getInt32Data(i) + ") is outside " + type.onnxName()
                                + "'s range [" + type.minimumTyped() + ", " + type.maximumTyped() + "]");
                    }
                }
            }
            return new StoredTensor(fileName, what, proto, type, shape, (int) count, null, 0);
        }

        private long elementCount(long[] dims) {
            long count = 1;
            for (long extent : dims) {
                if (extent < 0) {
                    throw bad(what + " has a negative extent in dims " + Arrays.toString(dims));
                }
                if (extent > Integer.MAX_VALUE) {
                    // Even an empty tensor ([huge, 0]) cannot have such a shape as a Java array.
                    throw bad(what + ": extent " + extent + " in dims " + Arrays.toString(dims) + " exceeds "
                            + Integer.MAX_VALUE);
                }
                // Past the limit the count only grows (or hits a 0), so stop before it can overflow.
                count = Math.min(count * Math.min(extent, OnnxModel.MAX_TENSOR_ELEMENTS + 1),
                        OnnxModel.MAX_TENSOR_ELEMENTS + 1);
            }
            if (count > OnnxModel.MAX_TENSOR_ELEMENTS) {
                throw bad(what + ": dims " + Arrays.toString(dims) + " hold more than the limit of "
                        + OnnxModel.MAX_TENSOR_ELEMENTS + " elements per tensor");
            }
            return count;
        }

        private record ExternalRange(Path file, long offset) {
        }

        /** Where an external tensor's bytes are, checked to lie inside the model's directory and its file. */
        private ExternalRange externalRange(Path directory, long needed) {
            Map<String, String> entries = new HashMap<>();
            for (StringStringEntryProto entry : proto.getExternalDataList()) {
                if (!EXTERNAL_KEYS.contains(entry.getKey())) {
                    throw bad(what + " has an unknown external_data key '" + entry.getKey() + "'; expected "
                            + String.join(", ", EXTERNAL_KEYS));
                }
                if (entries.put(entry.getKey(), entry.getValue()) != null) {
                    throw bad(what + " gives external_data key '" + entry.getKey() + "' twice");
                }
            }
            String location = entries.get("location");
            if (location == null || location.isEmpty()) {
                throw bad(what + " is external data without a 'location'");
            }
            if (directory == null) {
                throw bad(what + " is stored in external file '" + location + "', but the model was not read from"
                        + " a file whose directory could hold it");
            }
            long offset = nonNegative(entries.getOrDefault("offset", "0"), "offset");
            String length = entries.get("length");
            if (length != null && nonNegative(length, "length") != needed) {
                throw bad(what + ": dims " + proto.getDimsList() + " need " + needed + " bytes but external_data"
                        + " 'length' says " + length);
            }
            Path file = confined(directory, location);
            long size;
            try {
                size = Files.size(file);
            } catch (IOException e) {
                throw bad(what + ": cannot read external file '" + location + "': " + e.getMessage());
            }
            if (offset > size || needed > size - offset) {
                throw bad(what + " needs " + needed + " bytes at offset " + offset + " of external file '" + location
                        + "', which has " + size + " bytes (file truncated?)");
            }
            return new ExternalRange(file, offset);
        }

        private long nonNegative(String text, String key) {
            try {
                long value = Long.parseLong(text);
                if (value >= 0) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw bad(what + ": external_data '" + key + "' is \"" + text + "\", expected a non-negative integer");
        }

        /** The external file, which must resolve (links followed) to a regular file inside the directory. */
        private Path confined(Path directory, String location) {
            Path relative;
            try {
                relative = Path.of(location);
            } catch (InvalidPathException e) {
                throw bad(what + ": external file " + InputPaths.whyNotAPath(location));
            }
            String escapes = what + ": external file '" + location + "' lies outside the model's directory";
            Path resolved = directory.resolve(relative).normalize();
            if (relative.isAbsolute() || !resolved.startsWith(directory)) {
                throw bad(escapes);
            }
            if (!Files.exists(resolved)) {
                throw bad(what + ": external file '" + location + "' does not exist");
            }
            Path real;
            try {
                real = resolved.toRealPath();
            } catch (IOException e) {
                throw bad(what + ": cannot resolve external file '" + location + "': " + e.getMessage());
            }
            if (!real.startsWith(directory)) {
                throw bad(escapes + " (through a symbolic link)");
            }
            if (!Files.isRegularFile(real)) {
                throw bad(what + ": external file '" + location + "' is not a regular file");
            }
            return real;
        }

        private BadInputException bad(String problem) {
            return new BadInputException(fileName, problem);
        }
    }
}
