package io.flowaudit.audit;

import java.io.PrintStream;
import java.util.function.IntConsumer;

/**
 * Shows a long claim's progress on the log, at most every two seconds, so long runs are not silent;
 * told by every worker thread.
 */
final class ProgressLine implements IntConsumer {

    private static final long INTERVAL_NANOS = 2_000_000_000L;

    private final PrintStream log;
    private final String label;
    private final int total;
    private long lastShown = System.nanoTime();

    ProgressLine(PrintStream log, String label, int total) {
        this.log = log;
        this.label = label;
        this.total = total;
    }

    @Override
    public synchronized void accept(int done) {
        long now = System.nanoTime();
        if (now - lastShown >= INTERVAL_NANOS) {
            log.println("  " + label + ": " + done + "/" + total + " tries");
            lastShown = now;
        }
    }
}
