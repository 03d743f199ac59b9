package io.flowaudit.baseline;

import io.flowaudit.verdict.ClaimVerdict;
import io.flowaudit.verdict.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What moved between a baseline and a run beyond its tolerance (README, "Baselines"). Per claim: the verdict (any
 * change); the tries of a claim that holds (falling at all); the observed order (beyond max(order,
 * order-standard-errors times the standard error of the difference, sqrt(s_baseline^2 + s_run^2))); the fitted
 * constant and each margin quantile (beyond their relative tolerance, either way); the vacuous share (growing beyond
 * its tolerance); the proved share (falling beyond its tolerance); the run time (only when given a tolerance). A number
 * that one side has and the other lacks moved too. Claims only in the run, or only in the baseline, are noted, not
 * counted as drift: an audit of some claim files is compared with the baseline of all.
 *
 * @param movements what moved beyond its tolerance, in claim order
 * @param notes     claims compared with nothing, and a seed that differs from the baseline's
 */
public record Drift(List<Movement> movements, List<String> notes) {

    private static final String HOLDS = Outcome.HOLDS.label();

    /**
     * One number that moved.
     *
     * @param claim    the claim's id
     * @param metric   which number, as the tolerance table names it
     * @param baseline its baseline value, as text
     * @param observed this run's value, as text
     * @param allowed  the tolerance that was exceeded, in words
     */
    public record Movement(String claim, String metric, String baseline, String observed, String allowed) {

        /** The movement in words, without the claim. */
        public String line() {
            return metric + " moved from " + baseline + " to " + observed + " (allowed: " + allowed + ")";
        }
    }

    public boolean drifted() {
        return !movements.isEmpty();
    }

    /**
     * Compares a run with its baseline. Tolerances, each layer replacing the one before by name: the built-in
     * {@link Tolerances#DEFAULT}, the baseline file's tolerances for all claims, {@code overrides} (from the command
     * line or configuration), then the claim's own tolerances in the baseline file.
     */
    public static Drift between(Baseline baseline, Baseline run, Map<String, Double> overrides) {
        Tolerances defaults = defaults(baseline, overrides);
        List<Movement> movements = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (baseline.seed() != run.seed()) {
            notes.add("the baseline was recorded with seed " + baseline.seed() + ", this run used " + run.seed()
                    + ": numbers move with the instances drawn");
        }
        TreeSet<String> ids = new TreeSet<>(baseline.claims().keySet());
        ids.addAll(run.claims().keySet());
        for (String id : ids) {
            Baseline.Entry before = baseline.claims().get(id);
            Baseline.Entry now = run.claims().get(id);
            if (before == null) {
                notes.add(id + ": not in the baseline (new claim)");
            } else if (now == null) {
                notes.add(id + ": in the baseline but not run");
            } else {
                compare(id, before, now, defaults.with(before.tolerances(), "the baseline's tolerances of " + id),
                        movements);
            }
        }
        return new Drift(List.copyOf(movements), List.copyOf(notes));
    }

    /**
     * What moved in one claim's verdict (none when the baseline does not hold the claim, or the claim was not run): for
     * the test engine, which reports each claim as it finishes.
     */
    public static List<Movement> ofClaim(Baseline baseline, ClaimVerdict verdict, Map<String, Double> overrides) {
        Baseline.Entry before = baseline.claims().get(verdict.id());
        Baseline.Entry now = Baseline.of(baseline.seed(), List.of(verdict)).claims().get(verdict.id());
        List<Movement> movements = new ArrayList<>();
        if (before != null && now != null) {
            compare(verdict.id(), before, now, defaults(baseline, overrides)
                    .with(before.tolerances(), "the baseline's tolerances of " + verdict.id()), movements);
        }
        return movements;
    }

    private static Tolerances defaults(Baseline baseline, Map<String, Double> overrides) {
        return Tolerances.DEFAULT.with(baseline.tolerances(), "the baseline's tolerances")
                .with(overrides, "the tolerance overrides");
    }

