package io.flowaudit.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.field.formula.SystemFile;
import io.flowaudit.num.interval.Interval;
import io.flowaudit.num.interval.IntervalSystem;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/**
 * Constants proved on a region against their true suprema, known in closed form: each supremum lies in
 * the proof's enclosure [attained, proved] (a proof on either side of it would be false) and the proved
 * value is within 1 % of it (the target), which the proof itself confirms ({@code withinTolerance}).
 */
class ProvedConstantsTest {

    private static final double TOLERANCE = 0.01;

    private static VectorField system(String formulas) {
        return SystemFile.parse(formulas, "test");
    }

    /** supremum in [attained, proved], proved within 1 % of it. */
    private static void assertEnclosedTightly(ProvedConstants constants, int constant, double supremum, String what) {
        double proved = constants.proved()[constant];
        double attained = constants.attained()[constant];
        assertTrue(attained <= supremum, what + ": the lower bound " + attained + " is above the true supremum " + supremum);
        assertTrue(proved >= supremum, what + ": proved " + proved + " is below the true supremum " + supremum);
        assertTrue(proved <= supremum + TOLERANCE * Math.abs(supremum) + 1e-12, what + ": proved " + proved
                + " is more than 1 % above the true supremum " + supremum);
    }

    /**
     * x' = x(1 - x) on [0, 1]: J = 1 - 2x, so K = mu = 1 (at x = 0); M = 1/4 (at x = 1/2); K_t = 0;
     * M2 = sup |x(1 - x)(1 - 2x)| = sqrt(3)/18 (at x = (3 -+ sqrt 3)/6), below K_t + K M = 1/4.
     */
    @Test
    void logisticOnTheUnitInterval() {
        VectorField logistic = system("name: l\nvariables: [x]\nfield:\n  x: x*(1 - x)\ninitial:\n  x: 0.1\nhorizon: 3\n");
        ProvedConstants constants = ProvedConstants.on(logistic, new double[] {0}, new double[] {1},
                Region.wholeSpace(), 3, TOLERANCE, 4000);
        System.out.println("logistic on [0, 1]: " + constants);
        assertTrue(constants.withinTolerance(), constants.toString());
        assertEnclosedTightly(constants, ProvedConstants.K, 1, "K");
        assertEnclosedTightly(constants, ProvedConstants.MU, 1, "mu");
        assertEnclosedTightly(constants, ProvedConstants.M, 0.25, "M");
        assertEnclosedTightly(constants, ProvedConstants.M2, Math.sqrt(3) / 18, "M2");
        assertEquals(0, constants.timeLipschitz(), "F does not depend on t: dF/dt is exactly 0");
    }

    /** x' = -y, y' = x on the disc of radius 2: J is a rotation, K = 1, mu = 0, M = 2, K_t = 0, M2 = |J^2 x| = 2. */
    @Test
    void rotationOnADisc() {
        VectorField rotation = system("name: r\nvariables: [x, y]\nfield:\n  x: -y\n  y: x\ninitial:\n  x: 1\n  y: 0\n"
                + "horizon: 1\n");
        ProvedConstants constants = ProvedConstants.onBall(rotation, 2, 1, TOLERANCE, 20000);
        System.out.println("rotation on |x| <= 2: " + constants);
        assertTrue(constants.withinTolerance(), constants.toString());
        assertEnclosedTightly(constants, ProvedConstants.K, 1, "K");
        assertEquals(0, constants.oneSidedLipschitz(), "mu of a rotation is 0: the symmetric part is exactly 0");
        assertEnclosedTightly(constants, ProvedConstants.M, 2, "M");
        assertEnclosedTightly(constants, ProvedConstants.M2, 2, "M2");
    }

