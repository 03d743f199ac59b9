package io.flowaudit.field;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;

/**
 * The one Euclidean distance the checks use is the norm of the difference, summed in the same order: the copies it
 * replaced computed exactly that, and the resolutions the checks give a distance assume it.
 */
class RegionNormsProperties {

    @Property(tries = 200)
    void theDistanceIsTheNormOfTheDifferenceToTheBit(
            @ForAll @Size(min = 1, max = 64) List<@DoubleRange(min = -1e3, max = 1e3) Double> a,
            @ForAll @Size(min = 1, max = 64) List<@DoubleRange(min = -1e3, max = 1e3) Double> b) {
        int n = Math.min(a.size(), b.size());
        double[] x = a.stream().limit(n).mapToDouble(Double::doubleValue).toArray();
        double[] y = b.stream().limit(n).mapToDouble(Double::doubleValue).toArray();
        double[] difference = new double[n];
        for (int i = 0; i < n; i++) {
            difference[i] = x[i] - y[i];
        }
        assertEquals(Region.euclideanNorm(difference), Region.euclideanDistance(x, y), 0);
        assertEquals(Region.euclideanDistance(x, y), Region.euclideanDistance(y, x), 0);
        assertEquals(0, Region.euclideanDistance(x, x), 0);
    }
}
