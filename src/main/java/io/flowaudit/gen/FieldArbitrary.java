package io.flowaudit.gen;

import io.flowaudit.field.Domain;
import io.flowaudit.field.family.FamilyField;
import net.jqwik.api.Arbitrary;

/**
 * The configuration every field arbitrary shares. Each method returns a new arbitrary; the receiver
 * is unchanged (jqwik arbitraries are immutable values).
 */
public interface FieldArbitrary<F extends FamilyField> extends Arbitrary<F> {

    /** Fields with {@code min <= D <= max}; shrinks toward {@code min}. */
    FieldArbitrary<F> dimension(int min, int max);

    /**
     * Fields whose certified Lipschitz constant K lies in {@code [min, max]}; shrinks toward
     * {@code min} (toward 0 when {@code min = 0}). Unless {@code min = max = 0}, the range must be
     * wider than a relative 2e-9, the room the outward rounding of K needs.
     */
    FieldArbitrary<F> lipschitz(double min, double max);

    /**
     * Fields whose {@link FamilyField#certificate()} holds on {@link FamilyField#regionFor}{@code (domain)}:
     * every trajectory and layer iterate from {@code |x0| <= r_0} over {@code [0, T]} stays there. The
     * default is {@link Domain#UNIT}.
     */
    FieldArbitrary<F> certifiedFor(Domain domain);
}
