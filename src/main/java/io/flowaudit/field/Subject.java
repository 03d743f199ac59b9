package io.flowaudit.field;

import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitrary;

/**
 * What a claim's tries run on, as the runner that draws, counts and shrinks them reads it: a certified vector field
 * ({@link CertifiedField}), or an input of the real checkpoint, which is a stack of layer maps and no vector field
 * (only the checks on the model run on it, and they read the layers themselves).
 */
public interface Subject {

    /** The dimension of its states. */
    int dimension();

    /**
     * Its certified constants: a field's on its region; {@link Certificate#VACUOUS} for a subject whose checks certify
     * what they need themselves.
     */
    Certificate certificate();

    /**
     * The perturbations of x0 a claim draws for this subject, from the ones it draws for every subject ({@code drawn},
     * a unit direction times a size in {@code sizes}): the same values, shrinking as this subject's states call for.
     */
    default Arbitrary<double[]> perturbations(Arbitrary<double[]> drawn, double[] sizes) {
        return drawn;
    }

    /**
     * This subject without component {@code index}, when no component reads it (the others then follow the same
     * trajectories, projected), certified on this subject's region, which holds those projections; empty where the
     * family cannot drop a component. A shrinking step jqwik cannot take: a generated field's dimension is drawn
     * before its weights.
     */
    default Optional<? extends Subject> withoutInertComponent(int index) {
        return Optional.empty();
    }

    /** This subject on one token fewer (its weights certified for that count); empty unless it acts on tokens. */
    default Optional<? extends Subject> withOneTokenFewer() {
        return Optional.empty();
    }

    /**
     * The constants an auditor stated for this subject instead of certifying them, as tested against it (on first
     * use); empty for one that certifies its own (every family, transformer or classic, and real weights).
     */
    default Optional<StatedConstants> statedConstants() {
        return Optional.empty();
    }

    /** The family this instance belongs to, e.g. {@code mlp-tanh}. */
    String family();

    /** What a counterexample's heading calls it, e.g. {@code mlp-tanh field of dimension 2}. */
    default String description() {
        return family() + " field of dimension " + dimension();
    }

    /** Every parameter needed to rebuild the instance (weights as nested lists), in a stable order. */
    Map<String, Object> parameters();
}
