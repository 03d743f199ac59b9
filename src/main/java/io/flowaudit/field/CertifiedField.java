package io.flowaudit.field;

import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleBinaryOperator;
import net.jqwik.api.Arbitrary;

/**
 * A vector field that carries certified constants, can be certified afresh for the starts a claim
 * draws, draws those starts itself, and can describe itself in a counterexample. Every field a claim
 * runs on is one: the random families, the transformer families, real layers' weights and stated
 * formula systems.
 */
public interface CertifiedField extends VectorField {

    Certificate certificate();

    /**
     * This field with constants that hold for every start in {@code domain}: on a region containing
     * the flow and every layer iterate from those starts, at every depth.
     */
    CertifiedField certifiedFor(Domain domain);

    /**
     * Initial states within {@code radius} drawn as the field's family draws them (a ball of states, or
     * a shell of tokens), shrinking toward the simplest; every one lies in {@link #domainOfStarts} of that
     * initial radius.
     */
    Arbitrary<double[]> initialStates(double radius);

    /**
     * The domain holding every start {@link #initialStates}{@code (radius)} draws, run over {@code [0,
     * horizon]}: every state of norm at most {@code radius}, unless the field draws its starts further in
     * (a transformer block's centred floor).
     */
    default Domain domainOfStarts(double radius, double horizon) {
        return new Domain(radius, horizon);
    }

    /**
     * This field without component {@code index}, when no component reads it (the others then follow
     * the same trajectories, projected), certified on this field's region, which holds those
     * projections; empty where the family cannot drop a component. A shrinking step jqwik cannot take:
     * a generated field's dimension is drawn before its weights.
     */
    default Optional<CertifiedField> withoutInertComponent(int index) {
        return Optional.empty();
    }

    /**
     * The perturbations of x0 a claim draws for this field, from the ones it draws for every field ({@code drawn}, a
     * unit direction times a size in {@code sizes}): the same values, shrinking as this field's states call for.
     */
    default Arbitrary<double[]> perturbations(Arbitrary<double[]> drawn, double[] sizes) {
        return drawn;
    }

    /** This field on one token fewer (its weights certified for that count); empty unless it acts on tokens. */
    default Optional<CertifiedField> withOneTokenFewer() {
        return Optional.empty();
    }

    /**
     * The constants an auditor stated for this field instead of certifying them, as tested against it (on first
     * use); empty for a field that certifies its own (every family, transformer or classic, and real weights).
     */
    default Optional<StatedConstants> statedConstants() {
        return Optional.empty();
    }

    /** The constants proved on this field's region in interval arithmetic, when a claim asked to derive them. */
    default Optional<DerivedConstants> derivedConstants() {
        return Optional.empty();
    }

    /**
     * The size of the terms one evaluation of F sums, where they may exceed the state itself: a token field's biases,
     * and the act(W1 x + b1) an FFN weighs or the values attention weighs, do not scale with the state, and their
     * rounding is counted on them. Empty for a field whose terms its constants times the state bound (the classic
     * families, stated systems), whose rounding the state's own allowance covers.
     */
    default Optional<TokenTerms> termsBeyondState() {
        return Optional.empty();
    }

    /**
     * The terms of a field on {@code tokens} tokens of {@code width} components: each at most
     * {@code boundWithin(r, T)} at every state whose tokens have norm at most r, for t in [0, T].
     */
    record TokenTerms(int tokens, int width, DoubleBinaryOperator boundWithin) {
    }

    /** The family this instance belongs to, e.g. {@code mlp-tanh}. */
    String family();

    /** Every parameter needed to rebuild the instance (weights as nested lists), in a stable order. */
    Map<String, Object> parameters();
}
