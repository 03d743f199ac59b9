package io.flowaudit.flow.enclosure;

import io.flowaudit.field.Outward;
import io.flowaudit.field.ProvedConstants;
import io.flowaudit.field.VectorField;
import io.flowaudit.flow.TaylorSolution;
import io.flowaudit.num.interval.Interval;
import io.flowaudit.num.interval.IntervalSystem;
import io.flowaudit.num.taylor.Tape;
import io.flowaudit.num.taylor.TaylorEvaluator;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Arrays;
import org.apache.commons.math3.RealFieldElement;

/**
 * An a-posteriori enclosure of the exact solution of {@code x' = F(t, x)}, {@code x(0) = x0}, on [0, T],
 * around a piecewise-polynomial approximation p (a {@link TaylorSolution}): the defect
 * {@code d = p' - F(t, p)} is bounded on every step in interval arithmetic, and fed through the
 * one-sided-Lipschitz Gronwall bound {@code |x - p|(t) <= e^{mu t}|x0 - p(0)| + int e^{mu (t-s)} |d(s)| ds}
 * with mu proved ({@link ProvedConstants}) on a tube around p that the bound itself is then shown to stay
 * inside (docs/theory.md, "Validated flow"). Norms are Euclidean.
 */
public final class FlowEnclosure {

    /** Tube radius tried first, relative to max(1, |p|): far above the bound, far below the solution's scale. */
    private static final BigDecimal FIRST_TUBE = new BigDecimal("1e-10");

    /**
     * Retries with a tube this many times the last bound, when the bound exceeded the tube; never with a
     * tube wider than max(1, |p|), where the bound would say nothing about the solution.
     */
    private static final BigDecimal TUBE_GROWTH = BigDecimal.TEN;
    private static final int TUBE_ATTEMPTS = 3;

    /**
     * Each step of p is cut into at most this many pieces, halving them while that at least halves the bound. The
     * Lagrange term of a piece reads the field's N-th Taylor coefficient over the whole piece in intervals, and a
     * recurrence with divisions (a square root's, a fractional power's) widens such an enclosure with every order:
     * x' = sqrt(x) from 1 on [0, 1] was refused with a bound of 10.9 on its two whole steps.
     */
    private static final int MAX_PIECES = 16;

    /** mu needs no more than a few per cent: it enters only as e^{mu T} on a bound far below the width asked. */
    private static final double MU_TOLERANCE = 0.05;
    private static final int MU_BOX_BUDGET = 100;

    private static final MathContext SHOWN = new MathContext(4, RoundingMode.CEILING);

    private FlowEnclosure() {
    }

    /**
     * The proved enclosure of x(T).
     *
     * @param initial exact x(0)
     * @param horizon exact T; the reference's last step is taken to end there
     * @param digits  interval precision; at least the reference's digits, so its coefficients enter exactly
     * @throws EnclosureFailedException when the field cannot be bounded on the region, or the bound leaves the tube
     */
    public static <S extends RealFieldElement<S>> Enclosure enclose(VectorField field, BigDecimal[] initial,
            TaylorSolution<S> reference, BigDecimal horizon, int digits) {
        IntervalSystem numbers = new IntervalSystem(digits);
        BoundAboveTube tooWide = null;
        for (int pieces = 1; pieces <= MAX_PIECES; pieces *= 2) {
            try {
                return enclose(field, initial, numbers, stepBounds(field, numbers, reference,
                        numbers.enclosing(horizon), pieces), reference.steps(), horizon);
            } catch (BoundAboveTube e) {
                // a halving that did not at least halve the bound is no start of a way below the tube
                if (tooWide != null && e.bound.multiply(BigDecimal.valueOf(2)).compareTo(tooWide.bound) > 0) {
                    throw e;
                }
                tooWide = e;
            }
        }
        throw tooWide;
    }

