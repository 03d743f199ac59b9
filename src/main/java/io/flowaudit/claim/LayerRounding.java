package io.flowaudit.claim;

import io.flowaudit.field.CertifiedField;
import io.flowaudit.field.Region;
import io.flowaudit.field.VectorField;
import io.flowaudit.field.transformer.TransformerField;
import io.flowaudit.flow.LayerMap;
import io.flowaudit.flow.LayerStack;
import io.flowaudit.flow.Trajectory;
import io.flowaudit.num.NumberSystem;
import java.util.Arrays;
import org.apache.commons.math3.RealFieldElement;

/**
 * The rounding of layers whose field may round by more than {@link Resolution#ofLayers} allows
 * ({@link VectorField#roundsRelativeToItsState()}: a formula that cancels large terms), measured: the same layers
 * run again at twice the digits. Their distance d is the layers' rounding but for the second run's own, which makes
 * the same cancellations at a unit roundoff r = epsilon(finer)/epsilon times smaller: about r times the first run's,
 * so at most r (d + its own), that is r d / (1 - r). The allowance counts it as 2 r d, and adds the second run's
 * model for the rounding that does not cancel.
 *
 * <p>The model rounds each layer relative to the larger of the state and h times the size of F's terms
 * ({@link #termBound}): a token field's biases do not scale with the state, nor need F. An FFN whose biases cancel, W2
 * relu(x + b1) + b2 with b2 = -W2 b1, is F = W2 x, yet its computed F rounds by ulp(b1)/2 at x + b1; the layer adds h
 * times that (docs/theory.md, "Ground truth and vacuous instances").
 */
final class LayerRounding {

    private LayerRounding() {
    }

    /** Layers of {@code field}: one run whose states a check compares. */
    record Layers<T extends RealFieldElement<T>>(VectorField field, Trajectory<T> states) {
    }

    /**
     * At least how far a quantity formed from the states of {@code runs} (one run's states, or the distance between
     * two runs' states) may lie from its value in exact arithmetic: the model's allowance, or, where a run's field
     * may round by more, the measured distances of the runs from the same layers at twice the digits plus those
     * runs' allowance, whichever is larger.
     *
     * @param map         the layer map every run took, each from its first state
     * @param scale       the size of the largest state, for the model
     * @param sizedBy     the field whose bounds size the terms every run's F sums ({@link #termBound})
     * @param termsBeyond a bound of the size of the terms a run's F sums beside {@code sizedBy}'s
     */
    @SafeVarargs
    static <T extends RealFieldElement<T>> Resolution of(LayerMap map, NumberSystem<T> numbers, double scale,
            CertifiedField sizedBy, double termsBeyond, Layers<T>... runs) {
        int depth = runs[0].states().layers();
        double horizon = runs[0].states().horizon().getReal();
        // one layer rounds by ulps of its state and of h F's terms: the layer's own sum and product, and F's rounding
        // (each layer map's stages weigh F by h in all)
        double roundingScale = Math.max(scale, horizon / depth * (termBound(sizedBy, horizon, runs) + termsBeyond));
        Resolution model = Resolution.ofLayers(depth, numbers.epsilon(), roundingScale);
        if (Arrays.stream(runs).allMatch(run -> run.field().roundsRelativeToItsState())) {
            return model;
        }
        NumberSystem<?> finer = NumberSystem.ofDigits(2 * numbers.digits());
        double finerShare = finer.epsilon() / numbers.epsilon();
        double measured = 0;
        for (Layers<T> run : runs) {
            measured += distanceFromFiner(run.field(), map, run.states(), finer) * (1 + 2 * finerShare)
                    + Resolution.ofLayers(depth, finer.epsilon(), roundingScale).value();
        }
        return new Resolution(Math.max(model.value(), measured));
    }

    /**
     * A bound of the size of the terms F sums at the runs' states, where they may exceed the states: a token field's
     * output bound at its largest token ({@link TransformerField#tokenBoundAt}, which bounds each term of its sums
     * too: the biases and act(W1 x + b1) an FFN weighs, the values attention weighs) for each of its n tokens, sqrt(n)
     * times it over a state; 0 for the other fields, whose terms are bounded by a few times the state (their constants
     * times it), which the state's own allowance covers ({@link VectorField#roundsRelativeToItsState()}).
     */
    @SafeVarargs
    private static <T extends RealFieldElement<T>> double termBound(CertifiedField field, double horizon,
            Layers<T>... runs) {
        if (!(field instanceof TransformerField tokens)) {
            return 0;
        }
        double largestToken = 0;
        for (Layers<T> run : runs) {
            for (int l = 0; l <= run.states().layers(); l++) {
                largestToken = Math.max(largestToken, Region.maxTokenNorm(run.states().stateAsDoubles(l),
                        tokens.width()));
            }
        }
        return Math.sqrt(tokens.tokens()) * tokens.tokenBoundWithin(largestToken, horizon);
    }

    /** max over the layers of |x_l - x_l at the finer precision| (Euclidean, in the finer system). */
    private static <T extends RealFieldElement<T>, S extends RealFieldElement<S>> double distanceFromFiner(
            VectorField field, LayerMap map, Trajectory<T> layers, NumberSystem<S> finer) {
        Trajectory<S> finerLayers = LayerStack.run(field, map, finer, finer.fromAll(layers.state(0)),
                finer.from(layers.horizon()), layers.layers());
        double largest = 0;
        for (int l = 0; l <= layers.layers(); l++) {
            largest = Math.max(largest, ConvergenceRun.distance(finer.fromAll(layers.state(l)), finerLayers.state(l)));
        }
        return largest;
    }
}
