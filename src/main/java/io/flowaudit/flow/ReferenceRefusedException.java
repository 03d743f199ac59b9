package io.flowaudit.flow;

/**
 * The reference solver cannot deliver the solution it was asked for — the field is not analytic along
 * the solution (a branch point of a square root or fractional power, a kink), the step collapses at
 * a singularity, or the accuracy asked for is out of reach — so it refuses rather than return digits
 * it cannot vouch for. Names the time where the trouble starts.
 */
public final class ReferenceRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final double time;

    public ReferenceRefusedException(String components, double time, String reason) {
        super("the reference cannot follow " + components + " past t = " + time + ": " + reason);
        this.time = time;
    }

    public ReferenceRefusedException(String reason) {
        super(reason);
        this.time = Double.NaN;
    }

    /** Where the solution stops being followed; NaN when the refusal is not at a time (accuracy out of reach). */
    public double time() {
        return time;
    }
}
