package io.flowaudit.claim;

import io.flowaudit.claim.Evidence.Judgement;
import io.flowaudit.field.transformer.SphereAttention;
import io.flowaudit.field.transformer.TransformerField;
import io.flowaudit.input.Setting;
import io.flowaudit.meanfield.AttentionParticles;
import io.flowaudit.meanfield.Clustering;
import io.flowaudit.meanfield.Equiangular;
import io.flowaudit.meanfield.Integration;
import io.flowaudit.verdict.Figure;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Equiangular starts (docs/theory.md, "Equiangular starts"): n unit tokens with a common inner product rho_0 stay
 * equiangular under SA and USA with V = A = I, and rho follows {@code rho' = c e^{beta rho}(1 - rho)(1 + (n-1) rho)/N},
 * N = e^beta + (n-1) e^{beta rho} (SA) or n (USA), with c = 2 as derived ({@code coefficient}, which a false claim
 * changes). The check builds the tokens in a random rotation (n and d >= n the field's; rho_0 and the rotation
 * seeded by the instance's start), integrates both particle systems and both scalar ODEs, and requires every
 * pairwise inner product at {@link #SAMPLES} + 1 times on [0, T] to equal rho(t) within the allowance: twice the
 * particles' measured token error, the scalar ODE's measured error, and the start's rounding.
 */
record EquiangularCheck(double beta, double coefficient) implements TheoremCheck {

    static final int SAMPLES = 100;
    private static final double PARTICLE_TOLERANCE = 1e-10;
    private static final double SCALAR_TOLERANCE = 1e-12;
    /** rho_0 is drawn this far inside (-1/(n-1), 1), as a share of its length: off the fixed point and the limit. */
    private static final double INSET = 0.05;

    static final double MAX_BETA = 10;
    static final Setting<Double> BETA = Setting.positiveAtMost("beta", 1.0, MAX_BETA);
    static final Setting<Double> COEFFICIENT = Setting.positive("coefficient", Equiangular.COEFFICIENT);

    static final CheckKinds.Kind KIND = new CheckKinds.Kind("equiangular", List.of(BETA, COEFFICIENT),
            (numerics, values) -> new EquiangularCheck(values.get(BETA), values.get(COEFFICIENT)), CheckKinds.Uses.DOUBLE_ONLY);

    @Override
    public String theorem() {
        return "Equiangular starts: the common inner product rho solves a scalar ODE under SA and USA (V = A = I)";
    }

    @Override
    public String statement() {
        String c = Judgement.format(coefficient);
        return "Unit tokens with <x_i, x_j> = rho_0 for all i != j keep a common inner product rho(t) under SA and USA"
                + " with beta = " + Judgement.format(beta) + ", rho' = " + c + " e^{beta rho}(1 - rho)(1 + (n-1) rho)/N,"
                + " N = e^beta + (n-1) e^{beta rho} (SA) or n (USA), at " + (SAMPLES + 1) + " times on [0, T]; every"
                + " <x_i(t), x_j(t)> equals rho(t) within the measured integration errors.";
    }

    @Override
    public Evidence check(Instance instance) {
        TransformerField field = TokenStructure.require(instance.field(), "equiangular starts");
        if (!(field instanceof SphereAttention)) {
            throw new NotApplicableException("equiangular starts are a claim about tokens on the sphere: they need"
                    + " the sphere-attention family, got " + field.family());
        }
        if (field.hasCausalMask()) {
            // the particles below have no mask, so a masked field's claim would hold untested: and it is false there
            throw new NotApplicableException("equiangular starts are derived without a mask (every token sees every"
                    + " other), and under a causal mask the first token stays put while the others move; the field "
                    + field.family() + " is causal; expected a field without a mask (mask: none)");
        }
        int tokens = field.tokens();
        int width = field.width();
        if (tokens < 2 || width < tokens) {
            throw new NotApplicableException("equiangular starts need n >= 2 tokens of width d >= n (the Gram matrix"
                    + " (1 - rho) I + rho 11^T has rank n), got n = " + tokens + ", d = " + width);
        }
        Random random = new Random(Arrays.hashCode(instance.initial()));
        double lowest = -1.0 / (tokens - 1);
        double rho0 = lowest + (INSET + (1 - 2 * INSET) * random.nextDouble()) * (1 - lowest);
        double[] start = Equiangular.tokens(tokens, rho0, Equiangular.rotation(random, width));
        Evidence evidence = judge(start, tokens, width, rho0, instance.horizon());
        return new Evidence(evidence.finding(), evidence.margin(), evidence.observed(), evidence.bound(),
                ReportedConstants.of(field, Map.of("beta", beta, "rho_0", rho0, "coefficient c", coefficient)),
                evidence.figures());
    }

    /** The check on given equiangular tokens with common inner product rho0. */
    Evidence judge(double[] start, int tokens, int width, double rho0, double horizon) {
        double[] times = Integration.grid(horizon, SAMPLES);
        // the start's Gram entries miss rho0 by the Cholesky factor's rounding: measured, and carried unchanged
        double startMiss = largestMiss(start, tokens, width, rho0);
        Judgement judgement = new Judgement();
        List<Figure.Curve> curves = new ArrayList<>();
        for (boolean softmax : new boolean[] {true, false}) {
            String name = softmax ? "SA" : "USA";
            AttentionParticles dynamics = softmax ? AttentionParticles.sphere(tokens, width, beta)
                    : AttentionParticles.unnormalisedSphere(tokens, width, beta);
            double[][] path = Integration.states(dynamics, start, times, PARTICLE_TOLERANCE);
            double error = Integration.errorEstimate(dynamics, start, times, PARTICLE_TOLERANCE, path);
            double[] initial = {rho0};
            var ode = Equiangular.scalarOde(softmax, tokens, beta, coefficient);
            double[][] rho = Integration.states(ode, initial, times, SCALAR_TOLERANCE);
            double rhoError = Integration.errorEstimate(ode, initial, times, SCALAR_TOLERANCE, rho);
            // A token is off by at most e = sqrt(d) times its componentwise error, which is twice the measured one (the
            // 1000 times tighter run's own error, rounding included, may be as large as the coarse run's) plus a unit
            // of rounding per sample interval (the integrator restarts at each sample: a step at least each).
            // <x_i, x_j> of two tokens each off by at most e (|x| = 1) is off by 2e + e^2; its d products round.
            double tokenError = Math.sqrt(width) * (2 * error + SAMPLES * Math.ulp(1.0));
            double allowance = 2 * tokenError + tokenError * tokenError + rhoError + startMiss
                    + 2 * width * Math.ulp(1.0);
            List<Double> lowestInner = new ArrayList<>();
            List<Double> highestInner = new ArrayList<>();
            List<Double> predicted = new ArrayList<>();
            double[] misses = new double[times.length];
            double moved = 0;
            for (int k = 0; k < times.length; k++) {
                double[] range = Clustering.innerProductRange(path[k], tokens, width);
                lowestInner.add(range[0]);
                highestInner.add(range[1]);
                predicted.add(rho[k][0]);
                misses[k] = Math.max(range[1] - rho[k][0], rho[k][0] - range[0]);
                moved = Math.max(moved, Math.max(range[1] - rho0, rho0 - range[0]));
            }
            double[] allowances = new double[times.length];
            Arrays.fill(allowances, allowance);
            int k = Judgement.closestToBound(misses, allowances, new double[times.length]);
            judgement.atMost(name + ": max_{i<j} |<x_i, x_j> - rho| at t = " + Judgement.format(times[k]), misses[k],
                    "allowance (integration errors and rounding)", allowance, Resolution.NONE);
            // a wrong rate misses by a share of how far rho moved: a run that barely moved it cannot show that
            judgement.requireMotion(name + ": max_{t, i<j} |<x_i(t), x_j(t)> - rho_0|", moved, new Resolution(allowance));
            List<Double> t = Arrays.stream(times).boxed().toList();
            curves.add(new Figure.Curve(name + ": min_{i<j} ⟨x_i, x_j⟩", Figure.Role.OBSERVED, t, lowestInner));
            curves.add(new Figure.Curve(name + ": max_{i<j} ⟨x_i, x_j⟩", Figure.Role.OBSERVED, t, highestInner));
            curves.add(new Figure.Curve(name + ": ρ(t), the scalar ODE", Figure.Role.PREDICTION, t, predicted));
            if (judgement.finding() == Evidence.Finding.REFUTED) {
                break;
            }
        }
        Figure figure = new Figure.Curves("Equiangular tokens: pairwise inner products against the scalar ODE for ρ,"
                + " n = " + tokens + ", d = " + width + ", β = " + Judgement.format(beta), "time t", "⟨x_i, x_j⟩",
                false, false, curves);
        return Evidence.of(judgement, Map.of(), List.of(figure));
    }

    private static double largestMiss(double[] x, int tokens, int width, double rho) {
        double[] range = Clustering.innerProductRange(x, tokens, width);
        return Math.max(range[1] - rho, rho - range[0]);
    }
}
