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

    /** Theorem 4: rho(h) = sqrt(1 + 2 h mu + h^2 K^2), the per-layer growth of perturbations. */
    public static double layerGrowth(double step, double oneSided, double lipschitz) {
        return Math.sqrt(Math.max(0, 1 + 2 * step * oneSided + step * step * lipschitz * lipschitz));
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
    public static double layerFieldPerturbationBound(double rho, int layer, double step, double initialGap,
            double epsilon) {
        double power = Math.pow(rho, layer);
        double forcing = rho == 1 ? step * epsilon * layer : step * epsilon * (1 - power) / (1 - rho);
        return power * initialGap + forcing;
    }
}
