package io.flowaudit.num.interval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

/**
 * {@link IntervalSystem#softmax} encloses each weight by its exact range over the row's box, up to rounding. Weight i
 * increases with s_i and decreases with every other score, so its range has its ends at two corners of the box: the
 * least at s_i's lower end with the others at their upper ends, the greatest at the opposite corner. Both corners are
 * enclosed at 60 digits, and each end of the enclosure must hold its corner's weight (soundness) and lie
 * within {@link #ROUNDING} of it, relatively (tightness: a plain quotient of exps, as wide as the scores whatever the
 * weight, fails this by many orders for a dominant weight).
 */
class SoftmaxEnclosureProperties {

    private static final IntervalSystem SYSTEM = new IntervalSystem(40);
    private static final IntervalSystem REFERENCE = new IntervalSystem(60);
    /** The exps, the row's sums and the quotient round outward at 40 digits: a few dozen units of 1e-39 at most. */
    private static final BigDecimal ROUNDING = new BigDecimal("1e-37");

    /**
     * Rows of 1 to 5 scores within [-40, 40], each of width 0 or from 1e-30 to 4 (10^0.6): weights from 1 down to
     * 1e-35.
     */
    @Provide
    Arbitrary<List<Interval>> rows() {
        Arbitrary<Double> centres = Arbitraries.doubles().between(-40, 40);
        Arbitrary<Double> widths = Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(0.0)),
                Tuple.of(4, Arbitraries.doubles().between(-30, 0.6).ofScale(3).map(e -> Math.pow(10, e))));
        Arbitrary<Interval> scores = Combinators.combine(centres, widths).as((centre, width) -> SYSTEM.enclosing(
                new BigDecimal(centre).subtract(new BigDecimal(width / 2)),
                new BigDecimal(centre).add(new BigDecimal(width / 2))));
        return scores.list().ofMinSize(1).ofMaxSize(5);
    }

    @Property(tries = 300)
    void eachWeightIsEnclosedByItsExactRange(@ForAll("rows") List<Interval> scores) {
        Interval[] weights = scores.toArray(Interval[]::new);
        SYSTEM.softmax(weights);
        for (int i = 0; i < weights.length; i++) {
            Interval least = cornerWeight(scores, i, false);
            Interval greatest = cornerWeight(scores, i, true);
            String where = "weight " + i + " of " + scores + ": " + weights[i];
            assertTrue(weights[i].lo().compareTo(least.lo()) <= 0 && greatest.hi().compareTo(weights[i].hi()) <= 0,
                    where + " misses its range [" + least + ", " + greatest + "]");
            assertTrue(least.hi().subtract(weights[i].lo()).compareTo(ROUNDING.multiply(least.hi())) <= 0
                    && weights[i].hi().subtract(greatest.lo()).compareTo(ROUNDING.multiply(greatest.lo())) <= 0,
                    where + " is wider than its range [" + least + ", " + greatest + "] by more than rounding");
        }
    }

    /** A dominant weight of a row whose scores are 1e-10 wide: the range is narrower than the scores by p(1 - p). */
    @Test
    void aDominantWeightIsNarrowerThanItsScores() {
        Interval[] weights = {SYSTEM.enclosing(new BigDecimal("-1e-11"), new BigDecimal("1e-11")),
            SYSTEM.enclosing(new BigDecimal("-20.00000000001"), new BigDecimal("-19.99999999999"))};
        SYSTEM.softmax(weights);
        // p_0 = 1/(1 + e^-20) = 1 - 2.06e-9, so its width is about 2e-11 p_0 (1 - p_0), 4e-20
        assertTrue(weights[0].width().compareTo(new BigDecimal("1e-19")) < 0, weights[0] + " is too wide");
        assertTrue(weights[1].width().compareTo(new BigDecimal("1e-19")) < 0, weights[1] + " is too wide");
    }

    @Test
    void theOnlyWeightOfARowIsOne() {
        Interval[] weights = {SYSTEM.enclosing(new BigDecimal("-3"), new BigDecimal("7"))};
        SYSTEM.softmax(weights);
        assertEquals(0, weights[0].lo().compareTo(BigDecimal.ONE), weights[0].toString());
        assertEquals(0, weights[0].hi().compareTo(BigDecimal.ONE), weights[0].toString());
    }

    /**
     * Weight i at the corner of the box where it is greatest ({@code s_i} at its upper end, the others at their lower
     * ends) or least, as 1 / (1 + sum_{k != i} exp(s_k - s_i)) from the corner's exact scores in 60-digit intervals
     * (their operations are checked against exact arithmetic and apfloat in this package's other properties).
     */
    private static Interval cornerWeight(List<Interval> scores, int i, boolean greatest) {
        Interval own = REFERENCE.enclosing(greatest ? scores.get(i).hi() : scores.get(i).lo());
        Interval denominator = REFERENCE.getOne();
        for (int k = 0; k < scores.size(); k++) {
            if (k != i) {
                Interval other = REFERENCE.enclosing(greatest ? scores.get(k).lo() : scores.get(k).hi());
                denominator = denominator.add(other.subtract(own).exp());
            }
        }
        return denominator.reciprocal();
    }
}
