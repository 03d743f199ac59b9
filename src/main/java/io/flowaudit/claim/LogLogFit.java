package io.flowaudit.claim;

/** Least-squares fits of a convergence ladder: the observed order, plain and with its next term. */
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

    /**
     * The order q of {@code err(L) = a L^-q + b L^-(q+1)}, the expansion Theorem 2 gives (a leading term
     * and the next one), fitted by least squares in relative error: for each q the best (a, b) solve a
     * 2x2 linear system, and q is the grid point (step 1e-3, within 1.5 of {@code expected}) with the
     * smallest residual. Unlike the plain slope it is not biased by the second term at finite depth.
     */
    static double orderWithNextTerm(int[] depths, double[] errors, double expected) {
        double best = Double.NaN;
        double bestResidual = Double.POSITIVE_INFINITY;
        for (double q = Math.max(0.1, expected - 1.5); q <= expected + 1.5; q += 1e-3) {
            double s11 = 0;
            double s12 = 0;
            double s22 = 0;
            double r1 = 0;
            double r2 = 0;
            for (int i = 0; i < depths.length; i++) {
                // relative residual (a u + b v - e)/e with u = L^-q, v = L^-(q+1)
                double u = Math.pow(depths[i], -q) / errors[i];
                double v = u / depths[i];
                s11 += u * u;
                s12 += u * v;
                s22 += v * v;
                r1 += u;
                r2 += v;
            }
            double determinant = s11 * s22 - s12 * s12;
            double a = (r1 * s22 - r2 * s12) / determinant;
            double b = (s11 * r2 - s12 * r1) / determinant;
            double residual = 0;
            for (int i = 0; i < depths.length; i++) {
                double u = Math.pow(depths[i], -q) / errors[i];
                double r = a * u + b * u / depths[i] - 1;
                residual += r * r;
            }
            if (residual < bestResidual) {
                bestResidual = residual;
                best = q;
            }
        }
        return best;
    }
}
