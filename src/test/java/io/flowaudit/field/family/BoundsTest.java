package io.flowaudit.field.family;

import io.flowaudit.field.MatrixBounds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.field.Region;
import org.junit.jupiter.api.Test;

/** Outward-rounded bounds stay above the exact value without being loose, at any scale. */
class BoundsTest {

    @Test
    void spectralNormIsAboveTheLargestSingularValueByTheDocumentedMargin() {
        double norm = MatrixBounds.spectralNorm(new double[][] {{3, 0}, {0, -5}});
        assertTrue(norm >= 5 && norm <= 5 * (1 + MatrixBounds.decompositionMargin(2)) * (1 + 1e-15), "norm " + norm);
        assertEquals(0, MatrixBounds.spectralNorm(new double[2][3]));
    }

    @Test
    void symmetricPartEigenvalueOfARotationIsZeroUpToTheMargin() {
        double mu = MatrixBounds.logarithmicNorm(new double[][] {{0, 1}, {-1, 0}}, 1);
        assertTrue(mu >= 0 && mu <= 2 * MatrixBounds.decompositionMargin(2), "mu " + mu);
    }

    @Test
    void growthRadiusIsContinuousAsTheLipschitzConstantVanishes() {
        double atZero = Bounds.growthRadius(1, 2, 0, 3);
        double nearZero = Bounds.growthRadius(1, 2, 1e-300, 3);
        assertEquals(1 + 2 * 3, atZero, 1e-12);
        // the stage terms add at most (c - 1) r0 + T beta when K -> 0
        assertTrue(nearZero >= atZero && nearZero <= (1.012 + (1.012 + 1) * 2 * 3) * (1 + 1e-6), "radius " + nearZero);
    }

    @Test
    void tokenBallIsInsideTheEuclideanBallOfRadiusRSqrtN() {
        double radius = Bounds.euclideanRadius(Region.tokenBall(2, 3), 12);
        assertTrue(radius >= 4 && radius <= 4 * (1 + 1e-14), "radius " + radius);
        assertEquals(Double.POSITIVE_INFINITY, Bounds.euclideanRadius(Region.wholeSpace(), 12));
    }
}
