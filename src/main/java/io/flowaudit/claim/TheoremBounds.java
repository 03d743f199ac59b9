package io.flowaudit.claim;

import io.flowaudit.field.Certificate;

/** The explicit constants of docs/theory.md's theorems, from certified constants. */
public final class TheoremBounds {

    private TheoremBounds() {
    }

    /** Theorem 1: C = M2 T (e^{KT} - 1) / (2K), or M2 T^2 / 2 when K = 0. */
    public static double uniformBoundConstant(double lipschitz, double curvature, double horizon) {
        if (lipschitz == 0) {
            return curvature * horizon * horizon / 2;
        }
        return curvature * horizon * Math.expm1(lipschitz * horizon) / (2 * lipschitz);
    }

    public static double uniformBoundConstant(Certificate certificate, double horizon) {
        return uniformBoundConstant(certificate.lipschitz(), certificate.solutionCurvature(), horizon);
    }

    /**
     * Theorem 4's per-layer growth of perturbations, rho(h) = sqrt(1 + 2 h mu + h^2 K^2), held as its logarithm
     * log1p(2 h mu + h^2 K^2)/2, from which its powers and their sums are formed. The sum 1 + 2 h mu + h^2 K^2
     * itself is never rounded: near 1 it loses half a unit of 1 (5e-17), which rho^l multiplies by l (3e-12 at
     * l = 60 000) and 1 - rho, at rho = 1 + 2e-8, raises to 6e-9 relative, far beyond the bound's 16 ulps
     * ({@link Evidence.Judgement#BOUND_ROUNDING_ULPS}): both made attained bounds fail ({@code ChecksOnKnownFieldTest}).
     * From the logarithm, rho^l and its sums err by a few units of (1 + |l log rho| + |mu| T) relative, as
     * e^{mu t} does for the flow, whatever the depth.
     *
     * @param logarithm log rho(h); -infinity when rho(h) = 0 (a contraction to a point: h mu = -1, h K = 1)
     */
    public record LayerGrowth(double logarithm) {

        public static LayerGrowth of(double step, double oneSided, double lipschitz) {
            // 1 + 2 h mu + h^2 K^2 >= (1 - h K)^2 >= 0 as mu >= -K; rounding may take it a hair below 0
            return new LayerGrowth(0.5 * Math.log1p(Math.max(-1, 2 * step * oneSided + step * step * lipschitz * lipschitz)));
        }

        public double rho() {
            return Math.exp(logarithm);
        }

        /** rho^l. */
        public double power(int layers) {
            return layers == 0 ? 1 : Math.exp(layers * logarithm);
        }

        /** 1 + rho + ... + rho^(l-1) = (1 - rho^l)/(1 - rho), without forming 1 - rho; l when rho = 1. */
        public double sumOfPowers(int layers) {
            if (layers == 0 || logarithm == 0) {
                return layers;
            }
            return Math.expm1(layers * logarithm) / Math.expm1(logarithm);
        }
    }

    /** Theorem 4: layers contract (rho(h) < 1) for depths above K^2 T / (2|mu|); infinite if mu >= 0. */
    public static double contractionDepth(double oneSided, double lipschitz, double horizon) {
        return oneSided < 0 ? lipschitz * lipschitz * horizon / (2 * -oneSided) : Double.POSITIVE_INFINITY;
    }

    /** Theorem 5, flow: e^{mu t} delta0 + eps (e^{mu t} - 1)/mu (eps t when mu = 0). */
    public static double flowFieldPerturbationBound(double oneSided, double time, double initialGap, double epsilon) {
        double growth = Math.exp(oneSided * time);
        double forcing = oneSided == 0 ? epsilon * time : epsilon * Math.expm1(oneSided * time) / oneSided;
        return growth * initialGap + forcing;
    }

    /** Theorem 5, layers: rho^l delta0 + h eps (1 - rho^l)/(1 - rho) (h eps l when rho = 1). */
    public static double layerFieldPerturbationBound(LayerGrowth growth, int layer, double step, double initialGap,
            double epsilon) {
        return growth.power(layer) * initialGap + step * epsilon * growth.sumOfPowers(layer);
    }
}
