package io.flowaudit.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.field.transformer.SelfAttention;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The convex-hull check's shrink decision ({@link ConvexHullCheck#refutes}, which skips the tighter run where no
 * support rises beyond its rounding allowance) is its full check's finding, on random instances and on knife edges:
 * value scales 1 (holds), a relative 1e-12..1e-6 off 1 (rises near or below the allowance), 1.05 and 0.95, 0.5..2
 * (refuted where the support is positive or negative and attention sharp enough), one-point and two-point hulls. A
 * refuting candidate's evidence is the check's own.
 */
class ConvexHullDecisionTest {

    private static final double[] SCALES = {1, 1 + 1e-12, 1 - 1e-12, 1 + 1e-9, 1 + 1e-7, 1 - 1e-7, 1 + 1e-6, 1.05, 0.95,
        1.5, 0.5, 2};

    private static double[][] matrix(Random random, int width, double size) {
        double[][] m = new double[width][width];
        for (double[] row : m) {
            for (int c = 0; c < width; c++) {
                row[c] = size * (2 * random.nextDouble() - 1);
            }
        }
        return m;
    }

    private static double[][] identity(int width) {
        double[][] m = new double[width][width];
        for (int k = 0; k < width; k++) {
            m[k][k] = 1;
        }
        return m;
    }

    /** Random tokens, some of them repeated or all at one point (a hull that cannot shrink). */
    private static double[] tokens(Random random, int tokens, int width) {
        double[] x = new double[tokens * width];
        double offset = random.nextBoolean() ? 0 : 2 * random.nextDouble();
        for (int i = 0; i < x.length; i++) {
            x[i] = offset + (2 * random.nextDouble() - 1);
        }
        switch (random.nextInt(6)) {
            case 0 -> System.arraycopy(x, 0, x, width, width); // the first two tokens at one point
            case 1 -> {
                for (int i = width; i < x.length; i++) {
                    x[i] = x[i % width]; // every token at one point
                }
            }
            default -> { }
        }
        return x;
    }

    @Test
    void theDecisionIsTheChecksFinding() {
        Random random = new Random(20261129);
        int refuted = 0;
        int notRefuted = 0;
        int decidedCheaply = 0;
        for (int n = 0; n < 240; n++) {
            int width = 1 + random.nextInt(2);
            int tokens = 2 + random.nextInt(3);
            double sharpness = 0.5 + 3 * random.nextDouble(); // sharp attention lets V = s I move the extreme token
            SelfAttention field = SelfAttention.fromWeights(tokens, width, 1, Map.of("wq", matrix(random, width,
                    sharpness), "wk", matrix(random, width, sharpness), "wv", identity(width)));
            Instance instance = new Instance(field, tokens(random, tokens, width), new double[tokens * width],
                    0.25 + 1.75 * random.nextDouble(), 0);
            ConvexHullCheck check = new ConvexHullCheck(SCALES[n % SCALES.length]);
            Evidence full = check.check(instance);
            Evidence candidate = check.checkCandidate(instance);
            String what = "scale " + SCALES[n % SCALES.length] + ", tokens " + Arrays.toString(instance.initial())
                    + ": " + full.observed();
            assertEquals(full.refutes(), candidate.refutes(), what);
            if (full.refutes()) {
                assertEquals(full, candidate, "a refuting candidate's evidence is the check's: " + what);
            } else if (!candidate.equals(full)) {
                decidedCheaply++;
            }
            if (full.refutes()) {
                refuted++;
            } else {
                notRefuted++;
            }
        }
        assertTrue(refuted >= 25 && notRefuted >= 100, refuted + " refuted, " + notRefuted
                + " not: both must be tried");
        assertTrue(decidedCheaply >= 50, "the stand-in must be tried, it was " + decidedCheaply + " times");
    }
}
