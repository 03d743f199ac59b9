package io.flowaudit.field;

import java.util.Optional;
import java.util.function.DoubleBinaryOperator;
import net.jqwik.api.Arbitrary;

/**
 * A vector field a claim runs on ({@link Subject}): it carries certified constants, can be certified afresh for the
 * starts a claim draws, and draws those starts itself. Every field a claim runs on is one: the random families, the
 * transformer families, real layers' weights and stated formula systems.
 */
public interface CertifiedField extends VectorField, Subject {

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

    /** A field without an inert component is a field. */
    @Override
    default Optional<CertifiedField> withoutInertComponent(int index) {
        return Optional.empty();
    }

    /** A field on one token fewer is a field. */
    @Override
    default Optional<CertifiedField> withOneTokenFewer() {
        return Optional.empty();
    }

    /**
     * The constants a proof computes C from, exactly: the certificate's doubles, unless a file wrote them as decimals.
     *
     * @throws ArithmeticException for an infinite constant
     */
    default WrittenConstants writtenConstants() {
        return WrittenConstants.of(certificate());
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
}