    private static Enclosure enclose(VectorField field, BigDecimal[] initial, IntervalSystem numbers,
            StepBounds[] steps, int referenceSteps, BigDecimal horizon) {
        int n = field.dimension();
        Interval[] start = new Interval[n];
        for (int i = 0; i < n; i++) {
            start[i] = numbers.enclosing(initial[i]).subtract(steps[0].coefficients[i][0]);
        }
        BigDecimal initialError = norm(numbers, start);
        BigDecimal scale = BigDecimal.ONE;
        for (StepBounds step : steps) {
            for (Interval range : step.range) {
                scale = scale.max(range.magnitude());
            }
        }
        BigDecimal tube = scale.multiply(FIRST_TUBE);
        for (int attempt = 1; ; attempt++) {
            double[] mu = new double[steps.length];
            for (int k = 0; k < steps.length; k++) {
                mu[k] = provedMu(field, steps[k], tube, horizon);
            }
            double largestMu = Arrays.stream(mu).max().orElseThrow();
            Gronwall bound = gronwall(numbers, steps, initialError, mu);
            if (bound.sup.compareTo(tube) < 0) {
                Interval[] atHorizon = new Interval[n];
                Interval spread = numbers.enclosing(bound.atEnd.negate(), bound.atEnd);
                for (int i = 0; i < n; i++) {
                    atHorizon[i] = steps[steps.length - 1].atEnd[i].add(spread);
                }
                return new Enclosure(atHorizon, bound.atEnd, bound.sup, tube, largestMu, referenceSteps,
                        new EnclosedTrajectory(pieces(steps), bound.sup));
            }
            BigDecimal wider = bound.sup.multiply(TUBE_GROWTH);
            if (attempt == TUBE_ATTEMPTS || wider.compareTo(scale) > 0) {
                throw new BoundAboveTube(bound.sup, "the error bound " + shown(bound.sup) + " of the reference is not"
                        + " below the radius " + shown(tube) + " of the tube on which mu <= " + largestMu + " was proved"
                        + " (nor with its steps cut into pieces), so the solution is not shown to stay in the tube (the"
                        + " defect is too large, or the solution grows too fast to enclose)");
            }
            tube = wider;
        }
    }

    /**
     * The proved result: every component of x(T) lies in {@code atHorizon}.
     *
     * @param errorAtHorizon a bound of |x(T) - p(T)|
     * @param errorBound     a bound of |x(t) - p(t)| on all of [0, T]
     * @param tube           the radius of the tube around p on which mu was proved
     * @param mu             the largest of the one-sided Lipschitz constants proved step by step
     * @param steps          reference steps covered
     * @param trajectory     x(t) enclosed at any t in [0, T]
     */
    public record Enclosure(Interval[] atHorizon, BigDecimal errorAtHorizon, BigDecimal errorBound,
            BigDecimal tube, double mu, int steps, EnclosedTrajectory trajectory) {
    }

    private static EnclosedTrajectory.Piece[] pieces(StepBounds[] steps) {
        EnclosedTrajectory.Piece[] pieces = new EnclosedTrajectory.Piece[steps.length];
        for (int k = 0; k < steps.length; k++) {
            pieces[k] = new EnclosedTrajectory.Piece(steps[k].startTime, steps[k].length, steps[k].coefficients);
        }
        return pieces;
    }

    /**
     * What one step of p contributes, all enclosures: its start, its coefficients, exact step length, the range of p
     * over the step, p at the step's end, the integral of |d| over it, and the jump to the next step's start.
     */
    private record StepBounds(Interval startTime, Interval[][] coefficients, Interval length, Interval[] range,
            Interval[] atEnd, BigDecimal defectIntegral, BigDecimal jump) {
    }

    /** The bounds of every step of the reference, each step cut into {@code pieces} of equal length. */
    private static <S extends RealFieldElement<S>> StepBounds[] stepBounds(VectorField field, IntervalSystem numbers,
            TaylorSolution<S> reference, Interval horizon, int pieces) {
        int order = reference.order();
        TaylorEvaluator<Interval> taylor = new TaylorEvaluator<>(Tape.record(field.dimension(), field::evaluate),
                numbers, order);
        int count = reference.steps();
        StepBounds[] bounds = new StepBounds[count * pieces];
        Interval[][] coefficients = exact(numbers, reference.stepCoefficients(0));
        for (int k = 0; k < count; k++) {
            Interval stepStart = numbers.from(reference.gridTime(k));
            Interval endTime = k + 1 < count ? numbers.from(reference.gridTime(k + 1)) : horizon;
            Interval stepLength = endTime.subtract(stepStart);
            Interval[][] next = k + 1 < count ? exact(numbers, reference.stepCoefficients(k + 1)) : null;
            Interval pieceLength = stepLength.divide(numbers.fromInt(pieces));
            Interval[][] piece = coefficients;
            for (int m = 0; m < pieces; m++) {
                Interval offset = pieceLength.multiply(m);
                Interval startTime = stepStart.add(offset);
                // the last piece ends where the step does; the polynomial at the next piece's start is its jump's end
                Interval length = m + 1 < pieces ? pieceLength : stepLength.subtract(offset);
                Interval[][] following = m + 1 < pieces ? shifted(coefficients, pieceLength.multiply(m + 1)) : next;
                try {
                    bounds[k * pieces + m] = step(taylor, numbers, piece, startTime, length, following);
                } catch (ArithmeticException e) {
                    throw new EnclosureFailedException("the defect of the reference cannot be bounded on its step from"
                            + " t = " + startTime.getReal() + ": " + e.getMessage());
                }
                piece = following;
            }
            coefficients = next;
        }
        return bounds;
    }

