package io.flowaudit.claim;

import io.flowaudit.claim.Evidence.Judgement;
import io.flowaudit.field.Region;
import io.flowaudit.field.transformer.PostLnBound;
import io.flowaudit.flow.DepthStack;
import io.flowaudit.input.Setting;
import io.flowaudit.model.ModelInput;
import io.flowaudit.verdict.Figure;
import io.flowaudit.weights.onnx.BertEncoder;
import io.flowaudit.weights.onnx.EncoderCertificate;
import io.flowaudit.weights.onnx.PreparedEncoder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Perturbation growth through the real checkpoint's six post-LN layers against their certified constants
 * (docs/theory.md, "Certified post-LN maps"): for an input x_0 and y_0 = x_0 + delta (the embedding output
 * perturbed), every layer's growth {@code |delta_{k+1}| / |delta_k| <= K_k} and {@code |delta_k| <= (K_1 ... K_k)
 * |delta_0|}, with {@code delta_k = x_k - y_k}; every state of both runs must lie in the certified region. Besides
 * the propagated delta, each layer is probed in an adversarial direction: a few steps of power iteration on the
 * layer's finite-difference Jacobian at the unperturbed state, from a direction seeded by the token ids. The false-on-purpose variant states one constant c
 * for every layer ({@code stated-layer-lipschitz}), which the observed growths, the adversarial ones included,
 * must not exceed. Tolerance: the rounding of the layers in double ({@link Resolution#ofLayers}), carried
 * through the bound as for Theorem 4.
 */
record ModelPerturbationGrowthCheck(double stated) implements TheoremCheck {

    /** A per-layer constant the claim states instead of the certified ones (0: none stated). */
    static final Setting<Double> STATED = Setting.number("stated-layer-lipschitz", 0);

    static final CheckKinds.Kind KIND = new CheckKinds.Kind("model-perturbation-growth", List.of(STATED),
            (numerics, values) -> new ModelPerturbationGrowthCheck(statedConstant(values)), CheckKinds.Uses.DOUBLE_ONLY);

    /** Power-iteration steps per layer for the adversarial direction. */
    static final int POWER_STEPS = 4;

    private static double statedConstant(Setting.Values values) {
        double stated = values.get(STATED);
        values.node(STATED).filter(node -> !(stated > 0)).ifPresent(node -> {
            throw node.error("stated-layer-lipschitz must be positive, got " + node.text());
        });
        return stated;
    }

    @Override
    public boolean runsOnModel() {
        return true;
    }

    @Override
    public String theorem() {
        return "Certified Lipschitz constants of the checkpoint's post-LN layers";
    }

    @Override
    public String statement() {
        return stated > 0
                ? "No layer of the checkpoint amplifies a perturbation of its input by more than " + stated
                        + ": |delta_{k+1}| <= " + stated + " |delta_k| for k = 0..5 (a stated constant, not certified)."
                : "Each post-LN layer k is K_k-Lipschitz on a region that holds every state reachable from any sequence:"
                        + " |delta_{k+1}| <= K_k |delta_k| and |delta_k| <= K_1...K_k |delta_0|, K_k certified from the"
                        + " weights (docs/theory.md, \"Certified post-LN maps\").";
    }

    @Override
    public boolean needsPerturbation() {
        return true;
    }

    /**
     * The certificate covering this input: for the next power of two at least 16 of its length (constants for n
     * tokens bound every shorter sequence) and the next power of ten at least its perturbation's norm (the
     * allowance per token), so a claim's tries share a few (computing one takes seconds: the norms of 72 weight
     * matrices).
     */
    static EncoderCertificate certificateFor(PreparedEncoder encoder, int tokens, double perturbation) {
        int covered = Math.max(16, Integer.highestOneBit(Math.max(1, tokens - 1)) << 1);
        double allowance = StrictMath.pow(10, Math.ceil(StrictMath.log10(perturbation)));
        return encoder.certificate(covered, allowance);
    }

    @Override
    public Evidence check(Instance instance) {
        ModelInput input = ModelInput.of(instance.subject());
        BertEncoder encoder = input.encoder();
        double deltaSize = Region.euclideanNorm(instance.perturbation());
        EncoderCertificate certificate = certificateFor(input.prepared(), input.tokens(), deltaSize);
        DepthStack stack = input.stack();
        ProbedRun run = probedRun(input, stack, instance.initial(), deltaSize);
        List<double[]> xs = run.states();
        List<double[]> ys = stack.states(instance.perturbedInitial());
        int layers = stack.layers().size();
        int width = encoder.width();
        double scale = 1;
        for (double[] x : xs) {
            scale = Math.max(scale, Region.euclideanNorm(x));
        }
        Map<String, String> constants = constants(certificate);
        List<Double> observed = new ArrayList<>();
        List<Double> adversarial = new ArrayList<>();
        List<Double> ratio = new ArrayList<>();
        List<Double> adversarialRatio = new ArrayList<>();
        List<Double> cumulativeRatio = new ArrayList<>();
        for (int k = 0; k <= layers; k++) {
            String outside = outsideRegion(xs.get(k), certificate, k, width);
            if (outside == null) {
                outside = outsideRegion(ys.get(k), certificate, k, width);
            }
            if (outside != null) {
                return new Evidence(Evidence.Finding.REFUTED, Double.POSITIVE_INFINITY, outside,
                        "the certified region of layer " + (k + 1) + "'s input", constants, List.of());
            }
        }
        Judgement judgement = new Judgement();
        double initial = Region.euclideanDistance(xs.get(0), ys.get(0));
        for (int k = 0; k < layers; k++) {
            double before = Region.euclideanDistance(xs.get(k), ys.get(k));
            double after = Region.euclideanDistance(xs.get(k + 1), ys.get(k + 1));
            double probe = run.adversarialGrowth(k);
            PostLnBound bound = certificate.layers().get(k);
            observed.add(after / before);
            adversarial.add(probe);
            ratio.add(after / before / bound.lipschitz());
            adversarialRatio.add(probe / bound.lipschitz());
            cumulativeRatio.add(after / initial / certificate.cumulativeLipschitz(k + 1));
            // every layer is measured for the plots, and the judgement keeps the first refutation
            judgeLayer(judgement, certificate, k, initial, before, after, probe, run.probeSize(), scale);
        }
        List<Double> layerIndex = new ArrayList<>();
        for (int k = 1; k <= layers; k++) {
            layerIndex.add((double) k);
        }
        List<Figure.Curve> growth = new ArrayList<>(List.of(
                new Figure.Curve("observed |delta_k| / |delta_k-1|", Figure.Role.OBSERVED, layerIndex, observed),
                new Figure.Curve("adversarial direction", Figure.Role.OBSERVED, layerIndex, adversarial)));
        if (stated > 0) {
            growth.add(new Figure.Curve("stated c", Figure.Role.BOUND, layerIndex,
                    layerIndex.stream().map(k -> stated).toList()));
        }
        return Evidence.of(judgement, constants, List.of(
                new Figure.Curves("Perturbation growth per layer", "layer k", "growth", false, false, growth),
                new Figure.Curves("Observed / certified bound per layer", "layer k", "observed / bound", false, true,
                        List.of(new Figure.Curve("growth / K_k", Figure.Role.OBSERVED, layerIndex, ratio),
                                new Figure.Curve("adversarial growth / K_k", Figure.Role.OBSERVED, layerIndex,
                                        adversarialRatio),
                                new Figure.Curve("(|delta_k| / |delta_0|) / (K_1...K_k)", Figure.Role.OBSERVED,
                                        layerIndex, cumulativeRatio)))));
    }

    /**
     * Layer k's comparisons: its growth {@code |delta_{k+1}|} against the constant times {@code |delta_k|}, the growth
     * along the adversarial direction against the constant, and for the certified constants {@code |delta_{k+1}|}
     * against {@code K_1...K_{k+1} |delta_0|}, each with the rounding of the layers on states of norm at most
     * {@code scale}. A bound that is a measured distance times the constant inherits that distance's rounding.
     */
    private void judgeLayer(Judgement judgement, EncoderCertificate certificate, int k, double initial, double before,
            double after, double probe, double probeSize, double scale) {
        PostLnBound bound = certificate.layers().get(k);
        double constant = stated > 0 ? stated : bound.lipschitz();
        String name = stated > 0 ? "stated c" : "K_" + (k + 1);
        Resolution beforeRounding = Resolution.ofLayers(Math.max(k, 1), Math.ulp(1.0), scale);
        Resolution afterRounding = Resolution.ofLayers(k + 1, Math.ulp(1.0), scale);
        String where = "layer " + (k + 1) + ": |delta_" + (k + 1) + "|";
        judgement.atMost(where, after, name + " |delta_" + k + "|", constant * before,
                afterRounding.plus(beforeRounding.times(constant)));
        judgement.atMost(where + " along the adversarial direction, relative", probe, name, constant,
                afterRounding.times(2 / probeSize));
        if (stated == 0) {
            double cumulative = certificate.cumulativeLipschitz(k + 1);
            judgement.atMost(where, after, "K_1...K_" + (k + 1) + " |delta_0|", cumulative * initial,
                    afterRounding.plus(Resolution.ofLayers(1, Math.ulp(1.0), scale).times(cumulative)));
        }
    }

    /**
     * Shrinking the false claim's counterexample checks some fifty candidates, most of them refuted at layer 1 (along
     * the adversarial direction): so a candidate's layers are judged one at a time, and the first refutation stands in
     * for the check's evidence, found with a few layer runs instead of up to thirty-six (the check runs every layer of
     * both inputs and probes each). They are judged at the scale of the largest state the certified region holds, at
     * least the check's (the norm of the largest state): a state outside the region refutes the claim in the check
     * anyway, and the resolutions grow with the scale, so what refutes here refutes there too. Every state stays
     * finite (each layer ends in a LayerNorm, whose epsilon bounds its division), so the layers skipped here cannot
     * make the check fail to run. A candidate no layer refutes so is checked in full.
     */
    @Override
    public Evidence checkCandidate(Instance instance) {
        ModelInput input = ModelInput.of(instance.subject());
        double deltaSize = Region.euclideanNorm(instance.perturbation());
        EncoderCertificate certificate = certificateFor(input.prepared(), input.tokens(), deltaSize);
        DepthStack stack = input.stack();
        ProbedRun run = probedRun(input, stack, instance.initial(), deltaSize);
        double scale = largestStateInRegion(certificate, input.tokens());
        double[] y = instance.perturbedInitial();
        double initial = Region.euclideanDistance(run.state(0), y);
        double before = initial;
        Judgement judgement = new Judgement();
        for (int k = 0; k < stack.layers().size(); k++) {
            y = nextState(stack, k, y);
            double after = Region.euclideanDistance(run.state(k + 1), y);
            judgeLayer(judgement, certificate, k, initial, before, after, run.adversarialGrowth(k), run.probeSize(),
                    scale);
            if (judgement.finding() == Evidence.Finding.REFUTED) {
                return Evidence.of(judgement, Map.of(), List.of());
            }
            before = after;
        }
        return check(instance);
    }

    /** Layer k's image of {@code state}, refused where not finite as {@link DepthStack#states} refuses it. */
    private static double[] nextState(DepthStack stack, int k, double[] state) {
        return new DepthStack(List.of(stack.layers().get(k))).states(state).get(1);
    }

    /** The check's own evidence for the counterexample, whose evidence as a candidate may have been a stand-in. */
    @Override
    public Evidence counterexampleEvidence(Instance counterexample, Evidence found) {
        Evidence evidence = check(counterexample);
        if (!evidence.refutes()) {
            throw new IllegalStateException("a shrink candidate refuted that its check does not refute: "
                    + found.observed() + " against " + evidence.observed());
        }
        return evidence;
    }

    /**
     * An upper bound of the norm of any state in the certified region on {@code tokens} tokens (and at least 1, as the
     * check's scale): every token within its layer's radius. The factor above 1 covers the rounding of the norms.
     */
    private static double largestStateInRegion(EncoderCertificate certificate, int tokens) {
        double radius = 0;
        for (int k = 0; k <= certificate.layers().size(); k++) {
            radius = Math.max(radius, certificate.inputRadius(k)); // k = 6: the last layer's output radius
        }
        return Math.max(1, radius * Math.sqrt(tokens) * (1 + 1e-9));
    }

    /**
     * The unperturbed input's states and each layer's adversarial growth there, computed layer by layer as far as
     * asked and kept: a candidate refuted at layer 1 computes layer 1 only, and the candidates after it that share its
     * token ids (most of them: shrinking changes the perturbation far more often than the input) reuse it. The probe
     * directions are drawn layer by layer from one generator, so a run extended in steps gives the numbers of a run
     * computed at once. Thread-safe: the tries of one claim run side by side.
     */
    private static final class ProbedRun {
        private final DepthStack stack;
        private final double probeSize;
        private final java.util.Random directions;
        private final List<double[]> states = new ArrayList<>();
        private final List<Double> growth = new ArrayList<>();

        ProbedRun(DepthStack stack, double[] initial, double probeSize, java.util.Random directions) {
            this.stack = stack;
            this.probeSize = probeSize;
            this.directions = directions;
            states.add(initial.clone());
        }

        double probeSize() {
            return probeSize;
        }

        /** State k of the unperturbed run, 0 (the input) to the number of layers. */
        synchronized double[] state(int k) {
            extendTo(k);
            return states.get(k);
        }

        /** Layer k's growth along its adversarial direction, k from 0. */
        synchronized double adversarialGrowth(int k) {
            extendTo(k + 1);
            return growth.get(k);
        }

        synchronized List<double[]> states() {
            extendTo(stack.layers().size());
            return List.copyOf(states);
        }

        private void extendTo(int k) {
            while (states.size() <= k) {
                int layer = states.size() - 1;
                double[] x = states.get(layer);
                double[] fx = nextState(stack, layer, x);
                growth.add(ModelPerturbationGrowthCheck.adversarialGrowth(stack, layer, x, fx, directions, probeSize));
                states.add(fx);
            }
        }
    }

    /** Unperturbed runs by token ids and probe size, the most recent kept. */
    private static final Map<String, ProbedRun> RUNS = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, ProbedRun> eldest) {
                    return size() > 32;
                }
            });

    /**
     * The probed run of this input, shared by every check and candidate with its token ids and probe size: the probe's
     * size is the claim's smallest use, {@code |delta|} rounded to a power of ten (so the same for every perturbation
     * of one size class), and its start a direction drawn from a generator seeded by the token ids.
     */
    private static ProbedRun probedRun(ModelInput input, DepthStack stack, double[] initial, double deltaSize) {
        double size = probeSize(deltaSize);
        return RUNS.computeIfAbsent(java.util.Arrays.toString(input.tokenIds()) + "/" + size,
                key -> new ProbedRun(stack, initial, size, new java.util.Random(
                        java.util.Arrays.hashCode(input.tokenIds()))));
    }

    /** The probe's size for a perturbation of norm {@code deltaSize}: that rounded down to a power of ten. */
    private static double probeSize(double deltaSize) {
        return StrictMath.pow(10, Math.floor(StrictMath.log10(deltaSize)));
    }

    /**
     * The largest growth {@code |Phi_k(x + v) - Phi_k(x)| / |v|} seen over {@link #POWER_STEPS} steps of power
     * iteration from a random direction, each step's v of norm {@code size}: a finite-difference probe of the
     * layer's Jacobian, steeper than a propagated perturbation. {@code fx} is the layer's image of x, the next state
     * of the unperturbed run.
     */
    private static double adversarialGrowth(DepthStack stack, int layer, double[] x, double[] fx,
            java.util.Random random, double size) {
        double[] v = new double[x.length];
        double length = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextGaussian();
            length += v[i] * v[i];
        }
        for (int i = 0; i < v.length; i++) {
            v[i] *= size / Math.sqrt(length);
        }
        double largest = 0;
        for (int step = 0; step < POWER_STEPS; step++) {
            double[] shifted = x.clone();
            for (int i = 0; i < v.length; i++) {
                shifted[i] += v[i];
            }
            double[] fy = stack.layers().get(layer).apply(shifted);
            double[] difference = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                difference[i] = fy[i] - fx[i];
            }
            double grown = Region.euclideanNorm(difference);
            largest = Math.max(largest, grown / Region.euclideanNorm(v));
            if (grown == 0) {
                // a probe below the state's rounding leaves it unchanged: there is no direction to follow (and 0/0
                // once made the growth NaN, which refuted); the comparison's resolution, 2/size, makes it vacuous
                break;
            }
            for (int i = 0; i < v.length; i++) {
                v[i] = difference[i] * (size / grown);
            }
        }
        return largest;
    }

    /** Why a state lies outside layer k's certified input region, or null. */
    private static String outsideRegion(double[] state, EncoderCertificate certificate, int layer, int width) {
        double radius = layer < certificate.layers().size() ? certificate.inputRadius(layer)
                : certificate.layers().get(layer - 1).outputRadius();
        double floor = layer == 0 ? certificate.inputCentredFloor()
                : certificate.layers().get(layer - 1).outputCentredFloor();
        for (int i = 0; i < state.length / width; i++) {
            double norm = Region.tokenNorm(state, i, width);
            double centred = Region.centredTokenNorm(state, i, width);
            if (norm > radius || centred < floor) {
                return "token " + (i + 1) + " of state " + layer + " has norm " + Judgement.format(norm)
                        + " and centred norm " + Judgement.format(centred) + ", outside radius "
                        + Judgement.format(radius) + " / floor " + Judgement.format(floor);
            }
        }
        return null;
    }

    /** Every layer's constant, its factors and region, and the tensors they came from, for the page. */
    private static Map<String, String> constants(EncoderCertificate certificate) {
        Map<String, String> constants = new LinkedHashMap<>();
        constants.put("certified for", certificate.tokens() + " tokens or fewer, each embedding-output token moved by"
                + " at most " + Judgement.format(certificate.perturbationRadius()));
        constants.put("embedding pre-LN variance (min over vocabulary x positions)",
                Judgement.format(certificate.embeddingVariance()));
        constants.put("layer 1 input: token radius / centred floor", Judgement.format(certificate.inputRadius())
                + " / " + Judgement.format(certificate.inputCentredFloor()));
        for (int k = 0; k < certificate.layers().size(); k++) {
            PostLnBound b = certificate.layers().get(k);
            String layer = "layer " + (k + 1);
            constants.put(layer + " K (= mu)", Judgement.format(b.lipschitz()) + " = (1 + K_A " + Judgement.format(
                    b.attentionLipschitz()) + ") L1 " + Judgement.format(b.attentionNormLipschitz()) + " (1 + K_F "
                    + Judgement.format(b.feedForwardLipschitz()) + ") L2 " + Judgement.format(
                    b.feedForwardNormLipschitz()) + "; cumulative " + Judgement.format(
                    certificate.cumulativeLipschitz(k + 1)));
            constants.put(layer + " region", "input tokens |x_i| <= " + Judgement.format(b.inputRadius())
                    + ", centred >= " + Judgement.format(b.inputCentredFloor()) + "; |Attn_i| <= " + Judgement.format(
                    b.attentionShift()) + "; LN1 variance floor " + Judgement.format(b.attentionNormVariance())
                    + "; |h_i| <= " + Judgement.format(b.hiddenRadius()) + "; |FFN_i| <= " + Judgement.format(
                    b.feedForwardShift()) + "; LN2 variance floor " + Judgement.format(b.feedForwardNormVariance())
                    + "; output |x_i| <= " + Judgement.format(b.outputRadius()));
            certificate.sources().get(k).forEach((role, source) -> constants.put(layer + " " + role, source));
        }
        return constants;
    }
}
