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
            meanX += Math.log(x[i]) / n;
            meanY += Math.log(y[i]) / n;
        }
        double covariance = 0;
        double variance = 0;
        for (int i = 0; i < n; i++) {
            double dx = Math.log(x[i]) - meanX;
            covariance += dx * (Math.log(y[i]) - meanY);
            variance += dx * dx;
        }
        return covariance / variance;
    }

    /** The pairwise order between consecutive depths i and i+1: log(y_i / y_{i+1}) / log(x_{i+1} / x_i). */
    static double pairwise(int[] x, double[] y, int i) {
        return Math.log(y[i] / y[i + 1]) / Math.log((double) x[i + 1] / x[i]);
    }
}
