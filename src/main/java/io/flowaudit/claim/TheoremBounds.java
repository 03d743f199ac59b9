package io.flowaudit.claim;

import io.flowaudit.field.Certificate;
import io.flowaudit.field.Outward;
import io.flowaudit.flow.LayerMap;
import org.apache.commons.math3.util.Decimal64;

/** The explicit constants of docs/theory.md's theorems, from certified constants. */
public final class TheoremBounds {

    private TheoremBounds() {
    }

    /**
     * How far a bound e^z b computed in double may lie from its exact value, relative, through its exponent z = r t
     * alone: t = k T/64 from the double nearest T carries two roundings and r t one more, and each unit by which z
     * rounds moves e^z by |z| units. The bound's 16 ulps ({@link Evidence.Judgement#BOUND_ROUNDING_ULPS}) cover its
     * other operations, and |z| up to about 4 only: at 40 digits, where the references err by 1e-40, e^{4t} of
     * x' = 4x was refuted at 4 t = 16, where it is attained ({@code ChecksOnKnownFieldTest}).
     */
    public static double exponentRounding(double exponent) {
        return 4 * Outward.UNIT_ROUNDOFF * Math.abs(exponent);
    }

    /**
     * Theorem 1: {@code max_l |x_l - x(t_l)| <= C/L} for the layer map at step h = T/L, with
     * {@code C = M2 T d(z) (e^{K g(z) T} - 1) / (K g(z))} ({@code M2 T^2 d(0)} when K = 0), z = hK, d and g the map's
     * {@link LayerMap#localDefect} and {@link LayerMap#incrementLipschitz}. For Euler (d = 1/2, g = 1) that is
     * {@code M2 T (e^{KT} - 1) / (2K)} at every depth; for Heun and RK4 C grows with h, so C at the coarsest depth of a
     * ladder bounds every deeper one.
     */
    public static double uniformBoundConstant(LayerMap map, double lipschitz, double curvature, double horizon,
            int depth) {
        Decimal64 z = new Decimal64(lipschitz * horizon / depth);
        double defect = map.localDefect(z).getReal();
        if (lipschitz == 0) {
            return curvature * horizon * horizon * defect;
        }
        double increment = lipschitz * map.incrementLipschitz(z).getReal();
        return curvature * horizon * defect * StrictMath.expm1(increment * horizon) / increment;
    }

    public static double uniformBoundConstant(LayerMap map, Certificate certificate, double horizon, int depth) {
        return uniformBoundConstant(map, certificate.lipschitz(), certificate.solutionCurvature(), horizon, depth);
    }

    /**
     * Theorem 4's per-layer growth of perturbations, rho(h) = sqrt(1 + 2 h mu + h^2 K^2), held as its logarithm
     * log1p(2 h mu + h^2 K^2)/2, from which its powers and their sums are formed. The sum 1 + 2 h mu + h^2 K^2
     * itself is never rounded: near 1 it loses half a unit of 1 (5e-17), which rho^l multiplies by l (3e-12 at
     * l = 60 000) and 1 - rho, at rho = 1 + 2e-8, raises to 6e-9 relative, far beyond the bound's 16 ulps
     * ({@link Evidence.Judgement#BOUND_ROUNDING_ULPS}): both made attained bounds fail ({@code ChecksOnKnownFieldTest}).
     * From the logarithm, rho^l and its sums err by {@link #powerRounding} relative beyond a few ulps, whatever the
     * depth.
     *
     * @param logarithm        log rho(h); -infinity when rho(h) = 0 (a contraction to a point: h mu = -1, h K = 1)
     * @param roundingPerLayer how far the computed logarithm may lie from log rho(h) at the layers' exact step: the
     *                         sum s = 2 h mu + h^2 K^2 rounds by 4 units of 2 h |mu| + h^2 K^2, and h = T/L (from the
     *                         double nearest T) by 2 units, which moves s by 4 more; log1p(s)/2 halves that and
     *                         divides it by 1 + s = rho^2, and rounds by a unit of itself
     */
    public record LayerGrowth(double logarithm, double roundingPerLayer) {

        public static LayerGrowth of(double step, double oneSided, double lipschitz) {
            double terms = 2 * step * Math.abs(oneSided) + step * step * lipschitz * lipschitz;
            // 1 + 2 h mu + h^2 K^2 >= (1 - h K)^2 >= 0 as mu >= -K; rounding may take it a hair below 0
            double sum = Math.max(-1, 2 * step * oneSided + step * step * lipschitz * lipschitz);
            double logarithm = 0.5 * StrictMath.log1p(sum);
            return new LayerGrowth(logarithm,
                    Outward.UNIT_ROUNDOFF * (4 * terms / (1 + sum) + Math.abs(logarithm)));
        }

        /**
         * How far rho^l and the sum of its powers, computed from the logarithm, may lie from their exact values,
         * relative, beyond a few ulps: l times the logarithm's rounding, and l log rho's own (the sum's relative
         * error is at most l times the logarithm's, its derivative in log rho being at most l). 0 when rho = 0,
         * whose powers are exact zeros.
         */
        public double powerRounding(int layers) {
            if (logarithm == Double.NEGATIVE_INFINITY) {
                return 0;
            }
            return layers * roundingPerLayer + 2 * Outward.UNIT_ROUNDOFF * Math.abs(layers * logarithm);
        }

        public double rho() {
            return StrictMath.exp(logarithm);
        }

        /** rho^l. */
        public double power(int layers) {
            return layers == 0 ? 1 : StrictMath.exp(layers * logarithm);
        }

        /** 1 + rho + ... + rho^(l-1) = (1 - rho^l)/(1 - rho), without forming 1 - rho; l when rho = 1. */
        public double sumOfPowers(int layers) {
            if (layers == 0 || logarithm == 0) {
                return layers;
            }
            return StrictMath.expm1(layers * logarithm) / StrictMath.expm1(logarithm);
        }
    }

    /** Theorem 4: layers contract (rho(h) < 1) for depths above K^2 T / (2|mu|); infinite if mu >= 0. */
    public static double contractionDepth(double oneSided, double lipschitz, double horizon) {
        return oneSided < 0 ? lipschitz * lipschitz * horizon / (2 * -oneSided) : Double.POSITIVE_INFINITY;
    }

    /** Theorem 5, flow: e^{mu t} delta0 + eps (e^{mu t} - 1)/mu (eps t when mu = 0). */
    public static double flowFieldPerturbationBound(double oneSided, double time, double initialGap, double epsilon) {
        double growth = StrictMath.exp(oneSided * time);
        double forcing = oneSided == 0 ? epsilon * time : epsilon * StrictMath.expm1(oneSided * time) / oneSided;
        return growth * initialGap + forcing;
    }

    /** Theorem 5, layers: rho^l delta0 + h eps (1 - rho^l)/(1 - rho) (h eps l when rho = 1). */
    public static double layerFieldPerturbationBound(LayerGrowth growth, int layer, double step, double initialGap,
            double epsilon) {
        return growth.power(layer) * initialGap + step * epsilon * growth.sumOfPowers(layer);
    }
}