    private static void compare(String id, Baseline.Entry before, Baseline.Entry now, Tolerances tolerances,
            List<Movement> movements) {
        if (!before.verdict().equals(now.verdict())) {
            movements.add(new Movement(id, "verdict", before.verdict(), now.verdict(), "any change"));
        }
        // a claim that holds on fewer tries than recorded was tested less; a falsified one stops at its failure
        if (HOLDS.equals(before.verdict()) && HOLDS.equals(now.verdict()) && now.tries() < before.tries()) {
            movements.add(new Movement(id, "tries", Integer.toString(before.tries()), Integer.toString(now.tries()),
                    "no fall"));
        }
        if (tolerances.order() != null) {
            // no standard errors: the order is gated by its absolute tolerance alone, not ungated
            double standardErrors = tolerances.orderStandardErrors() == null ? 0 : tolerances.orderStandardErrors();
            double standardError = StrictMath.hypot(orZero(before.orderStandardError()), orZero(now.orderStandardError()));
            double allowed = Math.max(tolerances.order(), standardErrors * standardError);
            absolute(id, "observed order", before.order(), now.order(), allowed, String.format(Locale.ROOT,
                    "±%s = max(%s, %s standard errors %s)", number(allowed), number(tolerances.order()),
                    number(standardErrors), number(standardError)), movements);
        }
        if (tolerances.constant() != null) {
            relative(id, "fitted constant", before.fittedConstant(), now.fittedConstant(), tolerances.constant(),
                    movements);
        }
        if (tolerances.margin() != null) {
            TreeSet<String> quantiles = new TreeSet<>(before.marginQuantiles().keySet());
            quantiles.addAll(now.marginQuantiles().keySet());
            for (String quantile : quantiles) {
                relative(id, "margin " + quantile, valueOf(before.marginQuantiles(), quantile),
                        valueOf(now.marginQuantiles(), quantile), tolerances.margin(), movements);
            }
        }
        if (tolerances.vacuousShare() != null && now.vacuousShare() > before.vacuousShare() + tolerances.vacuousShare()) {
            movements.add(new Movement(id, "vacuous share", number(before.vacuousShare()), number(now.vacuousShare()),
                    "growth ≤ " + number(tolerances.vacuousShare())));
        }
        // a baseline without the share (written before it was recorded) compares nothing
        if (tolerances.provedShare() != null && now.provedShare() < before.provedShare() - tolerances.provedShare()) {
            movements.add(new Movement(id, "proved share", number(before.provedShare()), number(now.provedShare()),
                    "fall ≤ " + number(tolerances.provedShare())));
        }
        if (tolerances.seconds() != null) {
            relative(id, "seconds", before.seconds(), now.seconds(), tolerances.seconds(), movements);
        }
    }

    private static void absolute(String id, String metric, double before, double now, double allowed, String words,
            List<Movement> movements) {
        if (presenceDiffers(id, metric, before, now, movements)) {
            return;
        }
        if (Double.isFinite(before) && Math.abs(now - before) > allowed) {
            movements.add(new Movement(id, metric, number(before), number(now), words));
        }
    }

    /** Beyond {@code share} of the baseline's magnitude, either way (a baseline of 0 allows no change). */
    private static void relative(String id, String metric, double before, double now, double share,
            List<Movement> movements) {
        if (presenceDiffers(id, metric, before, now, movements)) {
            return;
        }
        if (Double.isFinite(before) && Math.abs(now - before) > share * Math.abs(before)) {
            movements.add(new Movement(id, metric, number(before), number(now),
                    "±" + java.math.BigDecimal.valueOf(100 * share).stripTrailingZeros().toPlainString()
                            + " % of the baseline"));
        }
    }

    /** A number one side has and the other lacks (NaN) has moved; true when that was recorded. */
    private static boolean presenceDiffers(String id, String metric, double before, double now,
            List<Movement> movements) {
        if (Double.isFinite(before) != Double.isFinite(now)) {
            movements.add(new Movement(id, metric, number(before), number(now), "present on both sides"));
            return true;
        }
        return false;
    }

    private static double valueOf(SortedMap<String, Double> values, String key) {
        Double value = values.get(key);
        return value == null ? Double.NaN : value;
    }

    private static double orZero(double standardError) {
        return Double.isFinite(standardError) ? standardError : 0;
    }

    static String number(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.4g", value) : "none";
    }

    /** The movements as a table with a header, one line each, columns aligned; notes follow. */
    public String table() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"claim", "metric", "baseline", "this run", "allowed"});
        movements.forEach(m -> rows.add(new String[] {m.claim(), m.metric(), m.baseline(), m.observed(), m.allowed()}));
        int[] widths = new int[5];
        rows.forEach(row -> {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        });
        StringBuilder table = new StringBuilder();
        if (drifted()) {
            rows.forEach(row -> {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < row.length; i++) {
                    line.append(i == row.length - 1 ? row[i] : String.format(Locale.ROOT, "%-" + widths[i] + "s  ",
                            row[i]));
                }
                table.append(line.toString().stripTrailing()).append('\n');
            });
        }
        notes.forEach(note -> table.append("note: ").append(note).append('\n'));
        return table.toString();
    }

    /** The movements by claim id, one line each, for test failures and JUnit XML. */
    public Map<String, List<String>> linesByClaim() {
        return movements.stream().collect(Collectors.groupingBy(Movement::claim, TreeMap::new,
                Collectors.mapping(Movement::line, Collectors.toList())));
    }
}
