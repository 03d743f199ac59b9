package io.flowaudit.num;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * sin and cos of an exact decimal as the tests' reference, independent of apfloat (whose sin is exp(ix) at every digit
 * of its input, milliseconds an argument): x - k pi/2 with a 300-digit pi/2, then the Taylor series of sin r or cos r.
 */
final class SineReference {

    /** pi/2 to 299 decimals (mpmath): k pi/2 errs by below k 10^-299. */
    private static final BigDecimal HALF_PI = new BigDecimal("1.57079632679489661923132169163975144209858469968755291"
            + "048747229615390820314310449931401741267105853399107404325664115332354692230477529111586267970406424055872"
            + "514205135096926055277982231147447746519098221440548783296672306423782411689339158263560095457282428346173"
            + "017430522716332410669680363012457064");

    private SineReference() {
    }

    /**
     * sin x, or cos x, to {@code digits} significant digits but for a unit or two of the last: r = x - k pi/2 (k the
     * integer nearest x/(pi/2)) exact but for k times pi/2's error, then the series of sin r or cos r (|r| <= pi/4 +
     * that error) at digits + 10, up to a term below 10^-(digits + 5) of the sum. r's relative error, k 10^-299/|r|,
     * must be far below 10^-digits: the callers' arguments keep |r| above 10^-(299 - digits - 10 - log10 k).
     */
    static BigDecimal sinOrCos(BigDecimal x, boolean cosine, int digits) {
        MathContext series = new MathContext(digits + 10);
        BigInteger k = x.divide(HALF_PI, 0, RoundingMode.HALF_EVEN).toBigIntegerExact();
        BigDecimal r = x.subtract(HALF_PI.multiply(new BigDecimal(k)));
        int quadrant = k.add(BigInteger.valueOf(cosine ? 1 : 0)).mod(BigInteger.valueOf(4)).intValueExact();
        boolean sineOfR = quadrant % 2 == 0;
        BigDecimal term = sineOfR ? r.round(series) : BigDecimal.ONE;
        BigDecimal sum = term;
        BigDecimal minusSquare = r.multiply(r, series).negate();
        for (int n = sineOfR ? 2 : 1; term.abs().compareTo(sum.abs().movePointLeft(digits + 5)) > 0; n += 2) {
            term = term.multiply(minusSquare, series).divide(BigDecimal.valueOf((long) n * (n + 1)), series);
            sum = sum.add(term, series);
        }
        return quadrant >= 2 ? sum.negate() : sum;
    }
}
