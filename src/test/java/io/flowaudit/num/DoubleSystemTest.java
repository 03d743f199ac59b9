package io.flowaudit.num;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.apache.commons.math3.util.Decimal64;
import org.junit.jupiter.api.Test;

/** {@link DoubleSystem}'s primitive sums of products are the interface's term-by-term ones, bit for bit. */
class DoubleSystemTest {

    /** The interface's default, which DoubleSystem overrides. */
    private static final NumberSystem<Decimal64> TERM_BY_TERM = new NumberSystem<>() {
        @Override
        public org.apache.commons.math3.Field<Decimal64> field() {
            return DoubleSystem.INSTANCE.field();
        }

        @Override
        public Decimal64 fromDecimal(String decimalText) {
            return DoubleSystem.INSTANCE.fromDecimal(decimalText);
        }

        @Override
        public Decimal64 fromDouble(double value) {
            return DoubleSystem.INSTANCE.fromDouble(value);
        }

        @Override
        public Decimal64 from(org.apache.commons.math3.RealFieldElement<?> value) {
            return DoubleSystem.INSTANCE.from(value);
        }

        @Override
        public int digits() {
            return DoubleSystem.INSTANCE.digits();
        }

        @Override
        public String format(Decimal64 value, int significantDigits) {
            return DoubleSystem.INSTANCE.format(value, significantDigits);
        }

        @Override
        public String name() {
            return "double, term by term";
        }
    };

    @Test
    void sumsOfProductsEqualTheTermByTermOnesBitForBit() {
        Random random = new Random(7);
        for (int trial = 0; trial < 2000; trial++) {
            int k = random.nextInt(12);
            Decimal64[] x = new Decimal64[k + 1];
            Decimal64[] y = new Decimal64[k + 1];
            for (int j = 0; j <= k; j++) {
                // signed zeros and magnitudes far apart, where a reordered sum would round differently
                x[j] = new Decimal64(random.nextInt(8) == 0 ? -0.0 : random.nextGaussian() * Math.pow(10, random.nextInt(30) - 15));
                y[j] = new Decimal64(random.nextInt(8) == 0 ? 0.0 : random.nextGaussian() * Math.pow(10, random.nextInt(30) - 15));
            }
            int from = random.nextInt(k + 1);
            boolean weighted = random.nextBoolean();
            double expected = TERM_BY_TERM.sumOfProducts(x, y, from, k, k, weighted).getReal();
            double actual = DoubleSystem.INSTANCE.sumOfProducts(x, y, from, k, k, weighted).getReal();
            // equal bits (assertEquals on Double boxes compares them), -0.0 told from 0.0
            assertEquals(Double.valueOf(expected), Double.valueOf(actual), "trial " + trial);
        }
    }
}
