package io.flowaudit.num;

import java.math.BigDecimal;
import org.apache.commons.math3.Field;
import org.apache.commons.math3.util.Decimal64;
import org.apache.commons.math3.util.Decimal64Field;

/** IEEE double through commons-math3's {@link Decimal64}. */
public final class DoubleSystem implements NumberSystem<Decimal64> {

    public static final DoubleSystem INSTANCE = new DoubleSystem();

    private DoubleSystem() {
    }

    @Override
    public Field<Decimal64> field() {
        return Decimal64Field.getInstance();
    }

    @Override
    public Decimal64 fromDecimal(String decimalText) {
        // BigDecimal.doubleValue rounds correctly to nearest; Double.parseDouble does too,
        // but BigDecimal also accepts the exact syntax the formula parser validated.
        return new Decimal64(new BigDecimal(decimalText).doubleValue());
    }

    @Override
    public Decimal64 fromDouble(double value) {
        return new Decimal64(value);
    }

    @Override
    public Decimal64 from(org.apache.commons.math3.RealFieldElement<?> value) {
        return new Decimal64(value.getReal());
    }

    /**
     * The default's products, weightings and sums in the same order, on primitives: no object per operation in the
     * Taylor recurrences of the double references.
     */
    @Override
    public Decimal64 sumOfProducts(Decimal64[] x, Decimal64[] y, int from, int to, int k, boolean weightedByIndex) {
        double sum = 0;
        for (int j = from; j <= to; j++) {
            double term = x[j].getReal() * y[k - j].getReal();
            sum += weightedByIndex ? j * term : term;
        }
        return new Decimal64(sum);
    }

    @Override
    public int digits() {
        return 16;
    }

    /**
     * Double-double: a unit roundoff of 2^-98, 2^-46 of double's, at a few nanoseconds an operation, where binary at
     * 32 digits (twice double's) takes 50 to 95 and microseconds for exp and tanh.
     */
    @Override
    public NumberSystem<?> finer() {
        return DoubleDoubleSystem.INSTANCE;
    }

    @Override
    public double epsilon() {
        return Math.ulp(1.0);
    }

    @Override
    public String format(Decimal64 value, int significantDigits) {
        return formatDouble(value.getReal(), significantDigits);
    }

    static String formatDouble(double value, int significantDigits) {
        int shown = Math.max(1, Math.min(significantDigits, 17));
        return new BigDecimal(value).round(new java.math.MathContext(shown)).stripTrailingZeros().toString();
    }

    /** IEEE 754's square root is correctly rounded, and a double is its own double. */
    @Override
    public boolean roundsRootsCorrectly() {
        return true;
    }

    @Override
    public String name() {
        return "double";
    }
}
