package io.flowaudit.claim;

/** Least-squares slope of log y against log x: the observed order of a convergence ladder. */
public final class LogLogFit {

    private LogLogFit() {
    }

    public static double slope(int[] x, double[] y) {
        int n = x.length;
        double meanX = 0;
        double meanY = 0;
        for (int i = 0; i < n; i++) {
            meanX += StrictMath.log(x[i]) / n;
            meanY += StrictMath.log(y[i]) / n;
        }
        double covariance = 0;
        double variance = 0;
        for (int i = 0; i < n; i++) {
            double dx = StrictMath.log(x[i]) - meanX;
            covariance += dx * (StrictMath.log(y[i]) - meanY);
            variance += dx * dx;
        }
        return covariance / variance;
    }

    /**
     * How far log y may lie from the log of the true value when y is known within {@code resolution}:
     * {@code -log(1 - resolution/y)} (infinite when the resolution reaches y).
     */
    static double logResolution(double y, double resolution) {
        return resolution < y ? -StrictMath.log1p(-resolution / y) : Double.POSITIVE_INFINITY;
    }

    /**
     * The resolution of {@link #slope}: the slope is {@code sum_i w_i log y_i} with
     * {@code w_i = (log x_i - mean)/variance}, so it moves by at most {@code sum_i |w_i| logResolution_i}.
     */
    static double slopeResolution(int[] x, double[] logResolutions) {
        int n = x.length;
        double meanX = 0;
        for (int value : x) {
            meanX += StrictMath.log(value) / n;
        }
        double variance = 0;
        for (int value : x) {
            variance += (StrictMath.log(value) - meanX) * (StrictMath.log(value) - meanX);
        }
        double resolution = 0;
        for (int i = 0; i < n; i++) {
            resolution += Math.abs(StrictMath.log(x[i]) - meanX) / variance * logResolutions[i];
        }
        return resolution;
    }

    /** The resolution of {@link #pairwise}: both logs may move, in opposite directions. */
    static double pairwiseResolution(int[] x, double[] logResolutions, int i) {
        return (logResolutions[i] + logResolutions[i + 1]) / StrictMath.log((double) x[i + 1] / x[i]);
    }

    /** The pairwise order between consecutive depths i and i+1: log(y_i / y_{i+1}) / log(x_{i+1} / x_i). */
    static double pairwise(int[] x, double[] y, int i) {
        return StrictMath.log(y[i] / y[i + 1]) / StrictMath.log((double) x[i + 1] / x[i]);
    }
}
