package io.flowaudit.field.formula;

import io.flowaudit.input.BadInputException;
import io.flowaudit.input.YamlNode;
import java.util.OptionalInt;

/**
 * Where a formula's text came from, so that a parse error points at the right place: into the
 * file when the formula is a plain single-line YAML scalar (its characters are then exactly the
 * file's), and at a column of the formula itself otherwise.
 */
interface FormulaOrigin {

    /**
     * The error for a problem at 1-based {@code column} of the formula text.
     *
     * @param what   what is wrong, such as {@code unexpected ')'}
     * @param detail what was expected, such as {@code expected a number}; empty if nothing to add
     */
    BadInputException error(int column, String what, String detail);

    /** A formula that is not from a file: messages read {@code unexpected ')' at column 7, expected ...}. */
    static FormulaOrigin standalone() {
        return (column, what, detail) -> new BadInputException(null, 0, column,
                what + " at column " + column + withDetail(detail));
    }

    /**
     * A formula written as the YAML scalar {@code scalar}; {@code label} (such as
     * {@code "in the formula for x: "}) starts each message.
     */
    static FormulaOrigin of(YamlNode scalar, String label) {
        return (column, what, detail) -> {
            OptionalInt fileColumn = scalar.fileColumnOf(column - 1);
            if (fileColumn.isPresent()) {
                return new BadInputException(scalar.file(), scalar.line(), fileColumn.getAsInt(),
                        label + what + withDetail(detail));
            }
            // quotes, escapes or line folding: the file position is the scalar's start, the text's position follows
            return new BadInputException(scalar.file(), scalar.line(), scalar.column(),
                    label + what + " at " + positionInText(scalar.text(), column) + " of the formula" + withDetail(detail));
        };
    }

    /** {@code column N}, or {@code line L, column N} when the text spans lines (a block scalar). */
    private static String positionInText(String text, int column) {
        if (text.indexOf('\n') < 0) {
            return "column " + column;
        }
        int offset = column - 1;
        int lineStart = text.lastIndexOf('\n', offset - 1) + 1;
        long line = 1 + text.substring(0, lineStart).chars().filter(c -> c == '\n').count();
        return "line " + line + ", column " + (offset - lineStart + 1);
    }

    private static String withDetail(String detail) {
        return detail.isEmpty() ? "" : ", " + detail;
    }
}
