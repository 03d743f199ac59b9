package io.flowaudit.input;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads text input files from others within bounds: only regular files (a FIFO would block, a device
 * such as /dev/zero never ends), at most a given size, strictly UTF-8, with the line and column of the
 * first byte that is not.
 */
public final class InputFiles {

    private InputFiles() {
    }

    public static String readUtf8(Path file, int maxBytes) {
        String displayName = file.toString();
        if (!Files.exists(file)) {
            throw new BadInputException(displayName, Files.isSymbolicLink(file)
                    ? "a symbolic link to no file (its target is missing, or the links form a loop)" : "file not found");
        }
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(displayName, "not a regular file (a directory, device or pipe)");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(maxBytes + 1);
        } catch (NoSuchFileException e) {
            throw new BadInputException(displayName, "file not found");
        } catch (IOException e) {
            throw new BadInputException(displayName, "cannot read the file (" + e.getClass().getSimpleName() + ")");
        }
        if (bytes.length > maxBytes) {
            // the position where the limit is crossed
            String within = new String(bytes, 0, maxBytes, StandardCharsets.UTF_8);
            int[] position = TextPositions.ofCodePoint(within, within.codePointCount(0, within.length()));
            throw new BadInputException(displayName, position[0], position[1], "the file is larger than " + maxBytes
                    + " bytes, the limit for input files");
        }
        return decode(displayName, bytes);
    }

    private static String decode(String displayName, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            String before = out.flip().toString();
            int[] position = TextPositions.ofCodePoint(before, before.codePointCount(0, before.length()));
            throw new BadInputException(displayName, position[0], position[1], "not valid UTF-8 text: byte "
                    + String.format(Locale.ROOT, "0x%02X", bytes[in.position()] & 0xFF)
                    + " at offset " + in.position());
        }
        return out.flip().toString();
    }
}
