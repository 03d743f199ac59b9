package io.flowaudit.weights;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.flowaudit.input.BadInputException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A safetensors file, read whole and checked before any tensor byte is touched: 8 bytes of little-endian
 * header length N, N bytes of UTF-8 JSON (tensor name to {@code {"dtype", "shape", "data_offsets"}},
 * plus an optional {@code "__metadata__"} of strings), then the data section the offsets point into.
 *
 * <p>Everything the reference implementation rejects is rejected here too, each with a
 * {@link BadInputException} that says what was expected: a header over {@value #MAX_HEADER_BYTES}
 * bytes, duplicate keys, unknown dtypes, sizes that disagree with the shape, and tensors that overlap,
 * leave gaps or leave trailing bytes (writers pack tensors back to back). Unlike the reference, unknown
 * fields in a tensor entry are rejected rather than ignored.
 *
 * <p>Tensors of a dtype flowaudit does not decode (integers, booleans, 8-bit and smaller floats) are
 * checked like the others and then skipped: the file reads, and only asking for such a tensor fails.
 */
public final class SafetensorsFile {

    /** The reference implementation's limit; a larger length means the file is not safetensors. */
    public static final int MAX_HEADER_BYTES = 100_000_000;
    /** Whole files are read into one array, and Java arrays stop a little short of 2^31 bytes. */
    static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 8;
    /**
     * Elements decoded in all, 1 GiB as doubles (ONNX's per-tensor limit, {@code OnnxModel.MAX_TENSOR_ELEMENTS}):
     * every tensor of a decoded dtype becomes a double, four times an F16 tensor's bytes, so without this a 1.6 GB
     * file of F16 (sparse on disk: a few kilobytes) ran the JVM out of heap with a stack trace.
     */
    public static final long MAX_DECODED_ELEMENTS = 1L << 27;
    static final int LENGTH_PREFIX_BYTES = 8;
    static final String METADATA_KEY = "__metadata__";

    private static final List<String> ENTRY_FIELDS = List.of("dtype", "shape", "data_offsets");
    private static final int NAMES_LISTED = 20;
    private static final int JSON_SHOWN_CHARS = 60;

    /** Bits per element of the dtypes laid out and checked but not decoded, as the reference defines them. */
    private static final Map<String, Integer> UNDECODED_DTYPE_BITS = Map.ofEntries(
            Map.entry("BOOL", 8), Map.entry("U8", 8), Map.entry("I8", 8),
            Map.entry("F8_E5M2", 8), Map.entry("F8_E4M3", 8), Map.entry("F8_E8M0", 8),
            Map.entry("F8_E4M3FNUZ", 8), Map.entry("F8_E5M2FNUZ", 8),
            Map.entry("I16", 16), Map.entry("U16", 16), Map.entry("I32", 32), Map.entry("U32", 32),
            Map.entry("I64", 64), Map.entry("U64", 64), Map.entry("C64", 64),
            Map.entry("F4", 4), Map.entry("F6_E2M3", 6), Map.entry("F6_E3M2", 6));

    private static final ObjectMapper HEADER_JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final String fileName;
    private final String sha256;
    private final Map<String, Tensor> tensors;
    private final Map<String, String> undecodedDtypes;
    private final Map<String, String> metadata;

    private SafetensorsFile(String fileName, String sha256, Map<String, Tensor> tensors,
                            Map<String, String> undecodedDtypes, Map<String, String> metadata) {
        this.fileName = fileName;
        this.sha256 = sha256;
        this.tensors = Collections.unmodifiableMap(tensors);
        this.undecodedDtypes = Collections.unmodifiableMap(undecodedDtypes);
        this.metadata = Collections.unmodifiableMap(metadata);
    }

    /**
     * Reads and checks a whole file.
     *
     * @throws BadInputException if the file is not a well-formed safetensors file
     * @throws IOException       if it cannot be read at all
     */
    public static SafetensorsFile read(Path file) throws IOException {
        String fileName = file.toString();
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new BadInputException(fileName, "the file has " + size + " bytes; flowaudit reads safetensors"
                    + " files of at most " + MAX_FILE_BYTES + " bytes");
        }
        return parse(fileName, Files.readAllBytes(file));
    }

    /**
     * Checks and decodes the bytes of a file.
     *
     * @param fileName the file as the user named it, for messages
     * @throws BadInputException if the bytes are not a well-formed safetensors file
     */
    public static SafetensorsFile parse(String fileName, byte[] contents) {
        return new Parser(fileName, contents).parse();
    }

    /** The file as the user named it. */
    public String fileName() {
        return fileName;
    }

    /** The SHA-256 of the bytes read, in lowercase hex: of what was decoded, not of the file as it may be later. */
    public String sha256() {
        return sha256;
    }

    /** The tensors of the dtypes in {@link DType}, by name. */
    public Map<String, Tensor> tensors() {
        return tensors;
    }

    /** The names of all tensors in the file, including those of dtypes flowaudit does not decode. */
    public SortedSet<String> names() {
        SortedSet<String> names = new TreeSet<>(tensors.keySet());
        names.addAll(undecodedDtypes.keySet());
        return Collections.unmodifiableSortedSet(names);
    }

    /** The {@code "__metadata__"} strings, by key; empty when the header has none. */
    Map<String, String> metadata() {
        return metadata;
    }

    /** The named tensor, of any shape. */
    public Tensor tensor(String name) {
        return find(name, EnumSet.allOf(DType.class));
    }

    /** The named tensor, which must have exactly this shape (none for a scalar). */
    public Tensor require(String name, int... expectedShape) {
        return require(name, EnumSet.allOf(DType.class), expectedShape);
    }

    /** The named tensor, which must be of one of the allowed types and have exactly this shape. */
    public Tensor require(String name, Set<DType> allowedTypes, int... expectedShape) {
        if (allowedTypes.isEmpty()) {
            throw new IllegalArgumentException("no allowed types for tensor '" + name + "'");
        }
        Tensor tensor = find(name, allowedTypes);
        int[] shape = tensor.shape();
        if (!Arrays.equals(shape, expectedShape)) {
            throw bad("tensor '" + name + "' has shape " + Arrays.toString(shape) + ", expected "
                    + Arrays.toString(expectedShape));
        }
        return tensor;
    }

    private Tensor find(String name, Set<DType> allowedTypes) {
        Tensor tensor = tensors.get(name);
        if (tensor == null) {
            String undecoded = undecodedDtypes.get(name);
            throw bad(undecoded != null
                    ? "tensor '" + name + "' has dtype " + undecoded + ", which flowaudit does not read; it reads "
                            + alternatives(EnumSet.allOf(DType.class), "and")
                    : "no tensor '" + name + "'; " + describeNames());
        }
        if (!allowedTypes.contains(tensor.dtype())) {
            throw bad("tensor '" + name + "' has dtype " + tensor.dtype() + ", expected "
                    + alternatives(allowedTypes, "or"));
        }
        return tensor;
    }

    private String describeNames() {
        SortedSet<String> names = names();
        if (names.isEmpty()) {
            return "the file has no tensors";
        }
        String listed = names.stream().limit(NAMES_LISTED).collect(Collectors.joining(", "));
        return names.size() <= NAMES_LISTED
                ? "the file has: " + listed
                : "the file has " + names.size() + " tensors: " + listed + " and " + (names.size() - NAMES_LISTED)
                        + " more";
    }

    private static String alternatives(Set<DType> types, String conjunction) {
        List<String> names = types.stream().map(DType::name).collect(Collectors.toList());
        return names.size() == 1
                ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " " + conjunction + " "
                        + names.get(names.size() - 1);
    }

    private BadInputException bad(String problem) {
        return new BadInputException(fileName, problem);
    }

    /** One tensor's header entry, already checked on its own and against the data section's length. */
    private record Entry(String name, String dtype, long[] shape, long begin, long end) {

        String bytes() {
            return "bytes [" + begin + ", " + end + ")";
        }
    }

    /** One pass over one file's bytes; every check happens before the data section is read. */
    private static final class Parser {

        private final String fileName;
        private final byte[] contents;

        Parser(String fileName, byte[] contents) {
            this.fileName = fileName;
            this.contents = contents;
        }

        SafetensorsFile parse() {
            if (contents.length < LENGTH_PREFIX_BYTES) {
                throw bad("the file has " + contents.length + " bytes, too few for the 8-byte header length"
                        + " a safetensors file starts with");
            }
            long headerLength = littleEndian(0, LENGTH_PREFIX_BYTES);
            int afterPrefix = contents.length - LENGTH_PREFIX_BYTES;
            if (Long.compareUnsigned(headerLength, MAX_HEADER_BYTES) > 0) {
                throw bad("header length " + Long.toUnsignedString(headerLength) + " exceeds the limit of "
                        + MAX_HEADER_BYTES + " bytes (not a safetensors file?)");
            }
            if (headerLength > afterPrefix) {
                throw bad("header length " + headerLength + " runs past the end of the file, which has "
                        + afterPrefix + " bytes after the 8-byte length (file truncated?)");
            }
            int dataStart = LENGTH_PREFIX_BYTES + (int) headerLength;
            JsonNode header = parseJson(decodeUtf8((int) headerLength));
            if (!header.isObject()) {
                throw bad("the header is " + show(header) + "; expected a JSON object mapping tensor names to"
                        + " {\"dtype\", \"shape\", \"data_offsets\"}");
            }

            Map<String, String> metadata = new TreeMap<>();
            List<Entry> entries = new ArrayList<>();
            for (Map.Entry<String, JsonNode> field : header.properties()) {
                if (field.getKey().equals(METADATA_KEY)) {
                    readMetadata(field.getValue(), metadata);
                } else {
                    entries.add(readEntry(field.getKey(), field.getValue(), contents.length - dataStart));
                }
            }
            checkPacked(entries, contents.length - dataStart);
            checkDecodedSize(entries);

            Map<String, Tensor> tensors = new TreeMap<>();
            Map<String, String> undecodedDtypes = new TreeMap<>();
            for (Entry entry : entries) {
                DType.named(entry.dtype()).ifPresentOrElse(
                        type -> tensors.put(entry.name(), decode(entry, type, dataStart)),
                        () -> undecodedDtypes.put(entry.name(), entry.dtype()));
            }
            return new SafetensorsFile(fileName, Sha256.hex(contents), tensors, undecodedDtypes, metadata);
        }

        private String decodeUtf8(int headerLength) {
            CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            ByteBuffer in = ByteBuffer.wrap(contents, LENGTH_PREFIX_BYTES, headerLength);
            // UTF-8 never decodes to more chars than it has bytes.
            CharBuffer out = CharBuffer.allocate(headerLength);
            CoderResult result = utf8.decode(in, out, true);
            if (result.isError()) {
                throw bad("the header is not valid UTF-8: malformed byte sequence at file offset " + in.position());
            }
            utf8.flush(out);
            return out.flip().toString();
        }

        private JsonNode parseJson(String headerText) {
            try {
                return HEADER_JSON.readTree(headerText);
            } catch (JsonProcessingException e) {
                JsonLocation at = e.getLocation();
                String where = at == null ? "" : " at header line " + at.getLineNr() + ", column " + at.getColumnNr();
                String problem = String.valueOf(e.getOriginalMessage()).replaceAll("\\s*\\R\\s*", " ");
                throw bad("the header is not valid JSON" + where + ": " + problem);
            }
        }

        private void readMetadata(JsonNode node, Map<String, String> metadata) {
            if (!node.isObject()) {
                throw bad("\"" + METADATA_KEY + "\" is " + show(node) + "; expected an object of strings");
            }
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (!field.getValue().isTextual()) {
                    throw bad("\"" + METADATA_KEY + "\" must map keys to strings, but '" + field.getKey()
                            + "' maps to " + show(field.getValue()));
                }
                metadata.put(field.getKey(), field.getValue().textValue());
            }
        }

        private Entry readEntry(String name, JsonNode node, int dataLength) {
            String tensor = "tensor '" + name + "'";
            if (!node.isObject()) {
                throw bad(tensor + " is described by " + show(node) + "; expected an object with \"dtype\","
                        + " \"shape\" and \"data_offsets\"");
            }
            for (Iterator<String> fields = node.fieldNames(); fields.hasNext(); ) {
                String field = fields.next();
                if (!ENTRY_FIELDS.contains(field)) {
                    throw bad(tensor + " has an unexpected field \"" + field + "\"; expected only \"dtype\","
                            + " \"shape\" and \"data_offsets\"");
                }
            }
            JsonNode dtypeNode = field(tensor, node, "dtype");
            if (!dtypeNode.isTextual()) {
                throw bad(tensor + ": \"dtype\" must be a string such as \"F32\", found " + show(dtypeNode));
            }
            String dtype = dtypeNode.textValue();
            int elementBits = elementBits(tensor, dtype);
            long[] shape = nonNegativeIntegers(field(tensor, node, "shape"), -1,
                    tensor + ": \"shape\" must be an array of non-negative integers");
            long[] offsets = nonNegativeIntegers(field(tensor, node, "data_offsets"), 2,
                    tensor + ": \"data_offsets\" must be [begin, end], two non-negative integers");
            long begin = offsets[0];
            long end = offsets[1];
            String shapeText = Arrays.toString(shape);
            long bits = elementBits;
            for (long extent : shape) {
                try {
                    bits = Math.multiplyExact(bits, extent);
                } catch (ArithmeticException e) {
                    throw bad(tensor + ": shape " + shapeText + " of " + dtype
                            + " has more bits than a 64-bit count holds");
                }
            }
            if (bits % Byte.SIZE != 0) {
                throw bad(tensor + ": shape " + shapeText + " of " + dtype + " fills " + bits
                        + " bits, not a whole number of bytes");
            }
            if (begin > end) {
                throw bad(tensor + ": data_offsets [" + begin + ", " + end + "] end before they begin");
            }
            Entry entry = new Entry(name, dtype, shape, begin, end);
            if (end > dataLength) {
                throw bad(tensor + " claims " + entry.bytes() + " but the data section has " + dataLength
                        + " bytes (file truncated?)");
            }
            if (end - begin != bits / Byte.SIZE) {
                throw bad(tensor + ": shape " + shapeText + " of " + dtype + " needs " + bits / Byte.SIZE
                        + " bytes but data_offsets [" + begin + ", " + end + "] span " + (end - begin));
            }
            return entry;
        }

        private JsonNode field(String tensor, JsonNode entry, String field) {
            JsonNode value = entry.get(field);
            if (value == null) {
                throw bad(tensor + " has no \"" + field + "\"");
            }
            return value;
        }

        private int elementBits(String tensor, String dtype) {
            Integer undecodedBits = UNDECODED_DTYPE_BITS.get(dtype);
            if (undecodedBits != null) {
                return undecodedBits;
            }
            return DType.named(dtype).map(type -> type.byteSize() * Byte.SIZE).orElseThrow(() -> {
                SortedSet<String> known = new TreeSet<>(UNDECODED_DTYPE_BITS.keySet());
                Arrays.stream(DType.values()).forEach(type -> known.add(type.name()));
                return bad(tensor + " has unknown dtype \"" + dtype + "\"; safetensors dtypes are "
                        + String.join(", ", known));
            });
        }

        /** An array of non-negative longs, of the given length unless that is -1. */
        private long[] nonNegativeIntegers(JsonNode node, int requiredLength, String expectation) {
            boolean valid = node.isArray() && (requiredLength < 0 || node.size() == requiredLength);
            for (int i = 0; valid && i < node.size(); i++) {
                JsonNode item = node.get(i);
                valid = item.isIntegralNumber() && item.canConvertToLong() && item.longValue() >= 0;
            }
            if (!valid) {
                throw bad(expectation + ", found " + show(node));
            }
            long[] values = new long[node.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = node.get(i).longValue();
            }
            return values;
        }

        /** Tensors must tile the data section exactly: no overlap, no gap, nothing after the last one. */
        private void checkPacked(List<Entry> entries, int dataLength) {
            List<Entry> byOffset = new ArrayList<>(entries);
            byOffset.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
            Entry previous = null;
            long next = 0;
            for (Entry entry : byOffset) {
                if (entry.begin() < next) {
                    throw bad("tensors '" + previous.name() + "' (" + previous.bytes() + ") and '" + entry.name()
                            + "' (" + entry.bytes() + ") overlap");
                }
                if (entry.begin() > next) {
                    throw bad("bytes [" + next + ", " + entry.begin() + ") of the data section belong to no tensor;"
                            + " safetensors packs tensors without gaps");
                }
                previous = entry;
                next = entry.end();
            }
            if (next != dataLength) {
                throw bad("the data section has " + dataLength + " bytes but its tensors end at byte " + next
                        + "; safetensors files have no trailing bytes");
            }
        }

        /** Refuses, before any allocation, tensors that would decode to more than {@link #MAX_DECODED_ELEMENTS}. */
        private void checkDecodedSize(List<Entry> entries) {
            long elements = 0;
            for (Entry entry : entries) {
                // the entries tile the data section (checkPacked), so the sum is at most its length
                elements += DType.named(entry.dtype()).map(type -> (entry.end() - entry.begin()) / type.byteSize())
                        .orElse(0L);
            }
            if (elements > MAX_DECODED_ELEMENTS) {
                throw bad("its " + alternatives(EnumSet.allOf(DType.class), "and") + " tensors hold " + elements
                        + " elements in all; flowaudit decodes at most " + MAX_DECODED_ELEMENTS + " (1 GiB as doubles):"
                        + " a file of a few layers' weights, not a whole large model");
            }
        }

        private Tensor decode(Entry entry, DType type, int dataStart) {
            int[] shape = new int[entry.shape().length];
            for (int axis = 0; axis < shape.length; axis++) {
                // Only a tensor with no elements can get here with an extent this large.
                if (entry.shape()[axis] > Integer.MAX_VALUE) {
                    throw bad("tensor '" + entry.name() + "': extent " + entry.shape()[axis] + " in shape "
                            + Arrays.toString(entry.shape()) + " exceeds " + Integer.MAX_VALUE);
                }
                shape[axis] = (int) entry.shape()[axis];
            }
            double[] values = new double[(int) ((entry.end() - entry.begin()) / type.byteSize())];
            int position = dataStart + (int) entry.begin();
            for (int i = 0; i < values.length; i++, position += type.byteSize()) {
                values[i] = type.decode(littleEndian(position, type.byteSize()));
            }
            return new Tensor(entry.name(), type, shape, values);
        }

        private long littleEndian(int offset, int length) {
            long value = 0;
            for (int i = length - 1; i >= 0; i--) {
                value = value << Byte.SIZE | (contents[offset + i] & 0xFF);
            }
            return value;
        }

        private BadInputException bad(String problem) {
            return new BadInputException(fileName, problem);
        }

        /** A JSON value as it would appear in the header, shortened to keep messages on one line. */
        private static String show(JsonNode node) {
            if (node.isMissingNode()) {
                return "empty";
            }
            String text = node.toString();
            return text.length() <= JSON_SHOWN_CHARS ? text : text.substring(0, JSON_SHOWN_CHARS) + "...";
        }
    }
}
