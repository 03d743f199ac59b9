package io.flowaudit.claim;

import io.flowaudit.field.CertifiedField;
import io.flowaudit.field.CertifiedField.TokenTerms;
import io.flowaudit.field.Region;
import io.flowaudit.field.VectorField;
import io.flowaudit.flow.LayerMap;
import io.flowaudit.flow.LayerStack;
import io.flowaudit.flow.Trajectory;
import io.flowaudit.num.NumberSystem;
import java.util.Arrays;
import java.util.Optional;
import org.apache.commons.math3.RealFieldElement;
import org.apache.commons.math3.util.Decimal64;

/**
 * The rounding of layers whose field may round by more than {@link Resolution#ofLayers} allows
 * ({@link VectorField#roundsRelativeToItsState()}: a formula that cancels large terms), measured: the same layers
 * run again in a system whose unit roundoff is far below ({@link NumberSystem#finer()}: double-double, 2^-98, for
 * double layers; twice the digits for others). Their distance d is the layers' rounding but for the second run's
 * own, which makes the same cancellations at a unit roundoff r = epsilon(finer)/epsilon times smaller: about r times
 * the first run's, so at most r (d + its own), that is r d / (1 - r). The allowance counts it as 2 r d, and adds the
 * second run's model for the rounding that does not cancel.
 *
 * <p>The model rounds each layer relative to the larger of the state and h times the size of F's terms
 * ({@link #layerTerms}): a token field's biases do not scale with the state, nor need F. An FFN whose biases cancel, W2
 * relu(x + b1) + b2 with b2 = -W2 b1, is F = W2 x, yet its computed F rounds by ulp(b1)/2 at x + b1; the layer adds h
 * times that (docs/theory.md, "Ground truth and vacuous instances"). That rounding does not grow with the state, so
 * it is carried to the last layer as the later layers carry any error ({@link #roundingScale}), and taken at the
 * stage states, which lie farther out than the layer's state.
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
     * may round by more, the measured distances of the runs from the same layers in the finer system plus those
     * runs' allowance, whichever is larger.
     *
     * @param map         the layer map every run took, each from its first state
     * @param scale       the size of the largest state, for the model
     * @param sizedBy     the field whose bounds size the terms every run's F sums ({@link #layerTerms}), and whose
     *                    Lipschitz constant bounds how the later layers carry their rounding ({@link #roundingScale})
     * @param termsBeyond a bound of the size, and of the Lipschitz constant, of the terms a run's F sums beside
     *                    {@code sizedBy}'s
     */
    @SafeVarargs
    static <T extends RealFieldElement<T>> Resolution of(LayerMap map, NumberSystem<T> numbers, double scale,
            CertifiedField sizedBy, double termsBeyond, Layers<T>... runs) {
        int depth = runs[0].states().layers();
        double horizon = runs[0].states().horizon().getReal();
        RoundingScale perLayer = roundingScale(map, horizon / depth, depth, horizon, scale, sizedBy, termsBeyond,
                runs);
        boolean modelHolds = Arrays.stream(runs).allMatch(run -> run.field().roundsRelativeToItsState());
        if (modelHolds && perLayer.carried() <= perLayer.layer()) {
            return Resolution.ofLayers(depth, numbers.epsilon(), perLayer.layer() + perLayer.carried());
        }
        // a carry that more than doubles the model rests on K, which may be far above the layers' real growth (a
        // LayerNorm's 1/sqrt(eps)): the rounding is measured instead, carry and all
        Resolution model = Resolution.ofLayers(depth, numbers.epsilon(), perLayer.layer());
        NumberSystem<?> finer = numbers.finer();
        double finerShare = finer.epsilon() / numbers.epsilon();
        double measured = 0;
        for (Layers<T> run : runs) {
            measured += distanceFromFiner(run.field(), map, run.states(), finer) * (1 + 2 * finerShare)
                    + Resolution.ofLayers(depth, finer.epsilon(), perLayer.layer()).value();
        }
        return new Resolution(Math.max(model.value(), measured));
    }

    /**
     * @param layer   the size each layer rounds relative to
     * @param carried what the later layers add to it, per layer
     */
    private record RoundingScale(double layer, double carried) {
    }

    /**
     * The size, per layer, that the model's units of rounding are counted on. One layer rounds by ulps of its state
     * and of h times F's terms: the layer's own sum and product, and F's rounding, a few units of F's terms at each
     * stage ({@link #layerTerms}); the model takes the largest of both over the runs for every layer. Rounding up to
     * the state's size grows no faster than the state. The part beyond layer l's state (an FFN's cancelling biases
     * round by ulps of b1 at a state near 0) does not grow with it, and moves the last state by up to
     * (1 + z g(z))^(L-1-l) times it, z = hK: the later layers' Lipschitz constant ({@link LayerMap#incrementLipschitz}
     * g). What that carries beyond the part itself is added, for each run, to the L layers' allowance (an infinite K
     * or an overflow makes it infinite, and the comparison vacuous).
     */
    @SafeVarargs
    private static <T extends RealFieldElement<T>> RoundingScale roundingScale(LayerMap map, double step, int depth,
            double horizon, double scale, CertifiedField sizedBy, double termsBeyond, Layers<T>... runs) {
        Optional<TokenTerms> tokenTerms = sizedBy.termsBeyondState();
        if (tokenTerms.isEmpty() && termsBeyond == 0) {
            return new RoundingScale(scale, 0);
        }
        double z = step * (sizedBy.certificate().lipschitz() + termsBeyond);
        double stageWeight = map.incrementLipschitz(new Decimal64(z)).getReal();
        double laterLayer = 1 + z * stageWeight;
        double largestTerms = 0;
        double carriedBeyond = 0;
        for (Layers<T> run : runs) {
            double carry = 1;
            for (int l = depth; l >= 0; l--) {
                double[] state = run.states().stateAsDoubles(l);
                double terms = step * stageWeight * (layerTerms(tokenTerms, map, step, horizon, state) + termsBeyond);
                largestTerms = Math.max(largestTerms, terms);
                double beyondState = terms - Region.euclideanNorm(state);
                if (l < depth) {
                    if (beyondState > 0 && carry > 1) {
                        carriedBeyond += (carry - 1) * beyondState;
                    }
                    carry *= laterLayer;
                }
            }
        }
        return new RoundingScale(Math.max(scale, largestTerms), carriedBeyond / depth);
    }

    /**
     * A bound of the size of the terms F sums in a layer from {@code state}, at the state and the stage states after
     * it, where they may exceed the state ({@link CertifiedField#termsBeyondState}): a token field's bound of every
     * term at the largest token of its stages ({@link LayerMap#stageRadius} of the state's largest token; the biases
     * and act(W1 x + b1) an FFN weighs, the values attention weighs) for each of its n tokens, sqrt(n) times it over a
     * state; 0 for the other fields, whose terms are bounded by a few times the state (their constants times it),
     * which the state's own allowance covers
     * ({@link VectorField#roundsRelativeToItsState()}). The stages' roundings reach the layer's state weighted by h g(z)
     * in all, g the layer map's {@link LayerMap#incrementLipschitz}: the recursion that bounds the increment's
     * Lipschitz constant, with a change of the stages' slopes in place of K|x - y| (1 for Euler, 1 + z/2 + z^2/6 +
     * z^3/24 for RK4).
     */
    private static double layerTerms(Optional<TokenTerms> tokenTerms, LayerMap map, double step, double horizon,
            double[] state) {
        if (tokenTerms.isEmpty()) {
            return 0;
        }
        TokenTerms terms = tokenTerms.get();
        double stageToken = map.stageRadius(Region.maxTokenNorm(state, terms.width()), step,
                radius -> terms.boundWithin().applyAsDouble(radius, horizon));
        return Math.sqrt(terms.tokens()) * terms.boundWithin().applyAsDouble(stageToken, horizon);
    }

    /** max over the layers of |x_l - x_l at the finer precision| (Euclidean, in the finer system). */
    static <T extends RealFieldElement<T>, S extends RealFieldElement<S>> double distanceFromFiner(
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
