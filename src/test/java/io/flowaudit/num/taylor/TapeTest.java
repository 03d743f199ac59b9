package io.flowaudit.num.taylor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.flowaudit.field.VectorField;
import org.apache.commons.math3.RealFieldElement;
import org.apache.commons.math3.util.MathArrays;
import org.junit.jupiter.api.Test;

/** The tape records each distinct subexpression once. */
class TapeTest {

    /** F(x) = exp(x) / (exp(x) + exp(x) * 0.5), written the way a softmax formula repeats its exp. */
    private static VectorField repeating(boolean repeat) {
        return new VectorField() {
            @Override
            public int dimension() {
                return 1;
            }

            @Override
            public <T extends RealFieldElement<T>> T[] evaluate(T t, T[] x) {
                T e = x[0].exp();
                T again = repeat ? x[0].exp() : e;
                T[] out = MathArrays.buildArray(t.getField(), 1);
                out[0] = e.divide(again.add(x[0].exp().multiply(0.5)));
                return out;
            }
        };
    }

    @Test
    void aRepeatedSubexpressionIsRecordedOnce() {
        VectorField once = repeating(false);
        VectorField thrice = repeating(true);
        assertEquals(Tape.record(1, once::evaluate).size(), Tape.record(1, thrice::evaluate).size());
    }
}
