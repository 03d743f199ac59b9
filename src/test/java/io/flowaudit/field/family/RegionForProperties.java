package io.flowaudit.field.family;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.field.Domain;
import io.flowaudit.field.Region;
import io.flowaudit.field.VectorField;
import io.flowaudit.flow.LayerMap;
import io.flowaudit.flow.LayerStack;
import io.flowaudit.gen.Fields;
import io.flowaudit.num.DoubleSystem;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.apache.commons.math3.RealFieldElement;
import org.apache.commons.math3.util.Decimal64;

/**
 * {@link FamilyField#regionFor} contains every state a layer stack evaluates the field at (iterates
 * and Runge-Kutta stages), for every depth including a single layer, and the flow (approximated by a
 * deep RK4 stack).
 */
class RegionForProperties {

    /** Families whose region is a ball (unless K = 0, when they are bounded). */
    @Provide
    Arbitrary<FamilyField> unboundedFields() {
        return Arbitraries.oneOf(Fields.affine(), Fields.timeDependent().linearComponents(),
                Fields.contractive().linearPerturbation()).map(f -> (FamilyField) f);
    }

    /** Passes through to the field and fails on any state outside the region. */
    private static VectorField guarded(FamilyField field, Region region) {
        return new VectorField() {
            @Override
            public int dimension() {
                return field.dimension();
            }

            @Override
            public <T extends RealFieldElement<T>> T[] evaluate(T t, T[] x) {
                throw new UnsupportedOperationException("the double path is under test");
            }

            @Override
            public void evaluate(double t, double[] x, double[] out) {
                assertTrue(region.contains(x), "state " + Arrays.toString(x) + " (norm " + region.normOf(x)
                        + ") at t=" + t + " left " + region + " for " + field);
                field.evaluate(t, x, out);
            }
        };
    }

    @Property(tries = 100)
    void everyIterateAndStageStaysInTheRegion(@ForAll("unboundedFields") FamilyField field,
            @ForAll @DoubleRange(min = 0, max = 2) double initialNorm, @ForAll @DoubleRange(min = 0.1, max = 3) double horizon,
            @ForAll @IntRange(min = 1, max = 40) int depth, @ForAll LayerMap map) {
        Region region = field.regionFor(new Domain(initialNorm, horizon));
        // the worst initial state is on the sphere, in the direction F pushes outward fastest
        double[] x0 = new double[field.dimension()];
        x0[0] = initialNorm;
        Decimal64[] initial = DoubleSystem.INSTANCE.fromDoubles(x0);
        LayerStack.run(guarded(field, region), map, DoubleSystem.INSTANCE, initial, new Decimal64(horizon), depth);
        LayerStack.run(guarded(field, region), LayerMap.RK4, DoubleSystem.INSTANCE, initial, new Decimal64(horizon), 500);
    }

    @Example
    void boundedFieldsAreCertifiedOnTheWholeSpace() {
        FamilyField mlp = Fields.mlp().sample();
        assertEquals(Region.wholeSpace(), mlp.regionFor(new Domain(3, 10)));
        assertEquals(Region.wholeSpace(), Fields.timeDependent().mlpComponents().sample().regionFor(new Domain(3, 10)));
    }

    /**
     * A single Euler layer of {@code x' = K x} from {@code |x0| = r0} lands at {@code (1 + KT) r0}; the
     * radius must exceed it, and not by orders of magnitude.
     */
    @Example
    void radiusIsNotAbsurdlyLooseForExponentialGrowth() {
        double k = 2;
        double horizon = 1.5;
        AffineField growth = AffineField.of(new double[][] {{k, 0}, {0, k}});
        double radius = growth.regionFor(new Domain(1, horizon)).radius();
        assertTrue(radius >= Math.exp(k * horizon), "radius " + radius + " below the flow's e^{KT}");
        assertTrue(radius <= 1.02 * Math.exp(k * horizon), "radius " + radius + " is loose");
    }

    /**
     * One RK4 layer of {@code x' = x} with h = 1 evaluates its last stage at {@code (1 + 1 + 1/2 + 1/4) x0
     * = 2.75 x0}, above {@code e x0}: the stage factor {@code c = 2.75/e} of the radius is needed, and
     * the radius is tight there.
     */
    @Example
    void radiusContainsTheWorstRk4StageAndIsTightThere() {
        AffineField identity = AffineField.of(new double[][] {{1}});
        Region region = identity.regionFor(new Domain(1, 1));
        LayerStack.run(guarded(identity, region), LayerMap.RK4, DoubleSystem.INSTANCE,
                new Decimal64[] {new Decimal64(1)}, new Decimal64(1), 1);
        assertTrue(region.radius() < 2.75 * 1.001, "radius " + region.radius());
    }

    /** With K = 0 the field is a constant b: the states reach {@code |x0| + T|b|}, which is the radius. */
    @Example
    void constantFieldReachesItsRadius() {
        AffineField drift = AffineField.of(new double[][] {{0, 0}, {0, 0}}, new double[] {3, 4});
        assertEquals(Region.wholeSpace(), drift.regionFor(new Domain(1, 2)));
        assertEquals(1 + 2 * 5.0, Bounds.growthRadius(1, 2, 0, 5), 1e-12);
    }
}
