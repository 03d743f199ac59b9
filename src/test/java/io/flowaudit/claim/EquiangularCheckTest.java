package io.flowaudit.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.flowaudit.meanfield.Equiangular;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The equiangular check (docs/theory.md, "Equiangular starts"): the derived ODE holds for SA and USA, and a
 * coefficient off by one part in a million, an almost-true claim, is caught.
 */
class EquiangularCheckTest {

    private static final int TOKENS = 4;
    private static final int WIDTH = 5;
    private static final double RHO = 0.1;

    private static double[] start() {
        return Equiangular.tokens(TOKENS, RHO, Equiangular.rotation(new Random(3), WIDTH));
    }

    @Test
    void theDerivedScalarOdeHoldsForSaAndUsa() {
        Evidence evidence = new EquiangularCheck(2, Equiangular.COEFFICIENT).judge(start(), TOKENS, WIDTH, RHO, 4);
        assertEquals(Evidence.Finding.HOLDS, evidence.finding(), evidence.observed());
    }

    @Test
    void aCoefficientOffByOnePartInAMillionIsRefuted() {
        Evidence evidence = new EquiangularCheck(2, Equiangular.COEFFICIENT * (1 - 1e-6))
                .judge(start(), TOKENS, WIDTH, RHO, 4);
        assertEquals(Evidence.Finding.REFUTED, evidence.finding(), evidence.observed());
    }

    /** At rho_0 = -1/(n-1) the Gram matrix is singular (a fixed point): outside the open interval the check draws. */
    @Test
    void theSimplexFixedPointIsOutsideTheClaim() {
        assertThrows(IllegalArgumentException.class,
                () -> Equiangular.tokens(TOKENS, -1.0 / (TOKENS - 1), Equiangular.rotation(new Random(3), WIDTH)));
    }
}
