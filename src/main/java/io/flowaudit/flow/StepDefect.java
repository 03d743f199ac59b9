package io.flowaudit.flow;

import io.flowaudit.field.FieldEvaluationException;
import io.flowaudit.field.VectorField;
import io.flowaudit.num.NumberSystem;
import org.apache.commons.math3.RealFieldElement;
import org.apfloat.ApfloatRuntimeException;

/**
 * The defect control of a Taylor step: the step rule and the local error read the series' tail from its last two
 * coefficients, which tells nothing when they vanish or nearly do while later ones do not, or when F has a feature
 * inside the step that its series at the step's start does not see.
 *
 * <p>exp(t^7) at t = 0 has only every seventh term, exp(t^50) none from 1 to 49, and either was once taken over
 * [0, 1] in one step with an error bound of 10^-30 and an error of 2 10^-4 or 1.7. A pulse in time,
 * exp(-((t - 0.72)/w)^2) over [0, 1], whose coefficients at t = 0 are about e^-(0.72/w)^2 while later terms grow,
 * was once taken in one step too: x(1) = 10^-43 against 1 for w = 0.05, and 10^-2184 for w = 0.01. The defect of the
 * step's polynomial, d(s) = p'(s) - F(t + s, p(s)), sees every omitted term and the pulse: it is O(s^N), so its
 * integral over the step, the step's error to first order, is about |d(h)| h / (m + 1) for its leading power
 * m >= N, at most |d(h)| h / (N + 1); the defect at h/2 bounds the first half's error the same way, and shows a
 * pulse that the step's end lies past.
 *
 * <p>Everything here is in logarithms: the pulse's coefficients and its defect at h/2 (e^-5555 for w = 0.003) lie
 * below the doubles, where a defect of 0 against a local error of 0 once let the step stand.
 */
final class StepDefect {

    /**
     * How far above its rounding a defect must stand to be read as F's own: the rounding is measured, not bounded
     * (one sample of F's rounding at each end of the step and its middle), so a margin covers a sample that happens
     * to round little.
     */
    private static final double LOG_ROUNDING_MARGIN = StrictMath.log(64);

    private static final double LOG_2 = StrictMath.log(2);

    private StepDefect() {
    }

    /**
     * The step h, halved while the defect's error estimate, max(|d(h)|, |d(h/2)|/2) h / (N + 1), exceeds the local
     * error and the defect falls as a truncation does, by 2^(N/2) or more at h/2, or stands above its rounding; and,
     * whatever its size, while the defect at h/2 neither falls so nor is rounding: the series then misses part of F
     * inside the step (the pulse: e^-495 at h/2 and e^-759 at h, below a local error of e^-83 from x = 1 alone, and
     * the pulse between them). On a series whose terms shrink by about e^-2 each, as the step rule makes them, the
     * estimate is about a sixth of the truncation alone. A defect that neither falls nor stands above its rounding is
     * the rounding of F (a field whose terms cancel: its rounding does not shrink with s, and is not the truncation
     * this guards) and keeps the step, as does F that cannot be evaluated at h/2, which the next steps' checks report.
     * With the step rule's limit at |c_(N-1)| / |c_N| a pulse costs steps on the way to it (a solve of w = 0.003
     * takes 1 s at 38 digits, w = 0.001 5 s). F that is exactly 0 at every point read is not seen: only
     * an enclosure (rigour: proved, solve --enclose) is sure of such a field. A step halved below {@code shortest}
     * is refused by the caller.
     */
    static <S extends RealFieldElement<S>> double within(VectorField field, NumberSystem<S> numbers, S t,
            StepPoints<S> points, int order, double h, double shortest) {
        S[][] coefficients = points.coefficients();
        double logTruncationDecay = order / 2.0 * LOG_2;
        double logDefect = logDefectAt(field, numbers, t, points, h);
        double logHalfDefect = logDefectAt(field, numbers, t, points, h / 2);
        while (h >= shortest && !Double.isNaN(logHalfDefect)) {
            boolean aboveLocalError = Math.max(logDefect, logHalfDefect - LOG_2)
                    + StrictMath.log(h / (order + 1)) > TaylorIntegrator.logLocalError(numbers, coefficients, order, h);
            boolean fallsAsTruncation = logHalfDefect + logTruncationDecay <= logDefect;
            // a truncation is halved while above the local error; any other defect only while above its rounding:
            // at h or h/2 where it is above the local error, and at h/2 where it exceeds the slope of the series
            // itself, at any size (F there is not what the series says, not even to its size: a pulse)
            boolean halve = fallsAsTruncation ? aboveLocalError
                    : aboveLocalError ? aboveRounding(Math.max(logDefect, logHalfDefect), field, numbers, t,
                            points, order, h)
                    : logHalfDefect > logSlopeTerms(numbers, coefficients, order, h / 2) - LOG_2
                            && aboveRounding(logHalfDefect, field, numbers, t, points, order, h);
            if (!halve) {
                break;
            }
            h /= 2;
            logDefect = logHalfDefect;
            logHalfDefect = logDefectAt(field, numbers, t, points, h / 2);
        }
        return h;
    }

