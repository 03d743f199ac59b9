package io.flowaudit.num.interval;

import io.flowaudit.num.ApfloatElement;
import io.flowaudit.num.ExactFieldSystem;
import io.flowaudit.num.Scalars;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import org.apache.commons.math3.Field;
import org.apache.commons.math3.FieldElement;
import org.apache.commons.math3.RealFieldElement;

/**
 * Closed intervals {@code [lo, hi]} with {@link BigDecimal} endpoints of at most {@code digits}
 * significant digits, rounded outward after every operation: every result encloses the exact result
 * of the operation on every point of its operands (see {@link Interval} and docs/theory.md, "Interval
 * arithmetic"). It is the number system and the commons-math3 {@link Field} of its elements, so a field
 * written over {@link RealFieldElement} evaluates on boxes unchanged.
 */
public final class IntervalSystem implements ExactFieldSystem<Interval>, Scalars.ShiftMaximum<Interval>,
        Scalars.OwnSoftmax<Interval> {

    private final int digits;
    private final MathContext down;
    private final MathContext up;
    private final Interval zero;
    private final Interval one;

    public IntervalSystem(int digits) {
        if (digits < 4) {
            throw new IllegalArgumentException("interval precision must be at least 4 digits, got " + digits);
        }
        this.digits = digits;
        this.down = new MathContext(digits, RoundingMode.FLOOR);
        this.up = new MathContext(digits, RoundingMode.CEILING);
        this.zero = new Interval(this, BigDecimal.ZERO, BigDecimal.ZERO);
        this.one = new Interval(this, BigDecimal.ONE, BigDecimal.ONE);
    }

    MathContext down() {
        return down;
    }

    MathContext up() {
        return up;
    }

    /**
     * The largest upper end of {@code values[from..to)}, as a point. A shift-invariant computation (softmax,
     * log-sum-exp; {@link Scalars#maximumAsShift}) is exact for any constant shift, so the shift need not enclose the
     * maximum: subtracting the largest interval itself would subtract a row's own entry from itself ([-w, w], not 0)
     * and widen every weight at every evaluation, a width RK4's stages compounded to 25 of 40 digits in 8 layers of
     * two-head attention. With the largest upper end no shifted entry exceeds 0, so exp stays at most 1.
     */
    @Override
    public Interval maximumAsShift(Interval[] values, int from, int to) {
        BigDecimal largest = values[from].hi();
        for (int j = from + 1; j < to; j++) {
            largest = largest.max(values[j].hi());
        }
        return new Interval(this, largest, largest);
    }

    /**
     * Each weight as {@code p_i = a / (a + b)} with {@code a = exp(s_i - c)}, {@code b = sum_{k != i} exp(s_k - c)} and
     * c the point of {@link #maximumAsShift}. The quotient increases with a and decreases with b, which depend on
     * disjoint scores, each monotonically, so {@code [a⁻/(a⁻ + b⁺), a⁺/(a⁺ + b⁻)]} is the exact range of p_i over the
     * row's box, up to rounding. The plain quotient {@code exp(s_i - c) / sum_k exp(s_k - c)} has s_i in both its
     * numerator and its denominator: its width is about that of the scores whatever the weight, where the exact range
     * narrows by {@code p_i (1 - p_i)} when one weight dominates: after 8 RK4 layers of a two-head field the widest
     * box was 1.5e-18 wide with the quotient and 9.8e-37 with this (LayersInIntervalsProperties). b is summed from
     * both ends (no subtraction, which would widen it).
     */
    @Override
    public void softmax(Interval[] row) {
        Interval shift = maximumAsShift(row, 0, row.length);
        int n = row.length;
        Interval[] exps = new Interval[n];
        for (int j = 0; j < n; j++) {
            exps[j] = row[j].subtract(shift).exp();
        }
        // before[i] = sum_{k < i} exps[k], after[i] = sum_{k >= i} exps[k]
        Interval[] before = new Interval[n + 1];
        Interval[] after = new Interval[n + 1];
        before[0] = zero;
        after[n] = zero;
        for (int j = 0; j < n; j++) {
            before[j + 1] = before[j].add(exps[j]);
            after[n - 1 - j] = after[n - j].add(exps[n - 1 - j]);
        }
        for (int i = 0; i < n; i++) {
            row[i] = weight(exps[i], before[i].add(after[i + 1]));
        }
    }

    /** {@code a / (a + b)} over {@code a >= 0}, {@code b >= 0} with {@code a⁺ > 0} (exp's upper end is never 0). */
    private Interval weight(Interval a, Interval b) {
        BigDecimal lower = a.lo().signum() == 0 ? BigDecimal.ZERO
                : a.lo().divide(a.lo().add(b.hi(), up), down);
        BigDecimal upper = a.hi().divide(a.hi().add(b.lo(), down), up).min(BigDecimal.ONE);
        return new Interval(this, lower, upper);
    }

    /** The smallest interval of this precision that contains {@code [lo, hi]}. */
    public Interval enclosing(BigDecimal lo, BigDecimal hi) {
        if (lo.compareTo(hi) > 0) {
            throw new IllegalArgumentException("interval lower end " + lo + " exceeds upper end " + hi);
        }
        return new Interval(this, lo.round(down), hi.round(up));
    }

    /** The smallest interval of this precision that contains the exact number {@code value}. */
    public Interval enclosing(BigDecimal value) {
        return enclosing(value, value);
    }

    /** {@code x} at this precision, rounded outward (exact when x has at most {@link #digits()} digits). */
    Interval rounded(Interval x) {
        return x.system() == this ? x : enclosing(x.lo(), x.hi());
    }

    @Override
    public Interval getZero() {
        return zero;
    }

    @Override
    public Interval getOne() {
        return one;
    }

    @Override
    public Class<? extends FieldElement<Interval>> getRuntimeClass() {
        return Interval.class;
    }

    @Override
    public Interval fromDecimal(String decimalText) {
        return enclosing(new BigDecimal(decimalText));
    }

    @Override
    public Interval fromDouble(double value) {
        return enclosing(new BigDecimal(ExactFieldSystem.finite(value)));
    }

    @Override
    public Interval fromInt(int value) {
        return enclosing(BigDecimal.valueOf(value));
    }

    /** pi, enclosed by Machin's formula with bounded remainders ({@link Elementary#pi}). */
    @Override
    public Interval pi() {
        return Elementary.pi(digits).roundedTo(this);
    }

    /**
     * Another interval rounded outward to this precision; an apfloat or a double is taken as the exact
     * number it holds. Any other element is read through its double value, which need not be exact.
     */
    @Override
    public Interval from(RealFieldElement<?> value) {
        if (value instanceof Interval interval) {
            return enclosing(interval.lo(), interval.hi());
        }
        if (value instanceof ApfloatElement apfloat) {
            return enclosing(new BigDecimal(apfloat.value().toString(false)));
        }
        return fromDouble(value.getReal());
    }

    @Override
    public int digits() {
        return digits;
    }

    /** The relative spacing of {@code digits}-digit decimals just above one. */
    @Override
    public double epsilon() {
        return StrictMath.pow(10, 1 - digits);
    }

    /** {@code [lo, hi]}, each end rounded outward to {@code significantDigits} digits. */
    @Override
    public String format(Interval value, int significantDigits) {
        int shown = Math.max(1, Math.min(significantDigits, digits));
        return "[" + value.lo().round(new MathContext(shown, RoundingMode.FLOOR)).stripTrailingZeros() + ", "
                + value.hi().round(new MathContext(shown, RoundingMode.CEILING)).stripTrailingZeros() + "]";
    }

    /** ln of the midpoint's magnitude, from its decimal exponent so that 1e400 is no overflow. */
    @Override
    public double logAbs(Interval value) {
        BigDecimal middle = value.midpoint().abs();
        if (middle.signum() == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        int exponent = Elementary.decimalExponent(middle);
        return StrictMath.log(middle.movePointLeft(exponent).doubleValue()) + exponent * StrictMath.log(10);
    }

    @Override
    public String name() {
        return "interval(" + digits + ")";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IntervalSystem system && system.digits == digits;
    }

    @Override
    public int hashCode() {
        return digits;
    }

    @Override
    public String toString() {
        return name();
    }
}
