package io.flowaudit.gen;

import io.flowaudit.field.Domain;
import io.flowaudit.field.family.FamilyField;
import net.jqwik.api.Arbitrary;
import org.apiguardian.api.API;

/**
 * The configuration every arbitrary of classic fields shares. Each method returns a new arbitrary; the
 * receiver is unchanged (jqwik arbitraries are immutable values).
 *
 * @param <A> the arbitrary's own type, which the setters return
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface FieldArbitrary<F extends FamilyField, A extends FieldArbitrary<F, A>> extends Arbitrary<F> {

    /** Fields with {@code min <= D <= max}; shrinks toward {@code min}. */
    A dimension(int min, int max);

    /**
     * Fields whose certified Lipschitz constant K lies in {@code [min, max]}; shrinks toward
     * {@code min} (toward 0 when {@code min = 0}). Unless {@code min = max = 0}, the range must be
     * wider than a relative 2e-9, the room the outward rounding of K needs.
     */
    A lipschitz(double min, double max);

    /**
     * Fields whose {@link FamilyField#certificate()} holds on {@link FamilyField#regionFor}{@code (domain)}:
     * every trajectory and layer iterate from {@code |x0| <= r_0} over {@code [0, T]} stays there. The
     * default is {@link Domain#UNIT}.
     */
    A certifiedFor(Domain domain);

    /**
     * This arbitrary, its settings checked against each other now. Each setter checks its own values, but settings
     * that contradict one another (a mu range below -K, non-normal matrices of dimension 1) are found only at the first
     * draw otherwise, since a later setter may still reconcile them: call this once the configuration is complete.
     *
     * @throws IllegalArgumentException naming the contradiction, as the first draw would
     */
    A validated();
}
