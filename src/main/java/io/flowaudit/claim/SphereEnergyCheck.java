package io.flowaudit.claim;

import io.flowaudit.claim.Evidence.Judgement;
import io.flowaudit.field.transformer.TransformerField;
import io.flowaudit.input.Setting;
import io.flowaudit.meanfield.AttentionParticles;
import io.flowaudit.meanfield.Integration;
import io.flowaudit.meanfield.SphereEnergy;
import io.flowaudit.verdict.Figure;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Energy on the sphere (docs/theory.md, "Energy on the sphere"): with V = A = I, {@code E_beta = (1/(2 beta n^2))
 * sum_ij e^{beta <x_i, x_j>}} never decreases along SA or USA. The check draws n unit tokens (seeded by the
 * instance's start; the instance gives the width, T and, for layers, the depth) and judges E at consecutive
 * samples for both dynamics: along the flow at {@link #FLOW_SAMPLES} + 1 equally spaced times, or after every
 * normalised Euler layer {@code x <- (x + h v(x)) / |x + h v(x)|}, h = T/L, which keeps E only for small h (the
 * false-on-purpose claim). Tolerance along the flow: the measured integration error moved through E's Lipschitz
 * constant; for layers, rounding only.
 */
record SphereEnergyCheck(int tokens, double beta, boolean eulerLayers) implements TheoremCheck {

    /** Samples of the flow: fine enough to see a dip, cheap at n^2 per energy. */
    static final int FLOW_SAMPLES = 100;
    /**
     * Absolute and relative tolerance of the flow's Dormand-Prince solve. E is at least its diagonal, e^beta/(2 beta n),
     * so the allowance 2.02 e^beta sqrt(d) err is at most 4.04 beta n sqrt(d) err relative to E: below 1 % for err near
     * this tolerance at every allowed beta and token count (a longer or stiffer solve that misses it is vacuous).
     */
    private static final double INTEGRATION_TOLERANCE = 1e-9;

    static final Setting<Integer> TOKEN_COUNT = Setting.integerBetween("token-count", 8, 2, 256);
    /** The largest beta: beyond it the attention is nearly hard and the solve slows; the allowance stays resolved. */
    static final double MAX_BETA = 10;
    static final Setting<Double> BETA = Setting.positiveAtMost("beta", 1.0, MAX_BETA);
    /** Whether E is followed along the exact flow or across Euler layers of step T/L. */
    static final Setting<Boolean> EULER_LAYERS = Setting.flag("euler-layers", false);

    static final CheckKinds.Kind KIND = new CheckKinds.Kind("sphere-energy", List.of(TOKEN_COUNT, BETA, EULER_LAYERS),
            (numerics, values) -> new SphereEnergyCheck(values.get(TOKEN_COUNT), values.get(BETA),
                    values.get(EULER_LAYERS)), CheckKinds.Uses.DOUBLE_ONLY);

    @Override
    public String theorem() {
        return "Energy on the sphere: E_beta nondecreasing along SA and USA (V = A = I)";
    }

    @Override
    public String statement() {
        return "For " + tokens + " unit tokens moved by SA and by USA with beta = " + Judgement.format(beta)
                + ", E_beta = (1/(2 beta n^2)) sum_ij e^{beta <x_i, x_j>} never decreases "
                + (eulerLayers ? "from one normalised Euler layer x <- (x + h v)/|x + h v|, h = T/L, to the next, at every depth L."
                        : "between " + (FLOW_SAMPLES + 1) + " equally spaced times of the flow on [0, T].");
    }

    @Override
    public boolean needsDepth() {
        return eulerLayers;
    }

    @Override
    public Evidence check(Instance instance) {
        TransformerField field = TokenStructure.require(instance.field(), "sphere energy");
        int width = field.width();
        if (width < 2) {
            throw new NotApplicableException("sphere energy needs tokens of width >= 2 (the sphere in R^1 is two points)");
        }
        if (field.hasCausalMask()) {
            // the particles below have no mask, so a masked field's claim would hold untested: and it is false there
            throw new NotApplicableException("sphere energy is derived without a mask (the symmetry of"
                    + " e^{beta <x_i, x_j>}), and under a causal mask E can fall; the field " + field.family()
                    + " is causal; expected a field without a mask (mask: none)");
        }
        double[] start = sphereTokens(width, Arrays.hashCode(instance.initial()));
        Judgement judgement = new Judgement();
        List<Figure.Curve> curves = new ArrayList<>();
        for (boolean softmax : new boolean[] {true, false}) {
            AttentionParticles dynamics = softmax ? AttentionParticles.sphere(tokens, width, beta)
                    : AttentionParticles.unnormalisedSphere(tokens, width, beta);
            String name = softmax ? "SA" : "USA";
            double[][] states;
            double[] times;
            Resolution stateResolution;
            if (eulerLayers) {
                times = Integration.grid(instance.horizon(), instance.depth());
                states = eulerLayers(dynamics, start, instance.horizon() / instance.depth(), instance.depth());
                stateResolution = Resolution.NONE;
            } else {
                times = Integration.grid(instance.horizon(), FLOW_SAMPLES);
                states = Integration.states(dynamics, start, times, INTEGRATION_TOLERANCE);
                // |grad E| <= e^beta / sqrt(n) on unit tokens (1 % slack off the sphere), |state error| <= sqrt(nd) err
                double error = Integration.errorEstimate(dynamics, start, times, INTEGRATION_TOLERANCE, states);
                stateResolution = new Resolution(1.01 * StrictMath.exp(beta) * Math.sqrt(width) * error);
            }
            List<Double> energies = new ArrayList<>();
            for (double[] state : states) {
                energies.add(SphereEnergy.energy(state, tokens, width, beta));
            }
            double largestStep = 0;
            double coarsest = 0;
            for (int k = 1; k < energies.size(); k++) {
                // both energies carry the state error; the n^2 positive terms each round by one unit
                Resolution resolution = stateResolution.times(2)
                        .plus(new Resolution(2 * tokens * tokens * Math.ulp(energies.get(k - 1))));
                double time = times[k];
                int sample = k;
                Supplier<String> at = () -> eulerLayers ? "layer " + sample : "t = " + Judgement.format(time);
                if (!judgement.atMost(() -> name + ": E before " + at.get(), energies.get(k - 1),
                        () -> "E at " + at.get(), energies.get(k), resolution)) {
                    break;
                }
                largestStep = Math.max(largestStep, Math.abs(energies.get(k) - energies.get(k - 1)));
                coarsest = Math.max(coarsest, resolution.value());
            }
            // a fall between two samples is a share of how far E moves between them: where no step moves it by more than
            // the resolution resolves (a horizon of 1e-12), no comparison can show a fall, and until 2026-11-30 the
            // false claim on Euler layers held there
            judgement.requireMotion(name + ": max_k |E_k - E_{k-1}|", largestStep, new Resolution(coarsest));
            curves.add(new Figure.Curve("E_β along " + name + (eulerLayers ? " (Euler layers)" : " (flow)"),
                    Figure.Role.OBSERVED, Arrays.stream(times).boxed().toList().subList(0, energies.size()), energies));
        }
        Figure figure = new Figure.Curves("E_β = (1/(2βn²)) Σ e^{β⟨x_i,x_j⟩} over time, n = " + tokens + ", β = "
                + Judgement.format(beta), "time t", "E_β", false, false, curves);
        return Evidence.of(judgement, ReportedConstants.of(field, Map.of("beta", beta, "tokens n", (double) tokens)),
                List.of(figure));
    }

    /** The states after 0, 1, ..., depth residual layers, each followed by LayerNorm's projection to the sphere. */
    private static double[][] eulerLayers(AttentionParticles dynamics, double[] start, double step, int depth) {
        double[][] states = new double[depth + 1][];
        states[0] = start;
        for (int layer = 1; layer <= depth; layer++) {
            states[layer] = dynamics.normalisedEulerLayer(states[layer - 1], step);
        }
        return states;
    }

    /** n tokens drawn uniformly on the unit sphere (normalised Gaussians), the same for the same seed. */
    private double[] sphereTokens(int width, long seed) {
        Random random = new Random(seed);
        double[] x = new double[tokens * width];
        for (int c = 0; c < x.length; c++) {
            x[c] = random.nextGaussian();
        }
        return AttentionParticles.toUnitSphere(x, width);
    }
}
