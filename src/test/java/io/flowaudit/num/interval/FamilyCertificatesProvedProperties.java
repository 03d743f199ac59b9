package io.flowaudit.num.interval;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.field.Certificate;
import io.flowaudit.field.Region;
import io.flowaudit.field.family.FamilyField;
import io.flowaudit.gen.Fields;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Arbitrary;

/**
 * The certificates of the random families re-checked by proof on the unit ball, t in [0, 1]:
 * <ul>
 * <li>no certified constant is below a value sampled at a sub-box centre (one would be false);</li>
 * <li>K is confirmed: certified >= proved, and a proved value bounds the true supremum. The
 * comparison allows 1e-6 relative, the resolution at which the eigenvalue bounds stop bisecting, for
 * certificates that are the exact supremum (a linear field's K); the Jacobian enclosure of a linear
 * field is exact, so the proof reaches that resolution.</li>
 * </ul>
 * mu, M and K_t are not asserted confirmed: the families certify them as (or within 1e-5 of) the exact
 * supremum (mu of a contractive field, |A| R + |b| for a linear field's M), which a proof over 64
 * sub-boxes approaches but, rounding outward, need not reach: such an instance is undecided, not refuted.
 */
class FamilyCertificatesProvedProperties {

    private static final double PROOF_RESOLUTION = 1e-6;

    @Provide
    Arbitrary<FamilyField> fields() {
        return Fields.any().dimension(1, 3);
    }

    @Property(tries = 12)
    void certificatesHoldOnTheUnitBallByProof(@ForAll("fields") FamilyField field) {
        int dimension = field.dimension();
        double[] lo = new double[dimension];
        double[] hi = new double[dimension];
        Arrays.fill(lo, -1);
        Arrays.fill(hi, 1);
        Certificate certified = field.certificateOn(Region.ball(1));
        ProvedConstants proved = ProvedConstants.on(field, lo, hi, 1, 1, 0.05, 64);
        double[] certifiedValues = {certified.lipschitz(), certified.oneSidedLipschitz(), certified.bound(),
            certified.timeLipschitz()};
        double[] provedValues = {proved.lipschitz(), proved.oneSidedLipschitz(), proved.bound(),
            proved.timeLipschitz()};
        String[] names = {"K", "mu", "M", "K_t"};
        for (int c = 0; c < names.length; c++) {
            // samples are computed in double from the box centre's enclosures: 1e-12 relative covers that
            double sampleRounding = 1e-12 * Math.abs(certifiedValues[c]) + 1e-300;
            assertTrue(proved.sampled()[c] <= certifiedValues[c] + sampleRounding, names[c] + " certified "
                    + certifiedValues[c] + " is below a value attained, " + proved.sampled()[c] + ", for " + field);
            if (c > 0) {
                continue;  // mu, M and K_t: see the class comment
            }
            double allowance = PROOF_RESOLUTION * Math.abs(provedValues[c]);
            assertTrue(provedValues[c] <= certifiedValues[c] + allowance, names[c] + " certified "
                    + certifiedValues[c] + " is not confirmed: proved only " + provedValues[c] + " for " + field);
        }
    }
}
