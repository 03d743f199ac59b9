package io.flowaudit.weights;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes safetensors files as the reference implementation does: compact header JSON with
 * {@code "__metadata__"} first, padded with spaces to a multiple of 8 bytes so every tensor starts
 * aligned; tensors laid out back to back, wider dtypes first and then by name. Each tensor is stored in
 * its own {@link Tensor#dtype()}; a tensor's values are already rounded to it, so writing loses nothing.
 * The tests write their weights files with it (flowaudit itself only reads them).
 */
public final class SafetensorsWriter {

    private static final JsonFactory JSON = new JsonFactory();
    private static final int HEADER_ALIGNMENT = 8;
    private static final Comparator<Tensor> LAYOUT_ORDER =
            Comparator.comparing(Tensor::dtype).thenComparing(Tensor::name);

    private SafetensorsWriter() {
    }

    /** Writes {@link #toBytes} to the file, replacing it. */
    public static void write(Path file, Collection<Tensor> tensors, Map<String, String> metadata)
            throws IOException {
        Files.write(file, toBytes(tensors, metadata));
    }

    /**
     * The bytes of a safetensors file holding these tensors and metadata (metadata may be empty).
     *
     * @throws IllegalArgumentException if two tensors share a name, a tensor is named {@code "__metadata__"},
     *                                  or the file would be too large to read back
     */
    public static byte[] toBytes(Collection<Tensor> tensors, Map<String, String> metadata) {
        List<Tensor> ordered = new ArrayList<>(tensors);
        ordered.sort(LAYOUT_ORDER);
        Set<String> names = new HashSet<>();
        long dataLength = 0;
        for (Tensor tensor : ordered) {
            if (tensor.name().equals(SafetensorsFile.METADATA_KEY) || !names.add(tensor.name())) {
                throw new IllegalArgumentException("tensor name '" + tensor.name() + "' is reserved or repeated");
            }
            dataLength += (long) tensor.size() * tensor.dtype().byteSize();
        }
        byte[] header = header(ordered, metadata);
        long fileLength = SafetensorsFile.LENGTH_PREFIX_BYTES + header.length + dataLength;
        if (fileLength > SafetensorsFile.MAX_FILE_BYTES) {
            throw new IllegalArgumentException("the file would have " + fileLength + " bytes, more than "
                    + SafetensorsFile.MAX_FILE_BYTES);
        }

        byte[] file = new byte[(int) fileLength];
        putLittleEndian(file, 0, SafetensorsFile.LENGTH_PREFIX_BYTES, header.length);
        System.arraycopy(header, 0, file, SafetensorsFile.LENGTH_PREFIX_BYTES, header.length);
        int position = SafetensorsFile.LENGTH_PREFIX_BYTES + header.length;
        for (Tensor tensor : ordered) {
            DType type = tensor.dtype();
            for (double value : tensor.values()) {
                putLittleEndian(file, position, type.byteSize(), type.encode(value));
                position += type.byteSize();
            }
        }
        return file;
    }

    private static byte[] header(List<Tensor> ordered, Map<String, String> metadata) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            if (!metadata.isEmpty()) {
                json.writeObjectFieldStart(SafetensorsFile.METADATA_KEY);
                for (Map.Entry<String, String> entry : new TreeMap<>(metadata).entrySet()) {
                    json.writeStringField(entry.getKey(), entry.getValue());
                }
                json.writeEndObject();
            }
            long offset = 0;
            for (Tensor tensor : ordered) {
                json.writeObjectFieldStart(tensor.name());
                json.writeStringField("dtype", tensor.dtype().name());
                json.writeArrayFieldStart("shape");
                for (int extent : tensor.shape()) {
                    json.writeNumber(extent);
                }
                json.writeEndArray();
                json.writeArrayFieldStart("data_offsets");
                json.writeNumber(offset);
                offset += (long) tensor.size() * tensor.dtype().byteSize();
                json.writeNumber(offset);
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory cannot fail", e);
        }
        while (out.size() % HEADER_ALIGNMENT != 0) {
            out.write(' ');
        }
        return out.toByteArray();
    }

    private static void putLittleEndian(byte[] target, int offset, int length, long value) {
        for (int i = 0; i < length; i++) {
            target[offset + i] = (byte) (value >>> (Byte.SIZE * i));
        }
    }
}