    /** ln|p'(s) - F(t + s, p(s))|, Euclidean as the local error is; NaN where F cannot be evaluated there. */
    private static <S extends RealFieldElement<S>> double logDefectAt(VectorField field, NumberSystem<S> numbers,
            S t, StepPoints<S> points, double s) {
        S length = numbers.fromDouble(s);
        S[] state = points.state(length);
        S[] slope;
        try {
            slope = field.evaluate(t.add(length), state);
        } catch (ArithmeticException | ApfloatRuntimeException | FieldEvaluationException e) {
            return Double.NaN;
        }
        S[] polynomialSlope = points.slope(length);
        double logNorm = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < state.length; i++) {
            logNorm = logHypot(logNorm, numbers.logAbs(polynomialSlope[i].subtract(slope[i])));
        }
        return logNorm;
    }

    /** Whether a defect stands {@link #LOG_ROUNDING_MARGIN} above the rounding it can hold (measured only here). */
    private static <S extends RealFieldElement<S>> boolean aboveRounding(double logDefect, VectorField field,
            NumberSystem<S> numbers, S t, StepPoints<S> points, int order, double h) {
        return logDefect > LOG_ROUNDING_MARGIN + logRounding(field, numbers, t, points, order, h);
    }

    /**
     * ln of the rounding the defect at h or h/2 can hold: F's rounding at the step's start (which the slope c_1
     * carries), middle and end, each measured as the difference from F evaluated in {@link NumberSystem#finer()} at
     * the same point, and the rounding of p'(s) by Horner's rule and of the coefficients, {@code (2N + 1) u sum_k k
     * |c_k| h^(k-1)} (as in {@link TaylorIntegrator#logLocalError}).
     */
    private static <S extends RealFieldElement<S>> double logRounding(VectorField field, NumberSystem<S> numbers,
            S t, StepPoints<S> points, int order, double h) {
        double logRounding = StrictMath.log((2 * order + 1) * numbers.unitRoundoff())
                + logSlopeTerms(numbers, points.coefficients(), order, h);
        for (double s : new double[] {0, h / 2, h}) {
            S length = numbers.fromDouble(s);
            logRounding = logSum(logRounding, logFieldRounding(field, numbers.finer(), t.add(length),
                    points.state(length)));
        }
        return logRounding;
    }

    /** ln sum_k k |c_k| s^(k-1) over every component: the size of the series' slope at s. */
    private static <S extends RealFieldElement<S>> double logSlopeTerms(NumberSystem<S> numbers, S[][] coefficients,
            int order, double s) {
        double logTerms = Double.NEGATIVE_INFINITY;
        for (S[] component : coefficients) {
            for (int k = 1; k <= order; k++) {
                logTerms = logSum(logTerms,
                        StrictMath.log(k) + numbers.logAbs(component[k]) + (k - 1) * StrictMath.log(s));
            }
        }
        return logTerms;
    }

    /** ln|F(t, x) - F(t, x) in {@code finer}|, Euclidean: the rounding of one evaluation of F at that point. */
    private static <S extends RealFieldElement<S>, R extends RealFieldElement<R>> double logFieldRounding(
            VectorField field, NumberSystem<R> finer, S t, S[] x) {
        S[] computed;
        R[] finerValue;
        try {
            computed = field.evaluate(t, x);
            finerValue = field.evaluate(finer.from(t), finer.fromAll(x));
        } catch (ArithmeticException | ApfloatRuntimeException | FieldEvaluationException e) {
            return Double.POSITIVE_INFINITY;
        }
        double logNorm = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < computed.length; i++) {
            logNorm = logHypot(logNorm, finer.logAbs(finerValue[i].subtract(finer.from(computed[i]))));
        }
        return logNorm;
    }

    /** ln(e^a + e^b) without leaving the doubles' range; -infinity stands for 0. */
    static double logSum(double a, double b) {
        double larger = Math.max(a, b);
        return larger == Double.NEGATIVE_INFINITY || larger == Double.POSITIVE_INFINITY ? larger
                : larger + StrictMath.log1p(StrictMath.exp(Math.min(a, b) - larger));
    }

    /** ln sqrt(e^2a + e^2b), the Euclidean norm of two numbers given by their logarithms. */
    static double logHypot(double a, double b) {
        return logSum(2 * a, 2 * b) / 2;
    }
}
