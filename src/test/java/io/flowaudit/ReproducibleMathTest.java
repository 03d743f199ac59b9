package io.flowaudit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
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
            "(?<![\\w.])Math\\.(exp|expm1|log|log10|log1p|pow|sin|cos|tan|asin|acos|atan|atan2|sinh|cosh|tanh|cbrt|hypot)\\(");

    @Test
    void theSourcesCallNoFunctionWhoseResultDependsOnTheProcessor() throws IOException {
        List<String> calls = new ArrayList<>();
        int files = 0;
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path file : sources.filter(path -> path.toString().endsWith(".java")).toList()) {
                files++;
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher call = PLATFORM_DEPENDENT.matcher(lines.get(i));
                    if (call.find()) {
                        calls.add(file + ":" + (i + 1) + ": " + call.group());
                    }
                }
            }
        }
        assertTrue(files > 100, "the sources were not found");
        assertEquals(List.of(), calls, "use StrictMath (or FastMath) for these");
    }

    @Test
    void thePatternFindsMathButNotStrictMathNorFastMath() {
        assertTrue(PLATFORM_DEPENDENT.matcher("double y = Math.exp(x);").find());
        assertTrue(PLATFORM_DEPENDENT.matcher("(Math.log10(v))").find());
        assertTrue(!PLATFORM_DEPENDENT.matcher("StrictMath.exp(x) + FastMath.exp(x) + Math.sqrt(x) + java.lang.Math.ulp(x)")
                .find());
    }
}
