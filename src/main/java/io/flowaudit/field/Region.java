package io.flowaudit.field;

/**
 * The convex region on which a certificate holds: all of {@code R^D}, a Euclidean ball of the whole
 * state, or a ball per token (state = n tokens of width d, each token of norm at most R).
 */
public record Region(Kind kind, double radius, int tokenWidth) {

    public enum Kind { WHOLE_SPACE, BALL, TOKEN_BALL }

    public static Region wholeSpace() {
        return new Region(Kind.WHOLE_SPACE, Double.POSITIVE_INFINITY, 0);
    }

    public static Region ball(double radius) {
        return new Region(Kind.BALL, radius, 0);
    }

    public static Region tokenBall(double radius, int tokenWidth) {
        return new Region(Kind.TOKEN_BALL, radius, tokenWidth);
    }

    /** The norm this region bounds: |x| for a ball, max over tokens |x_i| for a token ball. */
    public double normOf(double[] x) {
        switch (kind) {
            case TOKEN_BALL: {
                double max = 0;
                for (int start = 0; start < x.length; start += tokenWidth) {
                    double sum = 0;
                    for (int k = start; k < start + tokenWidth; k++) {
                        sum += x[k] * x[k];
                    }
                    max = Math.max(max, Math.sqrt(sum));
                }
                return max;
            }
            default: {
                double sum = 0;
                for (double v : x) {
                    sum += v * v;
                }
                return Math.sqrt(sum);
            }
        }
    }

    public boolean contains(double[] x) {
        return kind == Kind.WHOLE_SPACE || normOf(x) <= radius;
    }

    @Override
    public String toString() {
        switch (kind) {
            case BALL:
                return "|x| <= " + radius;
            case TOKEN_BALL:
                return "max_i |x_i| <= " + radius + " (tokens of width " + tokenWidth + ")";
            default:
                return "R^D";
        }
    }
}
