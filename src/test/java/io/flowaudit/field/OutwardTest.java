package io.flowaudit.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The outward-rounding policy: upper bounds of the exact result, at any scale and through cancellation. */
class OutwardTest {

    @Property(tries = 500)
    void aSumIsAboveTheExactSum(@ForAll @Size(min = 1, max = 12) List<@DoubleRange(min = -1e6, max = 1e6) Double> terms) {
        BigDecimal exact = BigDecimal.ZERO;
        for (double term : terms) {
            exact = exact.add(new BigDecimal(term));
        }
        double bound = Outward.sum(terms.stream().mapToDouble(Double::doubleValue).toArray());
        assertTrue(new BigDecimal(bound).compareTo(exact) >= 0, bound + " below " + exact);
    }

    @Property(tries = 500)
    void aProductIsAboveTheExactProduct(
            @ForAll @Size(min = 1, max = 8) List<@DoubleRange(min = 0, max = 1e30) Double> factors) {
        BigDecimal exact = BigDecimal.ONE;
        for (double factor : factors) {
            exact = exact.multiply(new BigDecimal(factor));
        }
        double bound = Outward.product(factors.stream().mapToDouble(Double::doubleValue).toArray());
        assertTrue(new BigDecimal(bound).compareTo(exact) >= 0, bound + " below " + exact);
    }

    @Property(tries = 500)
    void gammaIsAboveItsExactValue(@ForAll @IntRange(min = 1, max = 1_000_000) int k) {
        BigDecimal ku = BigDecimal.valueOf(k).multiply(new BigDecimal(Outward.UNIT_ROUNDOFF));
        BigDecimal exact = ku.divide(BigDecimal.ONE.subtract(ku), MathContext.DECIMAL128);
        double gamma = Outward.gamma(k);
        assertTrue(new BigDecimal(gamma).compareTo(exact) >= 0, gamma + " below " + exact);
        assertTrue(gamma <= k * Outward.UNIT_ROUNDOFF * (1 + 1e-9), "gamma_" + k + " = " + gamma + " is loose");
    }

    /** What gamma_n is for: a dot product computed in double is within gamma_n sum |u_i v_i| of the exact one. */
    @Property(tries = 500)
    void aComputedDotProductIsWithinGammaOfTheExactOne(
            @ForAll @Size(min = 1, max = 40) List<@DoubleRange(min = -1e3, max = 1e3) Double> u,
            @ForAll @Size(min = 40, max = 40) List<@DoubleRange(min = -1e3, max = 1e3) Double> v) {
        double computed = 0;
        BigDecimal exact = BigDecimal.ZERO;
        BigDecimal magnitude = BigDecimal.ZERO;
        for (int i = 0; i < u.size(); i++) {
            computed += u.get(i) * v.get(i);
            BigDecimal term = new BigDecimal(u.get(i)).multiply(new BigDecimal(v.get(i)));
            exact = exact.add(term);
            magnitude = magnitude.add(term.abs());
        }
        BigDecimal error = new BigDecimal(computed).subtract(exact).abs();
        assertTrue(error.compareTo(new BigDecimal(Outward.gamma(u.size())).multiply(magnitude)) <= 0,
                "error " + error + " of a dot product of " + u.size() + " terms");
    }

    /**
     * Theorem 1's M2 = K_t + K M is a certified constant too: in plain double K = 3, M = 0.7 gave 2.0999999999999996,
     * below the exact 2.1 (the doubles 3 x 0.7 = 2.09999999999999997...); and K = 0 with M infinite gave NaN.
     */
    @Property(tries = 500)
    void theDefaultSolutionCurvatureIsAboveTheExactOne(@ForAll @DoubleRange(min = 0, max = 1e6) double lipschitz,
            @ForAll @DoubleRange(min = 0, max = 1e6) double bound, @ForAll @DoubleRange(min = 0, max = 1e6) double timeLipschitz) {
        BigDecimal exact = new BigDecimal(timeLipschitz).add(new BigDecimal(lipschitz).multiply(new BigDecimal(bound)));
        double curvature = new Certificate(lipschitz, 0, bound, timeLipschitz, Region.wholeSpace()).solutionCurvature();
        assertTrue(new BigDecimal(curvature).compareTo(exact) >= 0, curvature + " below " + exact);
    }

    @Test
    void theSolutionCurvatureOfKTimesMIsRoundedUp() {
        assertTrue(new BigDecimal(new Certificate(3, 0, 0.7, 0, Region.wholeSpace()).solutionCurvature())
                .compareTo(new BigDecimal(3).multiply(new BigDecimal(0.7))) >= 0);
        assertEquals(1, new Certificate(0, 0, Double.POSITIVE_INFINITY, 1, Region.wholeSpace()).solutionCurvature());
    }

