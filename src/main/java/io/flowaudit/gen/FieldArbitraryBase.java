package io.flowaudit.gen;

import io.flowaudit.field.Domain;
import io.flowaudit.field.DoubleDraws;
import io.flowaudit.field.family.FamilyField;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.arbitraries.ArbitraryDecorator;

/**
 * The shared half of every family's arbitrary: the dimension and Lipschitz ranges and the region the
 * certificate is for. A configured copy is a new instance (never a clone, so no generator built for
 * the old configuration is reused).
 */
abstract class FieldArbitraryBase<F extends FamilyField, A extends FieldArbitrary<F, A>>
        extends ArbitraryDecorator<F> implements FieldArbitrary<F, A> {

    /**
     * Targets keep this (relative) distance from the ends of the requested ranges that a certified
     * constant could cross: certified constants exceed their targets by the outward rounding, at most
     * a relative 1e-10 for D <= 100, and composite families can also fall a relative 1e-15 short.
     */
    static final double ROUNDING_ROOM = 1e-9;

    /**
     * The largest |K| and |mu| a range may ask for: the SVD that certifies K squares the entries, and from a K of
     * about 1e154 on it overflows and fails with commons-math's bare "convergence failed" when the first field is
     * drawn (1e160 did for all four families, 1e150 did not); 1e100 keeps well clear of that for every dimension.
     */
    static final double MAX_CONSTANT_MAGNITUDE = 1e100;

    record Common(int minDimension, int maxDimension, double minLipschitz, double maxLipschitz, Domain domain) {

        static final Common DEFAULT = new Common(Fields.MIN_DIMENSION, Fields.MAX_DIMENSION,
                Fields.MIN_LIPSCHITZ, Fields.MAX_LIPSCHITZ, Domain.UNIT);
    }

    final Common common;

    FieldArbitraryBase(Common common) {
        this.common = common;
    }

    abstract A with(Common common);

    /**
     * Fields of one dimension: the arbitrary draws D first, so D shrinks independently of the rest. Each family
     * draws its scalar targets (K, mu, ...) before the weights, whose count depends on D: a shrunk D redraws the
     * rest from the same seed, and only then does it keep the targets that made the property fail.
     */
    abstract Arbitrary<F> ofDimension(int dimension);

    @Override
    protected Arbitrary<F> arbitrary() {
        Memoized<F> byDimension = new Memoized<>();
        return dimensions().flatMap(dimension -> byDimension.get(dimension, () -> ofDimension(dimension)));
    }

    Arbitrary<Integer> dimensions() {
        return Arbitraries.integers().between(common.minDimension(), common.maxDimension());
    }

    /** What the first draw checks, without drawing: the dimension range, and the fields of one dimension. */
    @Override
    @SuppressWarnings("unchecked")
    public A validated() {
        dimensions();
        ofDimension(common.maxDimension());
        return (A) this;
    }

    @Override
    public A dimension(int min, int max) {
        if (min < 1 || max < min) {
            throw new IllegalArgumentException("dimension range must satisfy 1 <= min <= max, got [" + min + ", "
                    + max + "]");
        }
        return with(new Common(min, max, common.minLipschitz(), common.maxLipschitz(), common.domain()));
    }

    @Override
    public A lipschitz(double min, double max) {
        boolean zeroOnly = min == 0 && max == 0;
        if (!(min >= 0) || !(max >= min) || !(max <= MAX_CONSTANT_MAGNITUDE)
                || !zeroOnly && max * (1 - ROUNDING_ROOM) < min * (1 + ROUNDING_ROOM)) {
            throw new IllegalArgumentException("Lipschitz range must satisfy 0 <= min < max <= "
                    + MAX_CONSTANT_MAGNITUDE + " (or"
                    + " min = max = 0) with a relative width above " + 2 * ROUNDING_ROOM + ", got [" + min + ", "
                    + max + "]");
        }
        return with(new Common(common.minDimension(), common.maxDimension(), min, max, common.domain()));
    }

    @Override
    public A certifiedFor(Domain domain) {
        return with(new Common(common.minDimension(), common.maxDimension(), common.minLipschitz(),
                common.maxLipschitz(), domain));
    }

    /**
     * The requested K, drawn from the range and kept {@link #ROUNDING_ROOM} below its top: the
     * linear, MLP and time-dependent families certify K a relative 1e-10 at most above the target
     * and never below it, so the lower end needs no room and shrinks to a clean value.
     */
    Arbitrary<Double> lipschitzTargets() {
        double highest = common.maxLipschitz() * (1 - ROUNDING_ROOM);
        return DoubleDraws.between(common.minLipschitz(), common.maxLipschitz())
                .map(k -> Math.min(k, highest));
    }

    /** The field certified on the configured region (each family's certifiedOn returns its own type). */
    @SuppressWarnings("unchecked")
    F certified(FamilyField field) {
        return (F) field.certifiedFor(common.domain());
    }
}
