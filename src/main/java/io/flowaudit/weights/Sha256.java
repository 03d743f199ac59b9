package io.flowaudit.weights;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The SHA-256 by which a report names the exact file it read (weights, models, tokenizers). */
public final class Sha256 {

    private Sha256() {
    }

    /** The SHA-256 of {@code contents}, in lowercase hex. */
    public static String hex(byte[] contents) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(contents));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
