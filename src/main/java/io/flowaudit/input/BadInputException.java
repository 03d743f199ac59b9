package io.flowaudit.input;

/**
 * Input the harness cannot use: a claim file, system file, formula or weights file that is malformed.
 * The message names the file, and the line and column where known, and says what was expected; the
 * command line prints it as one line and exits with status 2, never with a stack trace.
 */
public final class BadInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

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
        super(location(file, line, column) + problem);
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