    /**
     * x' = x cos t on |x| <= 3, t in [0, 2]: K = mu = 1 (t = 0), M = 3, K_t = sup |x sin t| = 3, and
     * M2 = sup |x (cos^2 t - sin t)| = 3 (|1 - s - s^2| <= 1 for s = sin t in [0, 1], 1 at t = 0 and
     * t = pi/2), half of K_t + K M = 6.
     */
    @Test
    void timeDependentGrowth() {
        VectorField field = system("name: c\nvariables: [x]\nfield:\n  x: x*cos(t)\ninitial:\n  x: 1\nhorizon: 2\n");
        ProvedConstants constants = ProvedConstants.on(field, new double[] {-3}, new double[] {3},
                Region.wholeSpace(), 2, TOLERANCE, 20000);
        System.out.println("x cos t on [-3, 3] x [0, 2]: " + constants);
        assertTrue(constants.withinTolerance(), constants.toString());
        assertEnclosedTightly(constants, ProvedConstants.K, 1, "K");
        assertEnclosedTightly(constants, ProvedConstants.MU, 1, "mu");
        assertEnclosedTightly(constants, ProvedConstants.M, 3, "M");
        assertEnclosedTightly(constants, ProvedConstants.K_T, 3, "K_t");
        assertEnclosedTightly(constants, ProvedConstants.M2, 3, "M2");
    }

    /**
     * A non-normal linear system on the unit disc, J = [[-2, 1], [0, -3]]: K = ||J||_2 = sqrt(7 + sqrt 13),
     * mu = lambda_max of the symmetric part [[-2, 1/2], [1/2, -3]] = (-5 + sqrt 2)/2 < 0, M = K (at the top
     * singular vector), M2 = ||J^2||_2, J^2 = [[4, -5], [0, 9]]: sigma^2 = (122 + sqrt(122^2 - 4 36^2))/2.
     */
    @Test
    void linearSystemSpectralNormAndLogarithmicNorm() {
        VectorField field = system("name: s\nvariables: [x, y]\nfield:\n  x: -2*x + y\n  y: -3*y\ninitial:\n  x: 1\n"
                + "  y: 1\nhorizon: 1\n");
        ProvedConstants constants = ProvedConstants.onBall(field, 1, 1, TOLERANCE, 20000);
        System.out.println("linear on |x| <= 1: " + constants);
        assertTrue(constants.withinTolerance(), constants.toString());
        double k = Math.sqrt(7 + Math.sqrt(13));
        double mu = (-5 + Math.sqrt(2)) / 2;
        // the Jacobian is exact on every box: only the eigenvalue bisection's 1e-7 separates the bounds
        assertTrue(constants.lipschitz() >= k && constants.lipschitz() <= k * (1 + 1e-6), "K proved " + constants.lipschitz()
                + ", exact " + k);
        assertTrue(constants.oneSidedLipschitz() >= mu && constants.oneSidedLipschitz() <= mu + 1e-6,
                "mu proved " + constants.oneSidedLipschitz() + ", exact " + mu);
        assertTrue(constants.attained()[ProvedConstants.K] <= k && constants.attained()[ProvedConstants.K] >= k * (1 - 1e-12),
                "the lower bound of K at any point is ||J|| itself: " + constants.attained()[ProvedConstants.K]);
        assertEnclosedTightly(constants, ProvedConstants.M, k, "M");
        assertEnclosedTightly(constants, ProvedConstants.M2, Math.sqrt((122 + Math.sqrt(122 * 122 - 4 * 36 * 36)) / 2), "M2");
        assertEquals(0, constants.timeLipschitz());
    }

    /** Too small a budget for the tolerance is reported, never passed off as tight; the bounds still hold. */
    @Test
    void exhaustedBudgetIsReported() {
        VectorField field = system("name: s\nvariables: [x]\nfield:\n  x: sin(5*x)\ninitial:\n  x: 0\nhorizon: 1\n");
        ProvedConstants constants = ProvedConstants.onBall(field, 3, 1, TOLERANCE, 8);
        assertFalse(constants.withinTolerance(), constants.toString());
        assertTrue(constants.lipschitz() >= 5 && constants.attained()[ProvedConstants.K] <= 5, constants.toString());
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

    /**
     * Entries beyond double range have no double bound: infinite, which leaves the sub-box they came from loose (it is
     * bisected), where it threw and ended the whole proof.
     */
    @Test
    void anEigenvalueBoundBeyondDoubleRangeIsInfinite() {
        IntervalSystem numbers = new IntervalSystem(20);
        Interval huge = numbers.fromDecimal("1e400");
        Interval[][] beyond = {{huge, numbers.getOne()}, {numbers.getOne(), huge}};
        assertEquals(Double.POSITIVE_INFINITY, ProvedConstants.largestEigenvalueBound(beyond));
    }
}
