package io.flowaudit.input;

import java.util.Locale;

/**
 * Input the harness cannot use: a claim file, system file, formula or weights file that is malformed.
 * The message names the file, and the line and column where known, and says what was expected; the
 * command line prints it as one line and exits with status 2, never with a stack trace.
 */
public final class BadInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Longest message printed; longer ones (quoting long input) are cut. */
    static final int MAX_MESSAGE_LENGTH = 1000;

    private final String file;
    private final int line;
    private final int column;

    /**
     * @param file    the file as the user named it (null when the input is not a file)
     * @param line    1-based line, or 0 when unknown
     * @param column  1-based column, or 0 when unknown
     * @param problem what is wrong and what was expected
     */
    public BadInputException(String file, int line, int column, String problem) {
        super(oneLine(location(file, line, column) + problem));
        this.file = file;
        this.line = line;
        this.column = column;
    }

    public BadInputException(String file, String problem) {
        this(file, 0, 0, problem);
    }

    private static String location(String file, int line, int column) {
        StringBuilder at = new StringBuilder();
        if (file != null) {
            at.append(file);
        }
        if (line > 0) {
            at.append(at.length() > 0 ? ":" : "line ").append(line);
            if (column > 0) {
                at.append(':').append(column);
            }
        }
        return at.length() > 0 ? at + ": " : "";
    }

    /**
     * {@code text} with line breaks, other control characters and unpaired surrogates escaped as
     * {@code \\uXXXX} and cut to {@link #MAX_MESSAGE_LENGTH} characters: a message quotes input, and it must stay
     * one printable, encodable line whatever the input holds.
     */
    static String oneLine(String text) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < text.length() && line.length() < MAX_MESSAGE_LENGTH; i++) {
            char c = text.charAt(i);
            boolean pairedSurrogate = Character.isHighSurrogate(c) ? i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))
                    : Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
            if (Character.isISOControl(c) || (Character.isSurrogate(c) && !pairedSurrogate)) {
                line.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                line.append(c);
            }
        }
        if (line.length() < MAX_MESSAGE_LENGTH) {
            return line.toString();
        }
        // never cut a surrogate pair in two
        int end = Character.isHighSurrogate(line.charAt(line.length() - 1)) ? line.length() - 1 : line.length();
        return line.substring(0, end) + "...";
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