    /**
     * 2^53 + 1 - 2^53 = 1 exactly, but 0 in double: a relative widening of the computed 0 stays near 0,
     * while rounding each operation up keeps a true upper bound (the case of a one-sided Lipschitz
     * constant that adds a negative logarithmic norm to a positive term).
     */
    @Test
    void cancellationStaysAnUpperBound() {
        double big = 0x1p53;
        assertEquals(0, big + 1 - big);
        double bound = Outward.sum(big, 1, -big);
        assertTrue(bound >= 1 && bound <= 64, "bound " + bound);
    }

    @Test
    void zeroTermsKeepSumsAndProductsExact() {
        assertEquals(0, Outward.sum(0, 0));
        assertEquals(0, Outward.product(0, Double.POSITIVE_INFINITY));
        assertTrue(Outward.sum(0.1, 0.2) > 0.1 + 0.2);
    }

    @Test
    void normIsAnUpperBoundForTinyAndHugeVectors() {
        double tiny = Outward.norm(new double[] {3e-200, 4e-200});
        assertTrue(tiny >= 5e-200 && tiny <= 5e-200 * (1 + 1e-14), "norm " + tiny);
        double huge = Outward.norm(new double[] {3e200, 4e200});
        assertTrue(huge >= 5e200 && huge <= 5e200 * (1 + 1e-14), "norm " + huge);
        assertEquals(0, Outward.norm(new double[3]));
    }

    @Test
    void aDivisorsSquareRootIsBoundedBelow() {
        for (int n = 1; n <= 64; n++) {
            double below = Outward.sqrtBelow(n);
            assertTrue(new BigDecimal(below).pow(2).compareTo(BigDecimal.valueOf(n)) <= 0, "sqrt " + n);
            assertTrue(new BigDecimal(Outward.sqrt(n)).pow(2).compareTo(BigDecimal.valueOf(n)) >= 0, "sqrt " + n);
        }
    }

    /**
     * A decimal bound goes into double on its own side and no further: a double stays itself (the knife edge), any
     * other decimal lands on one of the two doubles around it, whatever its sign and size.
     */
    @Test
    void decimalsGoIntoDoubleOnTheirOwnSideByAtMostOneStep() {
        for (String decimal : new String[] {"0.5", "0.1", "-0.1", "1e-310", "-1e-310", "1.7976931348623157e308",
                "0.333333333333333333333333333333", "-2.00000000000000000000000001"}) {
            BigDecimal x = new BigDecimal(decimal);
            double above = Outward.leastDoubleAtLeast(x);
            double below = Outward.greatestDoubleAtMost(x);
            assertTrue(new BigDecimal(above).compareTo(x) >= 0 && new BigDecimal(Math.nextDown(above)).compareTo(x) < 0,
                    "above " + decimal);
            assertTrue(new BigDecimal(below).compareTo(x) <= 0 && new BigDecimal(Math.nextUp(below)).compareTo(x) > 0,
                    "below " + decimal);
            assertEquals(new BigDecimal(above).compareTo(x) == 0, above == below,
                    "a double is its own bound: " + decimal);
        }
    }

    @Test
    void anExactNumbersSquareRootIsBoundedAboveByOneStep() {
        // perfect squares (the rounded root is exact) and numbers just above them (it is not)
        double[] exactNumbers = {1, 4, 2, 3, 1e-300, 7.000000000000001, Math.nextUp(16.0), 0x1.fffffffffffffp1000};
        for (double a : exactNumbers) {
            double above = Outward.sqrtAbove(a);
            assertTrue(new BigDecimal(above).pow(2).compareTo(new BigDecimal(a)) >= 0, "sqrt " + a);
            assertEquals(Math.nextUp(Math.sqrt(a)), above, "one step above the rounded root of " + a);
        }
        assertEquals(0, Outward.sqrtAbove(0));
    }

    /**
     * A decimal beyond double range is bounded by the infinity on its side and by the largest finite double on the
     * other: the norm of a proof's box beyond double range read a NumberFormatException (2026-12-02).
     */
    @Test
    void decimalsBeyondDoubleRangeAreBoundedOnTheirSide() {
        BigDecimal huge = new BigDecimal("1e400");
        assertEquals(Double.POSITIVE_INFINITY, Outward.leastDoubleAtLeast(huge));
        assertEquals(Double.MAX_VALUE, Outward.greatestDoubleAtMost(huge));
        assertEquals(-Double.MAX_VALUE, Outward.leastDoubleAtLeast(huge.negate()));
        assertEquals(Double.NEGATIVE_INFINITY, Outward.greatestDoubleAtMost(huge.negate()));
    }
}
