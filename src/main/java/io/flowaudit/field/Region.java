package io.flowaudit.field;

/**
 * The region on which a certificate holds: all of {@code R^D}, a Euclidean ball of the whole state, or a
 * ball per token (state = n tokens of width d, each token of norm at most R), convex unless a token ball
 * also asks every token's centred norm {@code |x_i - mean(x_i) 1|} to be at least {@code centredFloor},
 * or its norm to be at least {@code innerRadius} (a shell about the sphere; both 0 everywhere else): its
 * constants then hold between any two of its points, not along segments.
 */
public record Region(Kind kind, double radius, int tokenWidth, double centredFloor, double innerRadius) {

    public enum Kind { WHOLE_SPACE, BALL, TOKEN_BALL }

    public static Region wholeSpace() {
        return new Region(Kind.WHOLE_SPACE, Double.POSITIVE_INFINITY, 0, 0, 0);
    }

    public static Region ball(double radius) {
        return new Region(Kind.BALL, radius, 0, 0, 0);
    }

    public static Region tokenBall(double radius, int tokenWidth) {
        return new Region(Kind.TOKEN_BALL, radius, tokenWidth, 0, 0);
    }

    /** The tokens of norm from {@code innerRadius} to {@code radius}: a shell about the sphere of tokens. */
    public static Region tokenShell(double innerRadius, double radius, int tokenWidth) {
        return new Region(Kind.TOKEN_BALL, radius, tokenWidth, 0, innerRadius);
    }

    /** The token ball of {@code radius} less the tokens whose centred norm is below {@code centredFloor}. */
    public static Region tokenBallAboveCentredFloor(double radius, double centredFloor, int tokenWidth) {
        return new Region(Kind.TOKEN_BALL, radius, tokenWidth, centredFloor, 0);
    }

    /** The norm this region bounds: |x| for a ball, max over tokens |x_i| for a token ball. */
    public double normOf(double[] x) {
        return kind == Kind.TOKEN_BALL ? maxTokenNorm(x, tokenWidth) : euclideanNorm(x);
    }

    /** |x|, the Euclidean norm of a whole state. */
    public static double euclideanNorm(double[] x) {
        double sum = 0;
        for (double v : x) {
            sum += v * v;
        }
        return Math.sqrt(sum);
    }

    /** |a - b|, the Euclidean distance of two states, summed in order as {@link #euclideanNorm}. */
    public static double euclideanDistance(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double difference = a[i] - b[i];
            sum += difference * difference;
        }
        return Math.sqrt(sum);
    }

    /** |x_i|, the norm of token i of a state made of tokens of the given width. */
    public static double tokenNorm(double[] state, int token, int width) {
        double sum = 0;
        for (int k = token * width; k < (token + 1) * width; k++) {
            sum += state[k] * state[k];
        }
        return Math.sqrt(sum);
    }

    /** max_i |x_i| over the tokens of a state. */
    public static double maxTokenNorm(double[] state, int width) {
        double max = 0;
        for (int token = 0; token < state.length / width; token++) {
            max = Math.max(max, tokenNorm(state, token, width));
        }
        return max;
    }

    /** max_i |a_i - b_i| over the tokens of two states of the same shape: how far the tokens moved between them. */
    public static double maxTokenDistance(double[] a, double[] b, int width) {
        double max = 0;
        for (int token = 0; token < a.length / width; token++) {
            double sum = 0;
            for (int k = token * width; k < (token + 1) * width; k++) {
                sum += (a[k] - b[k]) * (a[k] - b[k]);
            }
            max = Math.max(max, Math.sqrt(sum));
        }
        return max;
    }

    /** |x_i - mean(x_i) 1|, the centred norm of token i of a state made of tokens of the given width. */
    public static double centredTokenNorm(double[] state, int token, int width) {
        double mean = 0;
        for (int k = token * width; k < (token + 1) * width; k++) {
            mean += state[k];
        }
        mean /= width;
        double sum = 0;
        for (int k = token * width; k < (token + 1) * width; k++) {
            sum += (state[k] - mean) * (state[k] - mean);
        }
        return Math.sqrt(sum);
    }

    /** min_i |x_i - mean(x_i) 1| over the tokens of a state. */
    public static double minCentredTokenNorm(double[] state, int width) {
        double min = Double.POSITIVE_INFINITY;
        for (int token = 0; token < state.length / width; token++) {
            min = Math.min(min, centredTokenNorm(state, token, width));
        }
        return min;
    }

    /** min_i |x_i| over the tokens of a state. */
    public static double minTokenNorm(double[] state, int width) {
        double min = Double.POSITIVE_INFINITY;
        for (int token = 0; token < state.length / width; token++) {
            min = Math.min(min, tokenNorm(state, token, width));
        }
        return min;
    }

    public boolean contains(double[] x) {
        return kind == Kind.WHOLE_SPACE
                || normOf(x) <= radius && (centredFloor == 0 || minCentredTokenNorm(x, tokenWidth) >= centredFloor)
                        && (innerRadius == 0 || minTokenNorm(x, tokenWidth) >= innerRadius);
    }

    @Override
    public String toString() {
        switch (kind) {
            case BALL:
                return "|x| <= " + radius;
            case TOKEN_BALL:
                return "max_i |x_i| <= " + radius + (innerRadius == 0 ? "" : " and min_i |x_i| >= " + innerRadius)
                        + (centredFloor == 0 ? "" : " and min_i |x_i - mean(x_i) 1| >= " + centredFloor)
                        + " (tokens of width " + tokenWidth + ")";
            default:
                return "R^D";
        }
    }
}
