package io.flowaudit.claim;

import io.flowaudit.flow.LayerMap;
import io.flowaudit.num.NumberSystem;

/**
 * The knobs of a claim file that shape its check; every one has a default (see {@link #defaults()}).
 *
 * @param layerMap          Euler, Heun or RK4
 * @param precision         the number system of the layers: {@code double} or digits
 * @param referencePrecision the number system of the reference flow (at least as precise)
 * @param ladder            depths L for the convergence claims
 * @param constantFactor    multiplies Theorem 1's C (1 for the theorem; 0.5 for "C halved")
 * @param claimedOrder      the order the claim asserts (default: the layer map's)
 * @param orderTolerance    allowed |observed slope - claimed order|
 * @param pairwiseTolerance allowed |pairwise order - claimed order| for the deepest pair
 * @param maxRelativeGap    Theorem 2: allowed relative gap at the deepest L
 * @param rateOffset        added to the decay rate (0 for the theorem; -0.5 for "faster than mu")
 * @param lipschitzRate     Theorem 3 with K instead of mu (Gronwall)
 * @param everyDepth        Theorem 4 claimed at every depth (false on purpose), not only above K^2T/(2|mu|)
 * @param fieldEpsilon      Theorem 5: size of the field perturbation |F~ - F| <= eps
 */
public record CheckSettings(LayerMap layerMap, NumberSystem<?> precision, NumberSystem<?> referencePrecision,
        int[] ladder, double constantFactor,
        int claimedOrder, double orderTolerance, double pairwiseTolerance, double maxRelativeGap, double rateOffset,
        boolean lipschitzRate, boolean everyDepth, double fieldEpsilon) {

    public static CheckSettings defaults() {
        return new CheckSettings(LayerMap.EULER, NumberSystem.parse("double"), NumberSystem.parse("double"),
                new int[] {64, 128, 256, 512, 1024},
                1, 0, 0.1, 0.15, 0.1, 0, false, false, 1e-3);
    }

    public int effectiveOrder() {
        return claimedOrder > 0 ? claimedOrder : layerMap.order();
    }
}
