package io.flowaudit.claim;

import io.flowaudit.field.Certificate;
import io.flowaudit.flow.LayerMap;
import org.apache.commons.math3.util.Decimal64;

/** The explicit constants of docs/theory.md's theorems, from certified constants. */
public final class TheoremBounds {

    private TheoremBounds() {
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
        return curvature * horizon * defect * Math.expm1(increment * horizon) / increment;
    }

    public static double uniformBoundConstant(LayerMap map, Certificate certificate, double horizon, int depth) {
        return uniformBoundConstant(map, certificate.lipschitz(), certificate.solutionCurvature(), horizon, depth);
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
