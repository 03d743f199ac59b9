package io.flowaudit.num.interval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.field.VectorField;
import io.flowaudit.field.formula.SystemFile;
import java.math.BigDecimal;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Constants proved on a region against their true suprema, known in closed form: each proved value is
 * at least the supremum (a proof below it would be false) and within 1 % of it (the target).
 */
class ProvedConstantsTest {

    private static final double TOLERANCE = 0.01;

    private static VectorField system(String formulas) {
        return SystemFile.parse(formulas, "test");
    }

    private static void assertProvedTightly(double proved, double supremum, String what) {
        assertTrue(proved >= supremum, what + ": proved " + proved + " is below the true supremum " + supremum);
        assertTrue(proved <= supremum + TOLERANCE * Math.abs(supremum) + 1e-12, what + ": proved " + proved
                + " is more than 1 % above the true supremum " + supremum);
    }

    /** x' = x(1 - x) on [0, 1]: J = 1 - 2x, so K = mu = 1 (at x = 0); M = 1/4 (at x = 1/2); K_t = 0. */
    @Test
    void logisticOnTheUnitInterval() {
        VectorField logistic = system("name: l\nvariables: [x]\nfield:\n  x: x*(1 - x)\ninitial:\n  x: 0.1\nhorizon: 3\n");
        ProvedConstants constants = ProvedConstants.on(logistic, new double[] {0}, new double[] {1},
                Double.POSITIVE_INFINITY, 3, TOLERANCE, 4000);
        System.out.println("logistic on [0, 1]: " + constants + ", sampled " + Arrays.toString(constants.sampled()));
        assertProvedTightly(constants.lipschitz(), 1, "K");
        assertProvedTightly(constants.oneSidedLipschitz(), 1, "mu");
        assertProvedTightly(constants.bound(), 0.25, "M");
        assertEquals(0, constants.timeLipschitz(), "F does not depend on t: dF/dt is exactly 0");
    }

    /** x' = -y, y' = x on the disc of radius 2: J is a rotation, K = 1, mu = 0, M = 2, K_t = 0. */
    @Test
    void rotationOnADisc() {
        VectorField rotation = system("name: r\nvariables: [x, y]\nfield:\n  x: -y\n  y: x\ninitial:\n  x: 1\n  y: 0\n"
                + "horizon: 1\n");
        ProvedConstants constants = ProvedConstants.on(rotation, new double[] {-2, -2}, new double[] {2, 2}, 2, 1,
                TOLERANCE, 20000);
        System.out.println("rotation on |x| <= 2: " + constants);
        assertProvedTightly(constants.lipschitz(), 1, "K");
        assertTrue(constants.oneSidedLipschitz() >= 0 && constants.oneSidedLipschitz() <= 1e-9,
                "mu of a rotation is 0, proved " + constants.oneSidedLipschitz());
        assertProvedTightly(constants.bound(), 2, "M");
    }

    /** x' = x cos t on |x| <= 3, t in [0, 2]: K = mu = 1 (t = 0), M = 3, K_t = sup |x sin t| = 3 sin(pi/2) = 3. */
    @Test
    void timeDependentGrowth() {
        VectorField field = system("name: c\nvariables: [x]\nfield:\n  x: x*cos(t)\ninitial:\n  x: 1\nhorizon: 2\n");
        ProvedConstants constants = ProvedConstants.on(field, new double[] {-3}, new double[] {3},
                Double.POSITIVE_INFINITY, 2, TOLERANCE, 20000);
        System.out.println("x cos t on [-3, 3] x [0, 2]: " + constants);
        assertProvedTightly(constants.lipschitz(), 1, "K");
        assertProvedTightly(constants.oneSidedLipschitz(), 1, "mu");
        assertProvedTightly(constants.bound(), 3, "M");
        assertProvedTightly(constants.timeLipschitz(), 3, "K_t");
    }

    /** A contracting linear system, J = [[-2, 1], [0, -3]]: mu = lambda_max of the symmetric part < 0. */
    @Test
    void negativeLogarithmicNormIsProvedNegative() {
        VectorField field = system("name: s\nvariables: [x, y]\nfield:\n  x: -2*x + y\n  y: -3*y\ninitial:\n  x: 1\n"
                + "  y: 1\nhorizon: 1\n");
        ProvedConstants constants = ProvedConstants.on(field, new double[] {-1, -1}, new double[] {1, 1},
                Double.POSITIVE_INFINITY, 1, TOLERANCE, 1000);
        // symmetric part [[-2, 1/2], [1/2, -3]]: eigenvalues (-5 ± sqrt 2)/2; J^T J = [[4, -2], [-2, 10]]
        double mu = (-5 + Math.sqrt(2)) / 2;
        double k = Math.sqrt(7 + Math.sqrt(13));
        assertTrue(constants.oneSidedLipschitz() >= mu && constants.oneSidedLipschitz() <= mu + 1e-6,
                "mu proved " + constants.oneSidedLipschitz() + ", exact " + mu);
        assertTrue(constants.lipschitz() >= k && constants.lipschitz() <= k * (1 + 1e-6),
                "K proved " + constants.lipschitz() + ", exact " + k);
    }

    /** The proof of an eigenvalue bound fails below the true value however it is asked. */
    @Test
    void eigenvalueBoundIsNeverBelowTheTrueValue() {
        IntervalSystem numbers = new IntervalSystem(20);
        Interval one = numbers.getOne();
        Interval[][] identityish = {{one, numbers.fromDecimal("0.5")}, {numbers.fromDecimal("0.5"), one}};
        double bound = ProvedConstants.largestEigenvalueBound(identityish);
        // the bisection stops within 1e-7 relative of the least bound it can prove
        assertTrue(bound >= 1.5 && bound <= 1.5 * (1 + 1e-6), "lambda_max = 1.5, bound " + bound);
        Interval spread = numbers.enclosing(new BigDecimal("0.4"), new BigDecimal("0.6"));
        Interval[][] interval = {{one, spread}, {spread, one}};
        double wide = ProvedConstants.largestEigenvalueBound(interval);
        assertTrue(wide >= 1.6 && wide <= 1.6 * (1 + 1e-6), "the member with 0.6 has lambda_max 1.6, bound " + wide);
    }

    @Test
    void fieldsWithJumpsHaveNoDerivativeEnclosure() {
        Dual.Variables variables = new Dual.Variables(new IntervalSystem(20), 1);
        Dual x = variables.variable(0, variables.numbers().fromDecimal("0.5"));
        ArithmeticException e = assertThrows(ArithmeticException.class, x::floor);
        assertTrue(e.getMessage().contains("jumps"), e.getMessage());
        Dual acrossZero = variables.variable(0, variables.numbers().enclosing(BigDecimal.ONE.negate(), BigDecimal.ONE));
        assertEquals(variables.numbers().enclosing(BigDecimal.ONE.negate(), BigDecimal.ONE), acrossZero.abs().partial(0),
                "abs across 0: Clarke's gradient hull [-1, 1]");
    }
}
