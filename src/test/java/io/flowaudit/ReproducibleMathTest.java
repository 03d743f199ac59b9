package io.flowaudit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The same seed gives the same numbers on every machine: {@code java.lang.Math}'s exp, log, pow and the other
 * transcendental functions may return any of the two doubles next to the exact value, and HotSpot computes them with
 * intrinsics of its own per processor (Intel's libm on x86-64, others on arm64), so a margin, a bound or a plot could
 * differ in its last bit between a reviewer's laptop and CI. {@code StrictMath} computes them with fdlibm's algorithms,
 * bit for bit alike everywhere (its Javadoc), within the same ulp of error that {@code Math} allows, and commons-math3's
 * {@code FastMath} is plain Java. {@code Math}'s sqrt, abs, min, max, floor, ceil, rint, round, ulp, scalb and the
 * arithmetic are exactly specified, hence allowed.
 */
class ReproducibleMathTest {

    private static final Pattern PLATFORM_DEPENDENT = Pattern.compile(
            "(?<![\\w.])(java\\.lang\\.)?Math(\\.|::)(exp|expm1|log|log10|log1p|pow|sin|cos|tan|asin|acos|atan|atan2|sinh|cosh"
                    + "|tanh|cbrt|hypot)\\b");

    @Test
    void theSourcesCallNoFunctionWhoseResultDependsOnTheProcessor() throws IOException {
        assertEquals(List.of(), MainSources.linesCalling(PLATFORM_DEPENDENT), "use StrictMath (or FastMath) for these");
    }

    @Test
    void thePatternFindsMathButNotStrictMathNorFastMath() {
        assertTrue(PLATFORM_DEPENDENT.matcher("double y = Math.exp(x);").find());
        assertTrue(PLATFORM_DEPENDENT.matcher("(Math.log10(v))").find());
        assertTrue(PLATFORM_DEPENDENT.matcher("java.lang.Math.pow(x, y)").find());
        // a method reference calls it as surely (until 2026-11-30 the mean-field figure's Math::log slipped through)
        assertTrue(PLATFORM_DEPENDENT.matcher("stream.map(Math::log)").find());
        assertTrue(!PLATFORM_DEPENDENT.matcher("StrictMath.exp(x) + FastMath.exp(x) + Math.sqrt(x) + java.lang.Math.ulp(x)")
                .find());
    }
}
