package io.flowaudit.weights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Hand-built safetensors bytes, for files no writer would produce. */
final class RawSafetensors {

    private RawSafetensors() {
    }

    /** A length prefix that declares {@code declaredHeaderLength}, followed by {@code rest} as it is. */
    static byte[] withDeclaredLength(long declaredHeaderLength, byte[] rest) {
        return ByteBuffer.allocate(8 + rest.length).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(declaredHeaderLength).put(rest).array();
    }

    /** The header text exactly as given (no padding), then {@code dataBytes} bytes counting 1, 2, 3, ... */
    static byte[] file(String header, int dataBytes) {
        return file(header.getBytes(StandardCharsets.UTF_8), dataBytes);
    }

    static byte[] file(byte[] header, int dataBytes) {
        byte[] rest = new byte[header.length + dataBytes];
        System.arraycopy(header, 0, rest, 0, header.length);
        for (int i = 0; i < dataBytes; i++) {
            rest[header.length + i] = (byte) (i + 1);
        }
        return withDeclaredLength(header.length, rest);
    }
}
