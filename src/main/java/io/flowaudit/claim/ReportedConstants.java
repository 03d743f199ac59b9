package io.flowaudit.claim;

import io.flowaudit.field.Certificate;
import io.flowaudit.field.CertifiedField;
import io.flowaudit.field.StatedConstants;
import io.flowaudit.field.StatedField;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A field's constants as the report lists them, plus the derived ones a theorem uses. A stated
 * constant says so, with how it was checked: "stated, checked on N points (largest observed X)".
 */
final class ReportedConstants {

    private ReportedConstants() {
    }

    static Map<String, String> of(CertifiedField field, Map<String, Double> derived) {
        Certificate certificate = field.certificate();
        StatedConstants stated = field instanceof StatedField ? ((StatedField) field).statedConstants() : null;
        Map<String, String> constants = new LinkedHashMap<>();
        for (StatedHypotheses.Quotient quotient : StatedHypotheses.Quotient.values()) {
            String value = format(quotient.valueIn(certificate));
            constants.put(quotient.constant, stated == null ? value
                    : value + " (stated, checked on " + stated.points() + " points, largest observed "
                            + stated.named(quotient.constant).map(c -> format(c.observed())).orElse("-") + ")");
        }
        constants.put("M2 = K_t + K M", format(certificate.solutionCurvature()));
        constants.put("region", certificate.region().toString());
        derived.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> constants.put(e.getKey(), format(e.getValue())));
        return constants;
    }

    static String format(double value) {
        return String.format(Locale.ROOT, "%.6g", value);
    }
}
