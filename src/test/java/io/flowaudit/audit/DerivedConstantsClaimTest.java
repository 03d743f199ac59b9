package io.flowaudit.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.claim.Scheduler;
import io.flowaudit.input.BadInputException;
import io.flowaudit.verdict.ClaimVerdict;
import io.flowaudit.verdict.Outcome;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code constants: {derive: true, region-radius: R}} on a system claim: the constants are proved on the
 * region, the claim runs on them, and the page shows them as proved beside any stated ones; a stated
 * constant the proof shows too small, a region without bound, a field with a pole in it and a budget too
 * small for the region are each refused at their line.
 */
class DerivedConstantsClaimTest {

    @TempDir
    Path dir;

    /** x' = x cos t on [0, 2] from 1: on |x| <= 3.1, K = mu = 1, M = K_t = 3.1 and M2 = sup |x (cos^2 t - sin t)| = 3.1. */
    private static final String COS_GROWTH = "name: cos-growth\nvariables: [x]\nfield:\n  x: x*cos(t)\n"
            + "initial:\n  x: 1\nhorizon: 2\n";

    private Path claim(String system, String constants) throws Exception {
        Files.writeString(dir.resolve("system.yaml"), system);
        Path claim = dir.resolve("claim.yaml");
        Files.writeString(claim, "title: a claim\ntheorem: uniform-bound\nexpect: holds\ntries: 1\nladder: [16, 32, 64]\n"
                + "field:\n  system: system.yaml\n  constants:\n" + constants);
        return claim;
    }

    private ClaimVerdict audit(Path claim) {
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        return new Scheduler(Scheduler.DEFAULT_SEED, null, quiet).check(ClaimCatalogue.read(claim), 1, 1);
    }

    /** The proof's value of a reported constant: the number the entry starts with. */
    private static double value(ClaimVerdict verdict, String key) {
        String entry = verdict.certifiedConstants().get(key);
        return Double.parseDouble(entry.substring(0, entry.indexOf(' ')));
    }

    @Test
    void derivedConstantsAreProvedOnTheRegionAndUsed() throws Exception {
        ClaimVerdict verdict = audit(claim(COS_GROWTH, "    derive: true\n    region-radius: 3.1\n"));
        assertEquals(Outcome.HOLDS, verdict.outcome(), String.valueOf(verdict.error()));
        // within 1 % above the closed-form suprema (the proof's own guarantee; the 6-digit display adds 5e-6)
        double[][] expected = {{1, value(verdict, "K (Lipschitz)")}, {1, value(verdict, "mu (one-sided Lipschitz)")},
            {3.1, value(verdict, "M (bound of |F|)")}, {3.1, value(verdict, "K_t (Lipschitz in t)")},
            {3.1, value(verdict, "M2 (Lipschitz in t along solutions)")}};
        for (double[] pair : expected) {
            assertTrue(pair[1] >= pair[0] - 5e-6 * pair[0] && pair[1] <= 1.01 * pair[0] + 5e-6 * pair[0],
                    "a derived constant " + pair[1] + " against its supremum " + pair[0] + ": " + verdict.certifiedConstants());
        }
        String lipschitz = verdict.certifiedConstants().get("K (Lipschitz)");
        assertTrue(lipschitz.contains("proved on the region: supremum in [") && !lipschitz.contains("stated"), lipschitz);
        assertTrue(verdict.certifiedConstants().get("proved on the region").contains("|x| <= 3.1, t in [0, 2]"),
                verdict.certifiedConstants().toString());
        assertTrue(verdict.hypothesisSpace().get("constants").startsWith("proved on the region"),
                verdict.hypothesisSpace().toString());
    }

    @Test
    void statedConstantsAreKeptBesideTheProvedOnes() throws Exception {
        ClaimVerdict verdict = audit(claim(COS_GROWTH, "    derive: true\n    region-radius: 3.1\n    lipschitz: 1\n"
                + "    bound: 4\n"));
        assertEquals(Outcome.HOLDS, verdict.outcome(), String.valueOf(verdict.error()));
        String bound = verdict.certifiedConstants().get("M (bound of |F|)");
        assertTrue(bound.startsWith("4.00000 (stated, checked on") && bound.contains("proved on the region: supremum in"),
                bound);
        String lipschitz = verdict.certifiedConstants().get("K (Lipschitz)");
        assertTrue(lipschitz.startsWith("1.00000 (stated"), lipschitz);
    }

    /** 3.0 is within 4 % of M = 3.1 (an almost-right constant), and the proof still refuses it. */
    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "lipschitz: 0.9; 11:16; lipschitz = 0.9 is below what the field provably reaches on |x| <= 3.1, t in [0, 2]: K >=",
        "bound: 3.0; 11:12; bound = 3.0 is below what the field provably reaches",
        "time-lipschitz: 2.9; 11:21; K_t >=",
        "one-sided-lipschitz: 0.99; 11:26; mu >="})
    void aStatedConstantBelowTheProvedSupremumIsAnErrorAtItsLine(String stated, String at, String fragment)
            throws Exception {
        Path claim = claim(COS_GROWTH, "    derive: true\n    region-radius: 3.1\n    " + stated + "\n");
        BadInputException e = assertThrows(BadInputException.class, () -> ClaimCatalogue.read(claim));
        assertTrue(e.getMessage().startsWith(claim + ":" + at + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        // no region: R^D, where x cos t has no finite bound
        "x*cos(t); {derive: true}; 8:23; derive: true needs a bounded region: expected region-radius",
        // a pole inside the region
        "1/(x - 1); {derive: true, region-radius: 2}; 8:23; cannot derive the constants on |x| <= 2.0, t in [0, 1]: "
                + "non-finite value in component x",
        // a region far too large for the budget: sin(50 x) on |x| <= 100 in 50 boxes
        "sin(50*x); {derive: true, region-radius: 100, derive-boxes: 50}; 8:23; is too large for the budget of 50 boxes",
        "x; {derive: true, region-radius: 1, derive-boxes: 0}; 8:61; derive-boxes must be between 1 and 200000",
        "x; {derive: true, region-radius: 0}; 8:44; region-radius must be above 0",
        "x; {lipschitz: 1, bound: 1, time-lipschitz: 0, derive-boxes: 10}; 8:72; derive-boxes applies only with derive: true",
        "x; {derive: maybe, region-radius: 1}; 8:23; expected one of true, false"})
    void underivableRegionsAreRefusedAtTheirLine(String formula, String constants, String at, String fragment)
            throws Exception {
        Files.writeString(dir.resolve("system.yaml"), "name: s\nvariables: [x]\nfield:\n  x: " + formula
                + "\ninitial:\n  x: 0\nhorizon: 1\n");
        Path claim = dir.resolve("claim.yaml");
        Files.writeString(claim, "title: a claim\ntheorem: uniform-bound\nexpect: holds\ntries: 1\nladder: [16, 32, 64]\n"
                + "field:\n  system: system.yaml\n  constants: " + constants + "\n");
        BadInputException e = assertThrows(BadInputException.class, () -> ClaimCatalogue.read(claim));
        assertTrue(e.getMessage().startsWith(claim + ":" + at + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
}
