package io.flowaudit.bench;

import io.flowaudit.field.VectorField;
import io.flowaudit.flow.LayerMap;
import io.flowaudit.flow.LayerStack;
import io.flowaudit.num.DoubleSystem;
import org.apache.commons.math3.util.Decimal64;

public class EulerBench {
    public static void main(String[] args) {
        int d = 64, L = 4096, hidden = 64;
        VectorField f = ReferenceBench.tanhNet(d, hidden, 2);
        Decimal64[] x0 = DoubleSystem.INSTANCE.fromDoubles(new double[d]);
        for (int rep = 0; rep < 6; rep++) {
            long s = System.nanoTime();
            LayerStack.run(f, LayerMap.EULER, DoubleSystem.INSTANCE, x0, new Decimal64(1), L);
            long e = System.nanoTime();
            System.out.printf("generic Decimal64 euler: %.1f ms%n", (e - s) / 1e6);
        }
    }
}
