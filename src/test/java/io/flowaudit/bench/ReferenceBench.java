package io.flowaudit.bench;

import io.flowaudit.field.VectorField;
import io.flowaudit.flow.ReferenceFlow;
import io.flowaudit.flow.TaylorIntegrator;
import io.flowaudit.flow.TaylorSolution;
import io.flowaudit.num.ApfloatElement;
import io.flowaudit.num.ApfloatSystem;
import io.flowaudit.num.Scalars;
import java.util.Random;
import org.apache.commons.math3.RealFieldElement;
import org.apache.commons.math3.util.MathArrays;

public class ReferenceBench {
    static VectorField tanhNet(int d, int hidden, long seed) {
        Random r = new Random(seed);
        double[][] w1 = new double[hidden][d], w2 = new double[d][hidden];
        double[] b1 = new double[hidden], b2 = new double[d];
        for (int j = 0; j < hidden; j++) { b1[j] = r.nextGaussian() * 0.5; for (int i = 0; i < d; i++) { w1[j][i] = r.nextGaussian() / Math.sqrt(d); w2[i][j] = r.nextGaussian() / Math.sqrt(hidden); } }
        for (int i = 0; i < d; i++) b2[i] = r.nextGaussian() * 0.5;
        return new VectorField() {
            public int dimension() { return d; }
            public <T extends RealFieldElement<T>> T[] evaluate(T t, T[] x) {
                T[] h = MathArrays.buildArray(t.getField(), hidden);
                for (int j = 0; j < hidden; j++) { T s = Scalars.constant(t, b1[j]); for (int i = 0; i < d; i++) s = s.add(x[i].multiply(Scalars.constant(t, w1[j][i]))); h[j] = s.tanh(); }
                T[] out = MathArrays.buildArray(t.getField(), d);
                for (int i = 0; i < d; i++) { T s = Scalars.constant(t, b2[i]); for (int j = 0; j < hidden; j++) s = s.add(h[j].multiply(Scalars.constant(t, w2[i][j]))); out[i] = s; }
                return out;
            }
        };
    }
    public static void main(String[] args) {
        ApfloatSystem ap = new ApfloatSystem(40);
        VectorField f = tanhNet(4, 6, 1);
        ApfloatElement[] x0 = ap.fromDoubles(new double[] {0.5, -0.25, 1, 0.1});
        for (int rep = 0; rep < 8; rep++) {
            long s = System.nanoTime();
            TaylorSolution<ApfloatElement> sol = TaylorIntegrator.integrate(f, ap, x0, ap.one(), 40);
            long m = System.nanoTime();
            ReferenceFlow<ApfloatElement> rf = ReferenceFlow.compute(f, ap, x0, ap.one());
            long e = System.nanoTime();
            System.out.printf("single %.1f ms (steps %d order %d); with estimate %.1f ms est %.2e%n", (m - s) / 1e6, sol.steps(), sol.order(), (e - m) / 1e6, rf.errorEstimate());
        }
    }
}
