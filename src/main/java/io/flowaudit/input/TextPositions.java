package io.flowaudit.input;

/** Lines and columns in text, counted as YAML counts them: 1-based, columns in code points. */
final class TextPositions {

    private TextPositions() {
    }

    /** {@code {line, column}} of the code point at index {@code codePoints} (or of the end of the text). */
    static int[] ofCodePoint(String text, int codePoints) {
        int line = 1;
        int column = 1;
        int seen = 0;
        for (int i = 0; i < text.length() && seen < codePoints; i += Character.charCount(text.codePointAt(i))) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
            seen++;
        }
        return new int[] {line, column};
    }
}
