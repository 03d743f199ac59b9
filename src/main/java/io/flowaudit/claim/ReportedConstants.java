package io.flowaudit.claim;

import io.flowaudit.field.Certificate;
import io.flowaudit.field.CertifiedField;
import io.flowaudit.field.DerivedConstants;
import io.flowaudit.field.StatedConstants;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A field's constants as the report lists them, plus the derived ones a theorem uses. A stated
 * constant says so, with how it was checked: "stated, checked on N points (largest observed X)"; a
 * constant derived on the region ({@code derive: true}) shows the proof's enclosure of its supremum.
 */
final class ReportedConstants {

    private ReportedConstants() {
    }

    static Map<String, String> of(CertifiedField field, Map<String, Double> derived) {
        Certificate certificate = field.certificate();
        StatedConstants stated = field.statedConstants().orElse(null);
        Optional<DerivedConstants> proved = field.derivedConstants();
        Map<String, String> constants = new LinkedHashMap<>();
        for (StatedHypotheses.Quotient quotient : StatedHypotheses.Quotient.values()) {
            String value = format(quotient.valueIn(certificate));
            String checked = stated == null ? "" : "stated, checked on " + stated.points() + " points, largest observed "
                    + stated.named(quotient.constant).map(c -> format(c.observed())).orElse("-");
            if (proved.isPresent()) {
                String onRegion = provedOnRegion(proved.get().of(quotient.key).orElseThrow());
                constants.put(quotient.constant, value + " (" + (proved.get().stated().contains(quotient.key)
                        ? checked + "; " + onRegion : onRegion) + ")");
            } else {
                constants.put(quotient.constant, stated == null ? value : value + " (" + checked + ")");
            }
        }
        if (proved.isPresent()) {
            DerivedConstants.Supremum curvature = proved.get().of("solution-curvature").orElseThrow();
            constants.put("M2 (Lipschitz in t along solutions)", format(certificate.solutionCurvature()) + " (the least of "
                    + "K_t + K M = " + format(Certificate.curvatureFromConstants(certificate.lipschitz(),
                            certificate.bound(), certificate.timeLipschitz()))
                    + " and sup |dF/dt + J F| " + provedOnRegion(curvature) + ")");
            constants.put("proved on the region", proved.get().where() + ", " + proved.get().boxes()
                    + " boxes, in interval arithmetic");
        } else {
            constants.put("M2 = K_t + K M", format(certificate.solutionCurvature()));
        }
        constants.put("region", certificate.region().toString());
        derived.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> constants.put(e.getKey(), format(e.getValue())));
        return constants;
    }

    /** "proved on the region: supremum in [a, b]". */
    private static String provedOnRegion(DerivedConstants.Supremum supremum) {
        return "proved on the region: supremum in [" + format(supremum.attained()) + ", " + format(supremum.proved())
                + "]";
    }

    static String format(double value) {
        return String.format(Locale.ROOT, "%.6g", value);
    }
}
