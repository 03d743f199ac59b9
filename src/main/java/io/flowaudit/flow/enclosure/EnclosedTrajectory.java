package io.flowaudit.flow.enclosure;

import io.flowaudit.flow.Trajectory;
import io.flowaudit.num.interval.Interval;
import io.flowaudit.num.interval.IntervalSystem;
import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The exact solution x(t) enclosed on all of [0, T]: the reference's polynomial pieces p_k, evaluated in
 * interval arithmetic, and a bound E of {@code |x(t) - p_k(t)|} (Euclidean) that {@link FlowEnclosure} proved on
 * every piece. Times are intervals, so a time such as {@code l T / L} that no decimal represents is enclosed,
 * not rounded. p is evaluated once per time interval (ends equal as BigDecimals, scale included, at the same
 * digits): a ladder's depths share most of their layer times ({@code l T / L = 2l T / 2L}), and an evaluation is
 * a pure function of those, so a remembered one is the very enclosure a new one would give.
 */
public final class EnclosedTrajectory {

    /** One piece: {@code p(t) = sum_j coefficients[i][j] (t - start)^j} on {@code [start, start + length]}. */
    record Piece(Interval start, Interval length, Interval[][] coefficients) {
    }

    private final Piece[] pieces;
    private final BigDecimal errorBound;
    private final Map<Time, Interval[]> polynomialAtTime = new ConcurrentHashMap<>();

    /** A time interval as evaluated: its ends, and the digits p is evaluated to. */
    private record Time(BigDecimal lo, BigDecimal hi, int digits) {
    }

    EnclosedTrajectory(Piece[] pieces, BigDecimal errorBound) {
        this.pieces = pieces.clone();
        this.errorBound = errorBound;
    }

    /** E: {@code |x(t) - p(t)| <= E} on [0, T], with p the piece that holds t. */
    public BigDecimal errorBound() {
        return errorBound;
    }

    /**
     * An interval holding {@code |y - x(t)|} for every y in {@code box} and every t in {@code time} (within
     * [0, T]): {@code |y - p(t)|} enclosed, widened by E either way (the triangle inequality), never below 0.
     */
    public Interval distance(Interval[] box, Interval time) {
        return widened(squaredDistance(box, time).sqrt());
    }

    /** {@code |y - p(t)|^2} enclosed, over y in {@code box} and t in {@code time}. */
    private Interval squaredDistance(Interval[] box, Interval time) {
        Interval[] p = polynomialAt(time);
        Interval sum = time.system().getZero();
        for (int i = 0; i < box.length; i++) {
            Interval difference = box[i].subtract(p[i]);
            sum = sum.add(difference.multiply(difference));
        }
        return sum;
    }

    /** {@code [max(lo - E, 0), hi + E]}, rounded outward. */
    private Interval widened(Interval distance) {
        BigDecimal lo = distance.lo().subtract(errorBound).max(BigDecimal.ZERO);
        return distance.system().enclosing(lo, distance.hi().add(errorBound));
    }

    /**
     * {@code max_l |x_l - x(t_l)|} enclosed, for layer iterates computed in interval arithmetic (each box holds
     * the exact iterate) at their times {@code t_l = l T / L} (enclosed the same way): the maximum of the
     * enclosures of every layer's distance, end by end. Each end of {@link #distance} is a nondecreasing function
     * of the same end of the squared distance (the outward-rounded square root, less or plus E, rounded again), so
     * the maximum of the distances' ends is that function of the maximum of the squares' ends: the same ends, from
     * one square root a depth instead of one a layer.
     */
    public Interval uniformDistance(Trajectory<Interval> layers) {
        Interval squared = squaredDistance(layers.state(0), layers.time(0));
        BigDecimal lo = squared.lo();
        BigDecimal hi = squared.hi();
        for (int l = 1; l <= layers.layers(); l++) {
            squared = squaredDistance(layers.state(l), layers.time(l));
            lo = lo.max(squared.lo());
            hi = hi.max(squared.hi());
        }
        return widened(squared.system().enclosing(lo, hi).sqrt());
    }

    /**
     * p at every t in {@code time}: the hull over the pieces whose span meets it, each evaluated on the part of
     * {@code time} it spans. Whichever piece holds the true t, its value is inside.
     */
    Interval[] polynomialAt(Interval time) {
        return polynomialAtTime.computeIfAbsent(new Time(time.lo(), time.hi(), time.system().digits()),
                key -> evaluated(time)).clone();
    }

    private Interval[] evaluated(Interval time) {
        IntervalSystem numbers = time.system();
        Interval[] hull = null;
        for (Piece piece : pieces) {
            Interval offset = time.subtract(piece.start());
            BigDecimal lo = offset.lo().max(BigDecimal.ZERO);
            BigDecimal hi = offset.hi().min(piece.length().hi());
            if (lo.compareTo(hi) > 0) {
                continue;
            }
            Interval s = numbers.enclosing(lo, hi);
            Interval[] value = new Interval[piece.coefficients().length];
            for (int i = 0; i < value.length; i++) {
                value[i] = horner(piece.coefficients()[i], s);
            }
            hull = hull == null ? value : hull(numbers, hull, value);
        }
        if (hull == null) {
            throw new IllegalArgumentException("the time " + time + " is outside [0, T] of the enclosure");
        }
        return hull;
    }

    private static Interval[] hull(IntervalSystem numbers, Interval[] a, Interval[] b) {
        Interval[] out = new Interval[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = numbers.enclosing(a[i].lo().min(b[i].lo()), a[i].hi().max(b[i].hi()));
        }
        return out;
    }

    static Interval horner(Interval[] c, Interval s) {
        Interval value = c[c.length - 1];
        for (int k = c.length - 2; k >= 0; k--) {
            value = value.multiply(s).add(c[k]);
        }
        return value;
    }
}
