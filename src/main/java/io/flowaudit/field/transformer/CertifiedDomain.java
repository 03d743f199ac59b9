package io.flowaudit.field.transformer;

/**
 * What a transformer field's {@code certificate()} covers: trajectories and layer iterates that start
 * with every token of norm at most {@code initialTokenRadius} and run over {@code [0, horizon]}.
 */
public record CertifiedDomain(double initialTokenRadius, double horizon) {

    /** Tokens of norm at most 1 over unit depth. */
    public static final CertifiedDomain UNIT = new CertifiedDomain(1, 1);

    public CertifiedDomain {
        if (!(initialTokenRadius > 0) || !Double.isFinite(initialTokenRadius)) {
            throw new IllegalArgumentException("initial token radius must be positive and finite, got "
                    + initialTokenRadius);
        }
        if (!(horizon > 0) || !Double.isFinite(horizon)) {
            throw new IllegalArgumentException("horizon must be positive and finite, got " + horizon);
        }
    }
}
