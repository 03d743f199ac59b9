package io.flowaudit.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A claim whose stated constant the proof refutes is bad input on the command line: exit 2, one positioned line. */
class DeriveCommandLineTest {

    @TempDir
    Path dir;

    /** A uniform-bound claim on the logistic system from 0.1 over [0, 3], with derive: true and these lines after it. */
    private Path claimOnLogistic(String constants) throws Exception {
        Files.writeString(dir.resolve("system.yaml"), "name: logistic\nvariables: [x]\nfield:\n  x: x*(1 - x)\n"
                + "initial:\n  x: 0.1\nhorizon: 3\n");
        Path claim = dir.resolve("claim.yaml");
        Files.writeString(claim, "title: a claim\ntheorem: uniform-bound\nexpect: holds\ntries: 1\nladder: [16, 32]\n"
                + "field:\n  system: system.yaml\n  constants:\n    derive: true\n" + constants);
        return claim;
    }

    @Test
    void aStatedConstantBelowTheProofIsExit2AtItsLine() throws Exception {
        // on |x| <= 1, M = sup |x(1 - x)| = 2 (at x = -1): 1.9 is too small, and the proof names the point
        Path claim = claimOnLogistic("    region-radius: 1\n    bound: 1.9\n");
        HostileInputTest.assertRefusedAt(MainTest.run("audit", claim.toString(), "--report",
                dir.resolve("report").toString()), claim, "11:12", "bound = 1.9 is below what the field provably "
                + "reaches on |x| <= 1.0, t in [0, 3]: M >= ");
    }

    /**
     * A region so large that the Jacobian's Gram matrix leaves double range (logistic on |x| <= 1e299: entries about
     * 10^598) has no proof: once a NumberFormatException's stack trace (exit 1) from the eigenvalue bound's
     * BigDecimal of an infinite double, then exit 2 at the derive line when the bound threw; now that such a bound is
     * infinite and its box bisected (and a norm beyond double range infinite, not a NumberFormatException), exit 2 at
     * the derive line with the proof's infinite bounds once the budget is spent.
     */
    @Test
    void aRegionBeyondDoubleRangeIsExit2AtTheDeriveLine() throws Exception {
        Path claim = claimOnLogistic("    region-radius: 1e299\n");
        HostileInputTest.assertRefusedAt(MainTest.run("audit", claim.toString(), "--report",
                dir.resolve("report").toString()), claim, "9:13", "the region |x| <= 1.0E299, t in [0, 3] is too large"
                + " for the budget of 20000 boxes: the proof ended with K in [");
    }
}
