package io.flowaudit.baseline;

import io.flowaudit.input.BadInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How far each tracked number may move from its baseline before the gate fails (README, "Baselines"). A verdict
 * change always fails. Each tolerance has a name, used in baseline files ({@code "tolerances"} at the top or per
 * claim), on the command line ({@code --tolerance NAME=VALUE}) and in the engine's configuration
 * ({@code flowaudit.baseline.tolerance.NAME}); a value of {@code null} (or {@code none}) stops gating that number.
 *
 * @param order               the observed order may move this much in absolute terms, at least (0.1)
 * @param orderStandardErrors ... or this many standard errors of the difference, if that is more (3; null: none, the
 *                            order then gated by {@code order} alone)
 * @param constant            the fitted constant may move this share of its baseline, either way (0.1)
 * @param margin              each margin quantile may move this share of its baseline, either way (0.1)
 * @param vacuousShare        the share of vacuous tries may grow by this much (0: any growth fails); falling is fine
 * @param provedShare         the share of tries proved ({@code rigour: proved}) may fall by this much (0: any fall
 *                            fails, a claim moved to {@code rigour: observed} among them); growing is fine
 * @param seconds             the run time may move this share of its baseline (null: recorded, not gated — it is noise
 *                            of the machine, not of the claim)
 */
public record Tolerances(Double order, Double orderStandardErrors, Double constant, Double margin, Double vacuousShare,
        Double provedShare, Double seconds) {

    public static final Tolerances DEFAULT = new Tolerances(0.1, 3.0, 0.1, 0.1, 0.0, 0.0, null);

    static final String ORDER = "order";
    static final String ORDER_STANDARD_ERRORS = "order-standard-errors";
    static final String CONSTANT = "constant";
    static final String MARGIN = "margin";
    static final String VACUOUS_SHARE = "vacuous-share";
    static final String PROVED_SHARE = "proved-share";
    static final String SECONDS = "seconds";

    /** Every tolerance's name. */
    public static final List<String> NAMES = List.of(ORDER, ORDER_STANDARD_ERRORS, CONSTANT, MARGIN, VACUOUS_SHARE,
            PROVED_SHARE, SECONDS);

    /** The tolerances by name, null where not gated. */
    SortedMap<String, Double> byName() {
        SortedMap<String, Double> named = new TreeMap<>();
        named.put(ORDER, order);
        named.put(ORDER_STANDARD_ERRORS, orderStandardErrors);
        named.put(CONSTANT, constant);
        named.put(MARGIN, margin);
        named.put(VACUOUS_SHARE, vacuousShare);
        named.put(PROVED_SHARE, provedShare);
        named.put(SECONDS, seconds);
        return named;
    }

    /**
     * These tolerances with some replaced by name; {@code where} names the source in error messages (a file, an
     * option). Values must be finite and at least 0, or null to stop gating.
     */
    public Tolerances with(Map<String, Double> overrides, String where) {
        Map<String, Double> named = new LinkedHashMap<>(byName());
        overrides.forEach((name, value) -> {
            if (!named.containsKey(name)) {
                throw new BadInputException(where, "unknown tolerance '" + name + "', expected one of "
                        + String.join(", ", named.keySet()));
            }
            if (value != null && !(value >= 0 && Double.isFinite(value))) {
                throw new BadInputException(where, "tolerance '" + name + "' must be a finite number >= 0 or none,"
                        + " got " + value);
            }
            named.put(name, value);
        });
        return new Tolerances(named.get(ORDER), named.get(ORDER_STANDARD_ERRORS), named.get(CONSTANT),
                named.get(MARGIN), named.get(VACUOUS_SHARE), named.get(PROVED_SHARE), named.get(SECONDS));
    }

    /** {@code NAME=VALUE} (VALUE a number or {@code none}), as given on the command line or in configuration. */
    public static Map.Entry<String, Double> parse(String name, String value, String where) {
        String text = value.trim();
        if (text.toLowerCase(Locale.ROOT).equals("none")) {
            return new java.util.AbstractMap.SimpleImmutableEntry<>(name.trim(), null);
        }
        try {
            return Map.entry(name.trim(), Double.parseDouble(text));
        } catch (NumberFormatException e) {
            throw new BadInputException(where, "tolerance '" + name.trim() + "' must be a number or none, got '"
                    + value + "'");
        }
    }
}
