package io.flowaudit.weights;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * BERT's text rules as HuggingFace tokenizers implements them: the {@code BertNormalizer} (clean text, space
 * out CJK ideographs, strip accents, lowercase, in that order) and the {@code BertPreTokenizer} (split on
 * whitespace, then isolate each punctuation character). Character classes follow the Rust library, not
 * Java's own predicates, where they differ: whitespace is Unicode's White_Space property (Java's
 * {@code isWhitespace} leaves out no-break spaces), "control" is Cc, Cf and Co except tab, newline and
 * carriage return, and lowercasing maps one code point at a time (no final-sigma rule), İ to "i̇".
 */
final class BertText {

    /** What the normalizer does; the file's {@code strip_accents: null} means "as lowercase". */
    record Normalization(boolean cleanText, boolean spaceOutChineseChars, boolean stripAccents, boolean lowercase) {
    }

    private BertText() {
    }

    static String normalize(String text, Normalization rules) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (rules.cleanText()) {
                if (c == 0 || c == 0xFFFD || isControl(c)) {
                    return;
                }
                if (isWhitespace(c)) {
                    c = ' ';
                }
            }
            if (rules.spaceOutChineseChars() && isChineseChar(c)) {
                out.append(' ').appendCodePoint(c).append(' ');
            } else {
                out.appendCodePoint(c);
            }
        });
        String normalized = out.toString();
        if (rules.stripAccents()) {
            StringBuilder stripped = new StringBuilder(normalized.length());
            Normalizer.normalize(normalized, Normalizer.Form.NFD).codePoints()
                    .filter(c -> Character.getType(c) != Character.NON_SPACING_MARK)
                    .forEach(stripped::appendCodePoint);
            normalized = stripped.toString();
        }
        if (rules.lowercase()) {
            StringBuilder lower = new StringBuilder(normalized.length());
            // Rust's char::to_lowercase: the simple mapping, except İ, whose full mapping is two code points.
            normalized.codePoints().forEach(c -> {
                if (c == 'İ') {
                    lower.append("i\u0307");
                } else {
                    lower.appendCodePoint(Character.toLowerCase(c));
                }
            });
            normalized = lower.toString();
        }
        return normalized;
    }

    /** The words of normalized text: whitespace separates and is dropped, punctuation stands alone. */
    static List<String> preTokenize(String text) {
        List<String> words = new ArrayList<>();
        int wordStart = -1;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            int next = i + Character.charCount(c);
            if (isWhitespace(c) || isPunctuation(c)) {
                if (wordStart >= 0) {
                    words.add(text.substring(wordStart, i));
                    wordStart = -1;
                }
                if (!isWhitespace(c)) {
                    words.add(text.substring(i, next));
                }
            } else if (wordStart < 0) {
                wordStart = i;
            }
            i = next;
        }
        if (wordStart >= 0) {
            words.add(text.substring(wordStart));
        }
        return words;
    }

    /** Unicode's White_Space property, which Rust's {@code char::is_whitespace} implements. */
    static boolean isWhitespace(int c) {
        return c >= '\t' && c <= '\r' || c == 0x85 || Character.isSpaceChar(c);
    }

    /**
     * Categories Cc, Cf and Co, tab, newline and carriage return excepted (they count as whitespace). Unassigned
     * code points (Cn) stay, as in the Rust library, whose category tables come from UnicodeData.txt, which
     * lists no unassigned code point: a word holding one becomes the unknown token.
     */
    private static boolean isControl(int c) {
        if (c == '\t' || c == '\n' || c == '\r') {
            return false;
        }
        int category = Character.getType(c);
        return category == Character.CONTROL || category == Character.FORMAT || category == Character.PRIVATE_USE;
    }

    /** ASCII punctuation (which includes symbols such as $ + < = > ^ ` |) and Unicode categories P*. */
    static boolean isPunctuation(int c) {
        if (c < 0x80) {
            return c > ' ' && c < 0x7F && !Character.isLetterOrDigit(c);
        }
        return switch (Character.getType(c)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                 Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                 Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }

    /** The CJK ideograph blocks BERT spaces out (HuggingFace's ranges, which extend the original BERT's). */
    private static boolean isChineseChar(int c) {
        return c >= 0x4E00 && c <= 0x9FFF || c >= 0x3400 && c <= 0x4DBF || c >= 0x20000 && c <= 0x2A6DF
                || c >= 0x2A700 && c <= 0x2B73F || c >= 0x2B740 && c <= 0x2B81F || c >= 0x2B920 && c <= 0x2CEAF
                || c >= 0xF900 && c <= 0xFAFF || c >= 0x2F800 && c <= 0x2FA1F;
    }
}
