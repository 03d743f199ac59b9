package io.flowaudit.report;

import io.flowaudit.verdict.ClaimVerdict;
import io.flowaudit.verdict.Figure;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.IntToDoubleFunction;

/**
 * What a figure's numbers say against the lines the theory draws on it: the point closest to (or furthest past) its
 * bound. The charts annotate it and the pages print it, so both read the same number.
 */
final class Readings {

    private Readings() {
    }

    /**
     * The point of a plot where observed/bound is largest.
     *
     * @param index    the point's position in the figure's series
     * @param x        its depth (convergence) or layer (perturbation)
     * @param observed the observed value there
     * @param bound    the bound there
     * @param where    where it is, in words, e.g. {@code L = 8}
     */
    record Worst(int index, double x, double observed, double bound, String where) {

        double ratio() {
            return observed / bound;
        }

        boolean exceeds() {
            return observed > bound;
        }
    }

    /** Against C/L at every depth; empty without a bound constant. */
    static Optional<Worst> worst(Figure.Convergence figure) {
        if (figure.boundConstant() == null) {
            return Optional.empty();
        }
        List<Integer> depths = figure.depths();
        return worst(figure.errors(), i -> figure.boundConstant() / depths.get(i), 0,
                i -> depths.get(i), i -> "L = " + depths.get(i));
    }

    /**
     * Against the layer bound ρ(h)^l·|x₀ − y₀| when the figure has one, else against e^{r t}·|x₀ − y₀|, each with
     * Theorem 5's forcing term when the field was perturbed; from the first layer on (at l = 0 both are the distance
     * itself).
     */
    static Optional<Worst> worst(Figure.Perturbation figure) {
        List<Double> distances = figure.distances();
        if (distances.size() < 2) {
            return Optional.empty();
        }
        IntToDoubleFunction bound = Double.isFinite(figure.rho()) ? figure::layerBound : figure::flowBound;
        return worst(distances, bound, 1, l -> l, l -> "l = " + l);
    }

    /**
     * Against the plot's first bound curve, where its first observed curve has the same abscissae (D(t) against
     * e^{Lt}·D(0), the measured error against the claimed n^(−r)); empty when the plot pairs no such curves.
     */
    static Optional<Worst> worst(Figure.Curves figure) {
        Optional<Figure.Curve> observed = first(figure, Figure.Role.OBSERVED);
        Optional<Figure.Curve> bound = first(figure, Figure.Role.BOUND);
        if (observed.isEmpty() || bound.isEmpty() || !observed.get().x().equals(bound.get().x())) {
            return Optional.empty();
        }
        List<Double> x = observed.get().x();
        return worst(observed.get().y(), i -> bound.get().y().get(i), 0, x::get,
                i -> figure.xLabel() + " = " + Labels.number(x.get(i)));
    }

    /**
     * The data points a figure's log value axis has no place for (zero, negative or undefined values), each as
     * {@code 0 at L = 16}: the chart leaves them out, so the page must say so, or a plot of an instance whose errors
     * are all exactly 0 (a trajectory at rest) shows its bound alone, as if there were no data.
     */
    static List<String> offLogAxis(Figure figure) {
        List<String> points = new ArrayList<>();
        if (figure instanceof Figure.Convergence convergence) {
            List<Integer> depths = convergence.depths();
            offLogAxis(convergence.errors(), i -> "L = " + depths.get(i), points);
        } else if (figure instanceof Figure.Perturbation perturbation) {
            offLogAxis(perturbation.distances(), l -> "l = " + l, points);
        } else if (figure instanceof Figure.Curves curves && curves.logY()) {
            curves.curves().stream().filter(curve -> curve.role() == Figure.Role.OBSERVED).forEach(curve -> offLogAxis(
                    curve.y(), i -> curves.xLabel() + " = " + Labels.number(curve.x().get(i)), points));
        }
        return points;
    }

    private static void offLogAxis(List<Double> values, IntFunction<String> where, List<String> points) {
        for (int i = 0; i < values.size(); i++) {
            double value = values.get(i);
            if (!(value > 0) || !Double.isFinite(value)) {
                points.add(Labels.number(value) + " at " + where.apply(i));
            }
        }
    }

    private static Optional<Figure.Curve> first(Figure.Curves figure, Figure.Role role) {
        return figure.curves().stream().filter(curve -> curve.role() == role).findFirst();
    }

    /**
     * The claim's key number in a few words, for the index: the shrunk counterexample's observation, else what the
     * first figure shows (the observed order of a convergence plot, the final over the initial distance of a
     * perturbation plot, the largest observed/bound of a plot of curves), else the comparison of the try nearest its
     * bound; null when there is none.
     */
    static String keyFigure(ClaimVerdict claim) {
        if (claim.counterexample() != null) {
            return claim.counterexample().observed();
        }
        String shown = claim.figures().isEmpty() ? null : figureKey(claim.figures().get(0));
        return shown != null || claim.nearest() == null ? shown : claim.nearest().observed();
    }

    private static String figureKey(Figure figure) {
        if (figure instanceof Figure.Convergence convergence) {
            return "order " + Labels.number(convergence.observedOrder()) + " (claimed " + convergence.claimedOrder()
                    + ")";
        }
        if (figure instanceof Figure.Curves curves) {
            return worst(curves).map(worst -> "observed/bound ≤ " + Labels.number(worst.ratio()) + " (at "
                    + worst.where() + ")").orElse(null);
        }
        List<Double> distances = ((Figure.Perturbation) figure).distances();
        return distances.size() < 2 ? null : "|x_L − y_L| / |x₀ − y₀| = "
                + Labels.number(distances.get(distances.size() - 1) / distances.get(0));
    }

    private static Optional<Worst> worst(List<Double> observed, IntToDoubleFunction bound, int from,
            IntToDoubleFunction x, IntFunction<String> where) {
        Worst worst = null;
        for (int i = from; i < observed.size(); i++) {
            double value = observed.get(i);
            double limit = bound.applyAsDouble(i);
            if (!(limit > 0) || !Double.isFinite(limit) || !Double.isFinite(value)) {
                continue;
            }
            if (worst == null || value / limit > worst.ratio()) {
                worst = new Worst(i, x.applyAsDouble(i), value, limit, where.apply(i));
            }
        }
        return Optional.ofNullable(worst);
    }
}