    /** The coefficients of {@code p(offset + s)} in s, for each component. */
    private static Interval[][] shifted(Interval[][] coefficients, Interval offset) {
        Interval[][] out = new Interval[coefficients.length][];
        for (int i = 0; i < coefficients.length; i++) {
            out[i] = taylorShift(coefficients[i], offset);
        }
        return out;
    }

    private static StepBounds step(TaylorEvaluator<Interval> taylor, IntervalSystem numbers, Interval[][] c,
            Interval startTime, Interval length, Interval[][] next) {
        int n = c.length;
        int order = taylor.order();
        // s ranges over [0, H]; hi(H) covers the exact length
        Interval span = numbers.enclosing(BigDecimal.ZERO, length.hi());
        Interval[][] atPoint = taylor.fieldCoefficients(startTime, c);
        Interval[][] shifted = shifted(c, span);
        // Lagrange: g(s) = sum_{j<N} g_j(0) s^j + g_N(xi) s^N with g_N(xi) the N-th coefficient at some xi in [0, H]
        Interval[][] overStep = taylor.fieldCoefficients(startTime.add(span), shifted);
        Interval h = numbers.enclosing(length.hi());
        BigDecimal defectIntegral = BigDecimal.ZERO;
        Interval[] range = new Interval[n];
        Interval[] atEnd = new Interval[n];
        Interval[] jump = new Interval[n];
        for (int i = 0; i < n; i++) {
            // int_0^H |d_i| <= sum_j |(j+1) c_{j+1} - g_j(0)| H^{j+1}/(j+1) + max|g_N| H^{N+1}/(N+1)
            Interval integral = numbers.getZero();
            Interval power = h;
            for (int j = 0; j < order; j++) {
                Interval coefficient = c[i][j + 1].multiply(j + 1).subtract(atPoint[i][j]);
                integral = integral.add(numbers.enclosing(coefficient.magnitude()).multiply(power).divide(j + 1));
                power = power.multiply(h);
            }
            integral = integral.add(numbers.enclosing(overStep[i][order].magnitude()).multiply(power).divide(order + 1));
            // |d|_2 <= |d|_1, so the components' integrals add up to a bound of the Euclidean one
            defectIntegral = defectIntegral.add(integral.hi());
            range[i] = shifted[i][0];
            atEnd[i] = EnclosedTrajectory.horner(c[i], length);
            jump[i] = next == null ? numbers.getZero() : next[i][0].subtract(atEnd[i]);
        }
        return new StepBounds(startTime, c, length, range, atEnd, defectIntegral, norm(numbers, jump));
    }

    /** The coefficients of {@code p(xi + s)} in s, for every xi in the interval: Horner's scheme, repeated. */
    private static Interval[] taylorShift(Interval[] coefficients, Interval xi) {
        Interval[] a = coefficients.clone();
        int degree = a.length - 1;
        for (int i = 0; i < degree; i++) {
            for (int k = degree - 1; k >= i; k--) {
                a[k] = a[k].add(a[k + 1].multiply(xi));
            }
        }
        return a;
    }

