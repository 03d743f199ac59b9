package io.flowaudit.claim;

import io.flowaudit.field.VectorField;
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
     * @param map   the layer map every run took, each from its first state
     * @param scale the size of the largest state, for the model
     */
    @SafeVarargs
    static <T extends RealFieldElement<T>> Resolution of(LayerMap map, NumberSystem<T> numbers, double scale,
            Layers<T>... runs) {
        int depth = runs[0].states().layers();
        Resolution model = Resolution.ofLayers(depth, numbers.epsilon(), scale);
        if (Arrays.stream(runs).allMatch(run -> run.field().roundsRelativeToItsState())) {
            return model;
        }
        NumberSystem<?> finer = NumberSystem.ofDigits(2 * numbers.digits());
        double finerShare = finer.epsilon() / numbers.epsilon();
        double measured = 0;
        for (Layers<T> run : runs) {
            measured += distanceFromFiner(run.field(), map, run.states(), finer) * (1 + 2 * finerShare)
                    + Resolution.ofLayers(depth, finer.epsilon(), scale).value();
        }
        return new Resolution(Math.max(model.value(), measured));
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
