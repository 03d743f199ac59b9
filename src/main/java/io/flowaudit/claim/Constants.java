package io.flowaudit.claim;

import io.flowaudit.field.Certificate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A certificate's constants as the report lists them, plus the derived ones a theorem uses. */
final class Constants {

    private Constants() {
    }

    static Map<String, String> of(Certificate certificate, Map<String, Double> derived) {
        Map<String, String> constants = new LinkedHashMap<>();
        constants.put("K (Lipschitz)", format(certificate.lipschitz()));
        constants.put("mu (one-sided Lipschitz)", format(certificate.oneSidedLipschitz()));
        constants.put("M (bound of |F|)", format(certificate.bound()));
        constants.put("K_t (Lipschitz in t)", format(certificate.timeLipschitz()));
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