    /**
     * The bound through the steps: on a step of length H starting with error E, with D the integral of |d|,
     * {@code |e| <= e^{max(mu,0) H} (E + D)} throughout and {@code |e(H)| <= e^{mu H} E + e^{max(mu,0) H} D};
     * the jump between consecutive polynomials is added at each step boundary. {@code mu[k]} holds on step k's part of the tube.
     */
    private static Gronwall gronwall(IntervalSystem numbers, StepBounds[] steps, BigDecimal initialError, double[] mu) {
        BigDecimal error = initialError;
        BigDecimal sup = initialError;
        for (int k = 0; k < steps.length; k++) {
            StepBounds step = steps[k];
            Interval rate = numbers.fromDouble(mu[k]);
            Interval growthRate = numbers.fromDouble(Math.max(mu[k], 0));
            Interval h = numbers.enclosing(step.length.hi());
            Interval decay = rate.multiply(step.length).exp();
            Interval growth = growthRate.multiply(h).exp();
            Interval defect = numbers.enclosing(step.defectIntegral);
            Interval carried = numbers.enclosing(error);
            sup = sup.max(growth.multiply(carried.add(defect)).hi());
            error = decay.multiply(carried).add(growth.multiply(defect)).hi();
            if (step.jump.signum() != 0) {
                error = numbers.enclosing(error).add(numbers.enclosing(step.jump)).hi();
                sup = sup.max(error);
            }
        }
        return new Gronwall(error, sup);
    }

    /** The refusal when the bound stays above the tube, with the bound, to tell whether cutting the steps helps. */
    private static final class BoundAboveTube extends EnclosureFailedException {
        private final transient BigDecimal bound;

        BoundAboveTube(BigDecimal bound, String message) {
            super(message);
            this.bound = bound;
        }
    }

    /** Bounds of |x - p|: at T, and over [0, T]. */
    private record Gronwall(BigDecimal atEnd, BigDecimal sup) {
    }

    /**
     * mu of one step on {@code [0, T] x B}, B the range of p over the step widened by the tube radius in every
     * component: a convex set that holds the step's part of the tube {@code |x - p(t)| <= r} and every segment
     * between two of its points. (Time is taken over all of [0, T]: sound, and only looser where F depends on t.)
     */
    private static double provedMu(VectorField field, StepBounds step, BigDecimal tube, BigDecimal horizon) {
        int n = field.dimension();
        double[] lo = new double[n];
        double[] hi = new double[n];
        for (int i = 0; i < n; i++) {
            lo[i] = Outward.greatestDoubleAtMost(step.range[i].lo().subtract(tube));
            hi[i] = Outward.leastDoubleAtLeast(step.range[i].hi().add(tube));
        }
        String box = "the box " + Arrays.toString(lo) + " .. " + Arrays.toString(hi) + " over [0, T]";
        double mu;
        try {
            mu = ProvedConstants.oneSidedOn(field, lo, hi, Outward.leastDoubleAtLeast(horizon), MU_TOLERANCE,
                    MU_BOX_BUDGET).oneSidedLipschitz();
        } catch (ArithmeticException e) {
            throw new EnclosureFailedException("mu cannot be derived on the region around the reference, " + box
                    + ": " + e.getMessage());
        }
        if (!Double.isFinite(mu)) {
            throw new EnclosureFailedException("mu cannot be derived on the region around the reference, " + box
                    + ": no finite bound within " + MU_BOX_BUDGET + " sub-boxes (the Jacobian's enclosure there is"
                    + " beyond double range or too wide)");
        }
        return mu;
    }

    private static <S extends RealFieldElement<S>> Interval[][] exact(IntervalSystem numbers, S[][] coefficients) {
        Interval[][] out = new Interval[coefficients.length][];
        for (int i = 0; i < coefficients.length; i++) {
            out[i] = new Interval[coefficients[i].length];
            for (int k = 0; k < coefficients[i].length; k++) {
                out[i][k] = numbers.from(coefficients[i][k]);
            }
        }
        return out;
    }

    /** An upper bound of the Euclidean norm of every vector in the box. */
    private static BigDecimal norm(IntervalSystem numbers, Interval[] box) {
        Interval sum = numbers.getZero();
        for (Interval component : box) {
            Interval magnitude = numbers.enclosing(component.magnitude());
            sum = sum.add(magnitude.multiply(magnitude));
        }
        return sum.sqrt().hi();
    }

    private static String shown(BigDecimal x) {
        return x.round(SHOWN).toString();
    }
}
