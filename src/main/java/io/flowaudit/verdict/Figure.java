package io.flowaudit.verdict;

import java.util.List;

/** Data of one plot on a claim page; the report decides how to draw it. */
public sealed interface Figure permits Figure.Convergence, Figure.Perturbation, Figure.Curves {

    String title();

    /**
     * Uniform error against depth for one representative field (log-log).
     *
     * @param depths          the depth ladder L
     * @param errors          max_l |x_l - x(t_l)| for each L
     * @param fittedSlope     least-squares slope of log error against log L: negative when errors fall
     * @param claimedOrder    the order p the claim states (errors like L^-p): 1 for Theorems 1 and 2
     * @param boundConstant   the constant compared in the line C/L (Theorem 1's C times the claim's factor), or null
     * @param leadingConstant T*max|e1| of the leading term (the line T*max|e1|/L), or null
     */
    record Convergence(String title, List<Integer> depths, List<Double> errors, double fittedSlope,
            int claimedOrder, Double boundConstant, Double leadingConstant) implements Figure {

        /** The observed order: errors fall like L^-order. */
        public double observedOrder() {
            return -fittedSlope;
        }
    }

    /**
     * Perturbation |x_l - y_l| against layer l for one representative field (log y axis).
     *
     * @param distances       |x_l - y_l| for l = 0..L
     * @param step            h = T/L
     * @param rho             rho(h) of Theorem 4 (the line rho^l |x_0 - y_0|)
     * @param mu              mu of Theorem 3 (the line e^{mu t_l} |x_0 - y_0|)
     * @param thresholdDepth  K^2 T / (2|mu|): the depth above which layers contract (NaN if mu >= 0)
     * @param fieldEpsilon    eps of Theorem 5, whose field is perturbed by at most eps: both lines then add its
     *                        forcing term; 0 for Theorems 3 and 4. Until 2026-11-30 a Theorem 5 figure had none, and
     *                        its page drew Theorem 4's line and marked a point of a claim that holds "past the bound"
     *                        at observed/bound = 14.34 (field-perturbation-mlp, where Theorem 5's ratio is 0.667)
     */
    record Perturbation(String title, List<Double> distances, double step, double rho, double mu,
            double thresholdDepth, double fieldEpsilon) implements Figure {

        /** Theorems 3 and 4: the field itself, unperturbed. */
        public Perturbation(String title, List<Double> distances, double step, double rho, double mu,
                double thresholdDepth) {
            this(title, distances, step, rho, mu, thresholdDepth, 0);
        }

        /** Theorems 4 and 5 at layer l: rho^l |x_0 - y_0| + h eps (1 - rho^l)/(1 - rho) (h eps l when rho = 1). */
        public double layerBound(int layer) {
            double power = StrictMath.pow(rho, layer);
            double sumOfPowers = rho == 1 ? layer : (1 - power) / (1 - rho);
            return power * distances.get(0) + step * fieldEpsilon * sumOfPowers;
        }

        /** Theorems 3 and 5 at t = l h: e^{mu t} |x_0 - y_0| + eps (e^{mu t} - 1)/mu (eps t when mu = 0). */
        public double flowBound(int layer) {
            double time = layer * step;
            double forcing = mu == 0 ? fieldEpsilon * time : fieldEpsilon * StrictMath.expm1(mu * time) / mu;
            return StrictMath.exp(mu * time) * distances.get(0) + forcing;
        }
    }

    /**
     * Curves against one variable, for pictures that are neither a depth ladder nor a perturbation across layers
     * (the mean-field claims: a distance against e^{Lt}, an error against the token count): what was observed and
     * the lines the theory draws.
     *
     * @param xLabel the horizontal axis, e.g. {@code time t}
     * @param yLabel the vertical axis
     * @param logX   whether the horizontal axis is logarithmic
     * @param logY   whether the vertical axis is logarithmic (then only positive values are drawn)
     */
    record Curves(String title, String xLabel, String yLabel, boolean logX, boolean logY, List<Curve> curves)
            implements Figure {
    }

    /** One curve of {@link Curves}: points {@code (x_k, y_k)} in order, drawn as the role says. */
    record Curve(String label, Role role, List<Double> x, List<Double> y) {

        public Curve {
            if (x.size() != y.size()) {
                throw new IllegalArgumentException("a curve needs as many x as y values, got " + x.size() + " and "
                        + y.size());
            }
        }
    }

    /** What a curve is: an observation, a bound the claim states, or a prediction it is compared with. */
    enum Role { OBSERVED, BOUND, PREDICTION }
}
