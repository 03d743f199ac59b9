package io.flowaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.num.interval.Interval;
import io.flowaudit.num.interval.IntervalSystem;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code solve --enclose} end to end: the printed interval holds the closed form, and a blow-up is refused. */
class SolveEncloseTest {

    @Test
    void theEnclosureOfExpOfSinHoldsTheClosedFormAtTheAskedWidth() {
        MainTest.Run run = MainTest.run("solve", "examples/cos-growth.yaml", "--enclose", "--digits", "30");
        assertEquals(0, run.status(), run.err());
        String line = run.out().lines().filter(l -> l.startsWith("x in [")).findFirst().orElseThrow();
        String[] ends = line.substring("x in [".length(), line.length() - 1).split(", ");
        BigDecimal lo = new BigDecimal(ends[0]);
        BigDecimal hi = new BigDecimal(ends[1]);
        // exp(sin 2) enclosed at 100 digits: containment is decided with no tolerance
        Interval exact = new IntervalSystem(100).fromDecimal("2").sin().exp();
        assertTrue(lo.compareTo(exact.lo()) <= 0 && exact.hi().compareTo(hi) <= 0, line + " misses " + exact);
        // the target: 1e-25 relative at 30 digits (30 printed digits round out by 1e-29 at most)
        assertTrue(hi.subtract(lo).divide(hi, MathContext.DECIMAL64).compareTo(new BigDecimal("1e-25")) <= 0, line);
        assertTrue(run.out().contains("# enclosure: proved"), run.out());
    }

    /** x' = x^2, x(0) = 1 blows up at t = 1: on [0, 1.5] there is nothing to enclose. */
    @Test
    void aBlowUpBeforeTheHorizonIsRefusedClearly(@TempDir Path dir) throws Exception {
        Path system = dir.resolve("blow-up.yaml");
        Files.writeString(system, "name: blow-up\nvariables: [x]\nfield:\n  x: x^2\ninitial:\n  x: 1\nhorizon: 1.5\n");
        MainTest.Run run = MainTest.run("solve", system.toString(), "--enclose");
        assertEquals(2, run.status());
        assertTrue(run.err().contains("cannot enclose the solution") && run.err().contains("t = 0.9999"), run.err());
        assertEquals(1, run.err().strip().lines().count(), "one line, no stack trace: " + run.err());
        assertTrue(run.out().isEmpty(), "nothing printed as if enclosed: " + run.out());
    }

    /**
     * x' = -x from 1e-299: |x - p| is about 1e-332, below double range. Read through doubleValue() it printed
     * "|x - p| <= 0.000e+00", a false bound; the printed figure must be at least the proved one, so above 0.
     */
    @Test
    void aProvedBoundBelowDoubleRangeIsNotPrintedAsZero(@TempDir Path dir) throws Exception {
        Path system = dir.resolve("tiny.yaml");
        Files.writeString(system, "name: tiny\nvariables: [x]\nfield:\n  x: -x\ninitial:\n  x: 1e-299\nhorizon: 1\n");
        MainTest.Run run = MainTest.run("solve", system.toString(), "--enclose", "--digits", "20");
        assertEquals(0, run.status(), run.err());
        String bound = run.out().replaceAll("(?s).*\\|x - p\\| <= (\\S+) .*", "$1");
        assertTrue(new BigDecimal(bound).signum() > 0, run.out());
    }
}
