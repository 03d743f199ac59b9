package io.flowaudit.bench;

import io.flowaudit.claim.TheoremBounds;
import io.flowaudit.field.Certificate;
import io.flowaudit.claim.LogLogFit;
import io.flowaudit.field.VectorField;
import io.flowaudit.field.Activation;
import io.flowaudit.field.transformer.FeedForward;
import io.flowaudit.field.formula.FormulaSystem;
import io.flowaudit.field.formula.SystemFile;
import io.flowaudit.field.transformer.SelfAttention;
import io.flowaudit.field.transformer.TransformerBlock;
import io.flowaudit.flow.LayerMap;
import io.flowaudit.flow.DepthStack;
import io.flowaudit.flow.LayerStack;
import io.flowaudit.flow.ReferenceFlow;
import io.flowaudit.flow.TaylorIntegrator;
import io.flowaudit.flow.TaylorSolution;
import io.flowaudit.flow.Trajectory;
import io.flowaudit.num.ApfloatElement;
import io.flowaudit.num.BinaryElement;
import io.flowaudit.num.BinarySystem;
import io.flowaudit.num.ApfloatSystem;
import io.flowaudit.num.DoubleSystem;
import io.flowaudit.num.NumberSystem;
import io.flowaudit.num.taylor.Tape;
import io.flowaudit.num.taylor.TaylorEvaluator;
import io.flowaudit.weights.FetchedModel;
import io.flowaudit.weights.onnx.BertEncoder;
import io.flowaudit.weights.onnx.OnnxModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.commons.math3.RealFieldElement;
import org.apache.commons.math3.util.Decimal64;
import org.apache.commons.math3.util.FastMath;

/**
 * Benchmarks of the figures the issues quote: reference solves to 30 digits, generic against hand-written
 * Euler layers, and the Theorem 1 convergence run on attention fields. A plain main class (not a test:
 * surefire never runs it), timed in-process with warm-up then measured repetitions, each figure printed
 * with its median and minimum, its target and PASS or MISS. Run it with {@code scripts/benchmark}.
 *
 * <pre>
 *   scripts/benchmark                 every figure (about six minutes on two cores; figure 6, mostly mpmath at 50 digits, about four of them)
 *   scripts/benchmark 7               the real checkpoint: load time, peak heap, one forward pass
 *   scripts/benchmark 1 3             figures 1 and 3 only
 *   scripts/benchmark --reps 3 4      figure 4 with 3 measured repetitions
 *   scripts/benchmark --strict        exit 1 when a figure misses its target
 *   scripts/benchmark --digits 30 6   figure 6 at 30 digits only (mpmath at 50 digits takes most of the time)
 * </pre>
 *
 * <p>Every weight and initial state comes from a {@link Random} with a fixed seed, so each run measures
 * the same instances.
 */
public final class Benchmarks {

    /** Keeps results alive so the JIT cannot drop the work being timed. */
    static volatile Object sink;

    private final int warmup;
    private final int reps;
    /** The digits figure 6 solves at. */
    private List<Integer> solveDigits = List.of(30, 50);
    private final List<String> summary = new ArrayList<>();
    private int misses;

    private Benchmarks(int warmup, int reps) {
        this.warmup = warmup;
        this.reps = reps;
    }

    public static void main(String[] args) throws Exception {
        Set<Integer> figures = new LinkedHashSet<>();
        Integer warmup = null;
        Integer reps = null;
        boolean strict = false;
        List<Integer> solveDigits = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--warmup":
                    warmup = Integer.parseInt(args[++i]);
                    break;
                case "--reps":
                    reps = Integer.parseInt(args[++i]);
                    break;
                case "--strict":
                    strict = true;
                    break;
                case "--digits":
                    solveDigits.add(Integer.parseInt(args[++i]));
                    break;
                case "-h":
                case "--help":
                    System.out.println("usage: scripts/benchmark [--warmup N] [--reps N] [--strict] [--digits D ...]"
                            + " [FIGURE ...]  (figures 1-7; default all; --digits: figure 6's, default 30 and 50)");
                    return;
                default:
                    int figure = Integer.parseInt(args[i]);
                    if (figure < 1 || figure > 7) {
                        throw new IllegalArgumentException("figures are 1 to 7, got " + figure);
                    }
                    figures.add(figure);
            }
        }
        if (figures.isEmpty()) {
            figures.addAll(List.of(1, 2, 3, 4, 5, 6, 7));
        }
        if ((warmup != null && warmup < 0) || (reps != null && reps < 1)) {
            throw new IllegalArgumentException("need --warmup >= 0 and --reps >= 1");
        }
        Benchmarks bench = new Benchmarks(warmup == null ? 5 : warmup, reps == null ? 5 : reps);
        if (!solveDigits.isEmpty()) {
            bench.solveDigits = List.copyOf(solveDigits);
        }
        bench.machine();
        for (int figure : figures) {
            long start = System.nanoTime();
            long[] gc = gcTotals();
            switch (figure) {
                case 1: bench.figure1(); break;
                case 2: bench.figure2(); break;
                case 3: bench.figure3(); break;
                case 4: bench.figure4(reps == null ? 2 : reps); break;
                case 5: bench.figure5(reps == null ? 2 : reps); break;
                case 6: bench.figure6(reps == null ? 3 : reps); break;
                default: bench.figure7(); break;
            }
            long[] after = gcTotals();
            System.out.printf(Locale.ROOT, "figure %d took %s wall; garbage collection: %d collections, %s paused%n",
                    figure, seconds((System.nanoTime() - start) / 1e9), after[0] - gc[0], seconds((after[1] - gc[1]) / 1e3));
        }
        System.out.println();
        System.out.println("== Summary ==");
        bench.summary.forEach(System.out::println);
        System.out.printf(Locale.ROOT, "%d figure(s) missed%n", bench.misses);
        if (strict && bench.misses > 0) {
            System.exit(1);
        }
    }

    // ---------------------------------------------------------------- machine

    private void machine() {
        Runtime runtime = Runtime.getRuntime();
        System.out.println("== Machine ==");
        System.out.printf(Locale.ROOT, "cores (available to the JVM): %d%n", runtime.availableProcessors());
        System.out.printf(Locale.ROOT, "cpu: %s%n", cpuModel());
        System.out.printf(Locale.ROOT, "java: %s (%s %s)%n", System.getProperty("java.version"),
                System.getProperty("java.vm.name"), System.getProperty("java.vm.version"));
        System.out.printf(Locale.ROOT, "os: %s %s %s%n", System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("os.arch"));
        List<String> collectors = new ArrayList<>();
        for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
            collectors.add(bean.getName());
        }
        System.out.printf(Locale.ROOT, "max heap: %d MiB; collectors: %s; JVM options: %s%n", runtime.maxMemory() >> 20,
                collectors, ManagementFactory.getRuntimeMXBean().getInputArguments());
        System.out.printf(Locale.ROOT, "load average at start: %.2f (the cores may be shared with other work)%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.printf(Locale.ROOT, "repetitions: %d warm-up, %d measured (figures 4-5: 1 first run + measured)%n",
                warmup, reps);
    }

    /** Collections and milliseconds spent collecting, over every collector of the JVM. */
    private static long[] gcTotals() {
        long count = 0;
        long millis = 0;
        for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, bean.getCollectionCount());
            millis += Math.max(0, bean.getCollectionTime());
        }
        return new long[] {count, millis};
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (Exception e) {
            // not Linux: fall through
        }
        return "unknown";
    }

    // ---------------------------------------------------------------- timing

    /** Median and minimum of the measured repetitions, and the first (cold) call if timed, in seconds. */
    record Timing(double median, double min, int reps, double first) {
        @Override
        public String toString() {
            String cold = Double.isNaN(first) ? "" : ", first call " + seconds(first);
            return String.format(Locale.ROOT, "median %s, min %s (%d reps)%s", seconds(median), seconds(min), reps,
                    cold);
        }
    }

    /**
     * Times the variants interleaved, round by round, so that a change of load on shared cores or a late
     * JIT compilation hits them all alike: {@code warmup} rounds (the first call of each is reported as
     * its cold time), then {@code reps} measured rounds.
     */
    private static Timing[] interleaved(int warmup, int reps, List<Supplier<?>> variants) {
        int n = variants.size();
        double[] first = new double[n];
        Arrays.fill(first, Double.NaN);
        for (int round = 0; round < warmup; round++) {
            for (int v = 0; v < n; v++) {
                long start = System.nanoTime();
                sink = variants.get(v).get();
                if (round == 0) {
                    first[v] = (System.nanoTime() - start) / 1e9;
                }
            }
        }
        double[][] samples = new double[n][reps];
        for (int round = 0; round < reps; round++) {
            for (int v = 0; v < n; v++) {
                long start = System.nanoTime();
                sink = variants.get(v).get();
                samples[v][round] = (System.nanoTime() - start) / 1e9;
            }
        }
        Timing[] timings = new Timing[n];
        for (int v = 0; v < n; v++) {
            Timing t = timing(samples[v]);
            timings[v] = new Timing(t.median(), t.min(), t.reps(), first[v]);
        }
        return timings;
    }

    private static Timing timing(double[] samples) {
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Timing(median, sorted[0], n, Double.NaN);
    }

    static String seconds(double s) {
        if (s < 1e-3) {
            return String.format(Locale.ROOT, "%.1f us", s * 1e6);
        }
        if (s < 1) {
            return String.format(Locale.ROOT, "%.1f ms", s * 1e3);
        }
        return String.format(Locale.ROOT, "%.2f s", s);
    }

    /** Prints one figure's verdict line and adds it to the summary. */
    private void verdict(String figure, String measured, String target, boolean pass) {
        String line = String.format(Locale.ROOT, "  %-4s %-52s measured %-22s target %s", pass ? "PASS" : "MISS",
                figure, measured, target);
        System.out.println(line);
        summary.add(line);
        if (!pass) {
            misses++;
        }
    }

    // ---------------------------------------------------------------- fields and states

    /** Gaussian entries scaled by 1/sqrt(fan-in). */
    static double[][] gaussian(Random random, int rows, int columns, double scale) {
        double[][] m = new double[rows][columns];
        for (double[] row : m) {
            for (int c = 0; c < columns; c++) {
                row[c] = random.nextGaussian() * scale;
            }
        }
        return m;
    }

    static double[] gaussian(Random random, int length, double scale) {
        double[] v = new double[length];
        for (int i = 0; i < length; i++) {
            v[i] = random.nextGaussian() * scale;
        }
        return v;
    }

    /** The MLP {@code W2 tanh(W1 x + b1) + b2} with its weights, for the hand-written loop. */
    record Mlp(double[][] w1, double[] b1, double[][] w2, double[] b2, FeedForward field) {
        static Mlp random(long seed, int dimension, int hidden) {
            Random random = new Random(seed);
            double[][] w1 = gaussian(random, hidden, dimension, 1 / Math.sqrt(dimension));
            double[] b1 = gaussian(random, hidden, 0.5);
            double[][] w2 = gaussian(random, dimension, hidden, 1 / Math.sqrt(hidden));
            double[] b2 = gaussian(random, dimension, 0.5);
            return new Mlp(w1, b1, w2, b2, FeedForward.mlp(w1, b1, Activation.TANH, w2, b2));
        }
    }

    /**
     * Softmax self-attention on n tokens of width d with the given heads (head width d / heads), entries
     * {@code gain · N(0, 1) / sqrt(d)}.
     */
    static SelfAttention attention(long seed, int tokens, int width, int heads, double gain) {
        Random random = new Random(seed);
        double scale = gain / Math.sqrt(width);
        Map<String, double[][]> weights = heads == 1
                ? Map.of("wq", gaussian(random, width, width, scale), "wk", gaussian(random, width, width, scale),
                        "wv", gaussian(random, width, width, scale))
                : Map.of("wq", gaussian(random, width, width, scale), "wk", gaussian(random, width, width, scale),
                        "wv", gaussian(random, width, width, scale), "wo", gaussian(random, width, width, scale));
        return SelfAttention.fromWeights(tokens, width, heads, weights);
    }

    /** n tokens of width d, each of norm at most {@code radius} (uniform direction, norm uniform in [0, radius]). */
    static double[] tokens(long seed, int tokens, int width, double radius) {
        Random random = new Random(seed);
        double[] x = new double[tokens * width];
        for (int i = 0; i < tokens; i++) {
            double norm = 0;
            for (int k = 0; k < width; k++) {
                x[i * width + k] = random.nextGaussian();
                norm += x[i * width + k] * x[i * width + k];
            }
            double length = radius * random.nextDouble() / Math.sqrt(norm);
            for (int k = 0; k < width; k++) {
                x[i * width + k] *= length;
            }
        }
        return x;
    }

    // ---------------------------------------------------------------- figures 1 and 2: reference solves

    private void figure1() {
        System.out.println();
        System.out.println("== Figure 1: reference solve to 30 digits, tanh MLP field, D = 4, 6 hidden units, T = 1 ==");
        Mlp mlp = Mlp.random(1, 4, 6);
        referenceSolve("1", mlp.field(), new double[] {0.5, -0.25, 1, 0.1}, "mpmath Taylor odefun about 4 s");
    }

    private void figure2() {
        System.out.println();
        System.out.println("== Figure 2: reference solve to 30 digits, softmax attention, n = 3 tokens, d = 2, 1 head,"
                + " T = 1 ==");
        SelfAttention field = attention(2, 3, 2, 1, 1);
        referenceSolve("2", field, tokens(2, 3, 2, 1), "mpmath about 10 s");
    }

    private void referenceSolve(String figure, VectorField field, double[] initial, String comparison) {
        double target = 0.4;
        ApfloatSystem ap40 = new ApfloatSystem(40);
        ApfloatElement[] x0 = ap40.fromDoubles(initial);
        ApfloatElement horizon = ap40.one();
        System.out.printf(Locale.ROOT, "tape: %d nodes; order %d at 40 digits%n", Tape.record(field.dimension(), field::evaluate).size(),
                TaylorIntegrator.orderFor(40));

        BinarySystem binary40 = new BinarySystem(40);
        BinaryElement[] binaryX0 = binary40.fromDoubles(initial);
        Timing[] timings = interleaved(warmup, reps, List.of(
                () -> TaylorIntegrator.integrate(field, ap40, x0, horizon, 40),
                () -> ReferenceFlow.compute(field, ap40, x0, horizon),
                () -> ReferenceFlow.compute(field, binary40, binaryX0, binary40.one())));
        Timing single = timings[0];
        Timing reference = timings[1];
        ReferenceFlow<BinaryElement> binaryFlow = ReferenceFlow.compute(field, binary40, binaryX0, binary40.one());
        TaylorSolution<ApfloatElement> solution = TaylorIntegrator.integrate(field, ap40, x0, horizon, 40);
        ReferenceFlow<ApfloatElement> flow = ReferenceFlow.compute(field, ap40, x0, horizon);
        System.out.printf(Locale.ROOT, "TaylorIntegrator.integrate, 40 digits (one run, %d steps): %s%n",
                solution.steps(), single);
        System.out.printf(Locale.ROOT, "ReferenceFlow.compute, 40 digits (one run and its error bound %.2e): %s%n",
                flow.errorEstimate(), reference);

        // 30 correct digits: x(T) at 40 digits against a 70-digit solve of the same exact problem
        ApfloatSystem ap70 = new ApfloatSystem(70);
        long start = System.nanoTime();
        ApfloatElement[] exact = TaylorIntegrator.integrate(field, ap70, ap70.fromDoubles(initial), ap70.one(), 70)
                .at(ap70.one());
        double check = (System.nanoTime() - start) / 1e9;
        double digits = correctDigits(solution.at(horizon), ap40, exact, ap70);
        double referenceDigits = correctDigits(flow.atHorizon(), ap40, exact, ap70);
        System.out.printf(Locale.ROOT, "x(T) at 70 digits (%s): %s%n", seconds(check), format(exact, ap70, 20));
        System.out.printf(Locale.ROOT, "correct significant digits of x(T) (worst component): integrate %.1f,"
                + " ReferenceFlow %.1f%n", digits, referenceDigits);
        System.out.printf(Locale.ROOT, "ReferenceFlow.compute in binary(40), the default number system at 40 digits"
                + " (error bound %.2e, correct digits %.1f): %s, %.1fx faster than apfloat(40)%n",
                binaryFlow.errorEstimate(), correctDigits(toApfloat(binaryFlow.atHorizon(), ap40), ap40, exact, ap70),
                timings[2], reference.median() / timings[2].median());
        System.out.printf(Locale.ROOT, "comparison: %s%n", comparison);
        verdict(figure + ". integrate (40 digits, one run)", seconds(single.median()), "< 0.4 s",
                single.median() < target);
        verdict(figure + ". ReferenceFlow.compute (run + error bound)", seconds(reference.median()), "< 0.4 s",
                reference.median() < target);
        verdict(figure + ". correct digits of x(T) vs 70-digit solve", String.format(Locale.ROOT, "%.1f", digits),
                ">= 30", digits >= 30 && referenceDigits >= 30);
    }

    private static ApfloatElement[] toApfloat(BinaryElement[] x, ApfloatSystem system) {
        ApfloatElement[] out = system.array(x.length);
        for (int i = 0; i < x.length; i++) {
            out[i] = system.from(x[i]);
        }
        return out;
    }

    /** min over components of -log10(|x - exact| / |exact|), exactly in BigDecimal. */
    private static double correctDigits(ApfloatElement[] x, ApfloatSystem system, ApfloatElement[] exact,
            ApfloatSystem exactSystem) {
        double worst = Double.POSITIVE_INFINITY;
        for (int i = 0; i < x.length; i++) {
            BigDecimal a = new BigDecimal(system.format(x[i], system.digits()));
            BigDecimal b = new BigDecimal(exactSystem.format(exact[i], exactSystem.digits()));
            BigDecimal error = a.subtract(b).abs();
            if (error.signum() == 0) {
                worst = Math.min(worst, system.digits());
                continue;
            }
            BigDecimal relative = error.divide(b.abs(), MathContext.DECIMAL64);
            worst = Math.min(worst, -Math.log10(relative.doubleValue()));
        }
        return worst;
    }

    private static <S extends RealFieldElement<S>> String format(S[] x, NumberSystem<S> numbers, int digits) {
        List<String> parts = new ArrayList<>();
        for (S v : x) {
            parts.add(numbers.format(v, digits));
        }
        return parts.toString();
    }

    // ---------------------------------------------------------------- figure 3: Euler layers

    private void figure3() {
        int dimension = 64;
        int hidden = 64;
        int layers = 4096;
        double horizon = 1;
        System.out.println();
        System.out.printf(Locale.ROOT, "== Figure 3: forward Euler in double, tanh MLP D = %d, %d hidden, L = %d:"
                + " LayerStack against a hand-written loop ==%n", dimension, hidden, layers);
        Mlp mlp = Mlp.random(3, dimension, hidden);
        double[] initial = tokens(3, 1, dimension, 1);
        Decimal64[] x0 = DoubleSystem.INSTANCE.fromDoubles(initial);
        Decimal64 T = new Decimal64(horizon);
        FeedForward field = mlp.field();

        Supplier<double[]> hand = () -> handEuler(mlp, initial, horizon, layers);
        double[] w1Flat = flatten(mlp.w1());
        double[] w2Flat = flatten(mlp.w2());
        Supplier<double[]> handFlat = () -> handEulerFlat(w1Flat, mlp.b1(), w2Flat, mlp.b2(), initial, horizon, layers);
        Supplier<double[]> stack = () -> LayerStack.run(field, LayerMap.EULER, DoubleSystem.INSTANCE, x0, T, layers)
                .stateAsDoubles(layers);
        // the same work with less of the abstraction, to show where the difference goes
        Supplier<double[]> fieldLoop = () -> fieldEuler(field, initial, horizon, layers);
        Supplier<double[]> mapLoop = () -> layerMapEuler(field, initial, horizon, layers);

        double[] handLast = hand.get();
        double[] stackLast = stack.get();
        double relative = Math.max(relativeDifference(stackLast, handLast),
                relativeDifference(handFlat.get(), handLast));
        System.out.printf(Locale.ROOT, "x_L agree: max |stack - hand| / |hand| = %.3e over both hand loops (%s)%n",
                relative, relative == 0 ? "bitwise equal" : "not bitwise equal");

        int rounds = Math.max(reps, 5);
        Timing[] timings = interleaved(warmup + 5, rounds, List.of(hand, handFlat, fieldLoop, mapLoop, stack));
        Timing rowsTime = timings[0];
        Timing flatTime = timings[1];
        Timing fieldTime = timings[2];
        Timing mapTime = timings[3];
        Timing stackTime = timings[4];
        System.out.printf(Locale.ROOT, "hand loop, double[][] rows (as WeightMatrix):           %s%n", rowsTime);
        System.out.printf(Locale.ROOT, "hand loop, flat row-major arrays:                       %s%n", flatTime);
        System.out.printf(Locale.ROOT, "FeedForward.evaluate(double) + inline Euler update:        %s%n", fieldTime);
        System.out.printf(Locale.ROOT, "LayerMap.EULER.step(double) loop, no stored states:     %s%n", mapTime);
        System.out.printf(Locale.ROOT, "LayerStack.run (boxes L+1 states into Decimal64[]):     %s%n", stackTime);
        // against the faster hand loop, so the ratio is the stricter one
        Timing handTime = flatTime.median() < rowsTime.median() ? flatTime : rowsTime;
        double ratio = stackTime.median() / handTime.median();
        System.out.printf(Locale.ROOT, "ratios to the faster hand loop (median): field %.2f, layer map %.2f,"
                + " layer stack %.2f; boxing and storing the states adds %.2f%n",
                fieldTime.median() / handTime.median(), mapTime.median() / handTime.median(), ratio,
                (stackTime.median() - mapTime.median()) / handTime.median());
        System.out.printf(Locale.ROOT, "per layer: hand %s, layer stack %s%n", seconds(handTime.median() / layers),
                seconds(stackTime.median() / layers));
        verdict("3. LayerStack Euler / hand loop, D=64, L=4096", String.format(Locale.ROOT, "%.2fx", ratio), "<= 2x",
                ratio <= 2);
        verdict("3. same x_L (relative difference)", String.format(Locale.ROOT, "%.1e", relative), "<= 1e-12",
                relative <= 1e-12);
        blockLadder();
    }

    /**
     * 3b: the double fast path at the size of the O(1/L) figure, one pre-LN block with n = 16 tokens of width
     * 32, 4 heads, FFN 64, GELU, weights {@code W0 + t W1} (entries N(0,1)/sqrt(fan-in)), through the Euler
     * ladder L = 16..1024 (2032 layers); this thread's CPU time, since the wall clock of a shared machine
     * measures its load. What the ladder computes is tested in BlockFastPathTest.
     */
    private void blockLadder() {
        int tokens = 16;
        int width = 32;
        int hidden = 64;
        Random random = new Random(42);
        Map<String, double[][]> matrices = new HashMap<>();
        for (String role : new String[] {"wq", "wk", "wv", "wo"}) {
            matrices.put(role, gaussian(random, width, width, 1 / Math.sqrt(width)));
            matrices.put(role + ".slope", gaussian(random, width, width, 1 / Math.sqrt(width)));
        }
        matrices.put("w1", gaussian(random, hidden, width, 1 / Math.sqrt(width)));
        matrices.put("w2", gaussian(random, width, hidden, 1 / Math.sqrt(hidden)));
        TransformerBlock block = TransformerBlock.fromWeights(tokens, width, 4, true, Activation.GELU, 1e-5, matrices,
                Map.of("b1", gaussian(random, hidden, 1 / Math.sqrt(hidden))));
        Decimal64[] start = DoubleSystem.INSTANCE.fromDoubles(tokens(2, tokens, width, 1));
        Runnable ladder = () -> {
            for (int depth = 16; depth <= 1024; depth *= 2) {
                LayerStack.run(block, LayerMap.EULER, DoubleSystem.INSTANCE, start, new Decimal64(1), depth);
            }
        };
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double first = Double.NaN;
        double[] samples = new double[reps];
        for (int run = -warmup; run < reps; run++) {
            long begin = threads.getCurrentThreadCpuTime();
            ladder.run();
            double cpu = (threads.getCurrentThreadCpuTime() - begin) / 1e9;
            if (run == -warmup) {
                first = cpu;
            }
            if (run >= 0) {
                samples[run] = cpu;
            }
        }
        Arrays.sort(samples);
        double median = samples[reps / 2];
        System.out.printf(Locale.ROOT, "-- 3b: block n = %d, d = %d, 4 heads, FFN %d, depth-varying weights, Euler L = 16..1024"
                + " (2032 layers): CPU median %s, min %s, first (cold) %s --%n", tokens, width, hidden, seconds(median),
                seconds(samples[0]), seconds(first));
        verdict("3b. block Euler ladder 16..1024, CPU", seconds(median), "< 2 s", median < 2);
    }

    /**
     * x += h (W2 tanh(W1 x + b1) + b2) on primitive arrays, in FeedForward's order: each sum starts at the
     * bias and adds the products left to right; tanh is FastMath's, as in {@link Activation#TANH}.
     */
    static double[] handEuler(Mlp mlp, double[] initial, double horizon, int layers) {
        double[][] w1 = mlp.w1();
        double[] b1 = mlp.b1();
        double[][] w2 = mlp.w2();
        double[] b2 = mlp.b2();
        int dimension = initial.length;
        int hidden = b1.length;
        double h = horizon / layers;
        double[] x = initial.clone();
        double[] units = new double[hidden];
        double[] k = new double[dimension];
        for (int l = 0; l < layers; l++) {
            for (int j = 0; j < hidden; j++) {
                double[] row = w1[j];
                double sum = b1[j];
                for (int i = 0; i < dimension; i++) {
                    sum += x[i] * row[i];
                }
                units[j] = FastMath.tanh(sum);
            }
            for (int i = 0; i < dimension; i++) {
                double[] row = w2[i];
                double sum = b2[i];
                for (int j = 0; j < hidden; j++) {
                    sum += units[j] * row[j];
                }
                k[i] = sum;
            }
            for (int i = 0; i < dimension; i++) {
                x[i] += h * k[i];
            }
        }
        return x;
    }

    /** The same loop on flat row-major weights, the other layout a matrix type could keep. */
    static double[] handEulerFlat(double[] w1, double[] b1, double[] w2, double[] b2, double[] initial,
            double horizon, int layers) {
        int dimension = initial.length;
        int hidden = b1.length;
        double h = horizon / layers;
        double[] x = initial.clone();
        double[] units = new double[hidden];
        double[] k = new double[dimension];
        for (int l = 0; l < layers; l++) {
            for (int j = 0; j < hidden; j++) {
                double sum = b1[j];
                int offset = j * dimension;
                for (int i = 0; i < dimension; i++) {
                    sum += x[i] * w1[offset + i];
                }
                units[j] = FastMath.tanh(sum);
            }
            for (int i = 0; i < dimension; i++) {
                double sum = b2[i];
                int offset = i * hidden;
                for (int j = 0; j < hidden; j++) {
                    sum += units[j] * w2[offset + j];
                }
                k[i] = sum;
            }
            for (int i = 0; i < dimension; i++) {
                x[i] += h * k[i];
            }
        }
        return x;
    }

    static double[] flatten(double[][] m) {
        double[] flat = new double[m.length * m[0].length];
        for (int r = 0; r < m.length; r++) {
            System.arraycopy(m[r], 0, flat, r * m[0].length, m[0].length);
        }
        return flat;
    }

    /** The field's double path with the Euler update written here. */
    static double[] fieldEuler(VectorField field, double[] initial, double horizon, int layers) {
        double h = horizon / layers;
        double[] x = initial.clone();
        double[] k = new double[x.length];
        for (int l = 0; l < layers; l++) {
            field.evaluate(horizon * l / layers, x, k);
            for (int i = 0; i < x.length; i++) {
                x[i] += h * k[i];
            }
        }
        return x;
    }

    /** LayerMap's double stepper, as LayerStack calls it, without keeping the states. */
    static double[] layerMapEuler(VectorField field, double[] initial, double horizon, int layers) {
        double h = horizon / layers;
        double[][] workspace = LayerMap.EULER.newWorkspace(initial.length);
        double[] x = initial.clone();
        double[] next = new double[x.length];
        for (int l = 0; l < layers; l++) {
            LayerMap.EULER.step(field, horizon * l / layers, x, h, next, workspace);
            double[] swap = x;
            x = next;
            next = swap;
        }
        return x;
    }

    static double relativeDifference(double[] a, double[] b) {
        double difference = 0;
        double norm = 0;
        for (int i = 0; i < a.length; i++) {
            difference = Math.max(difference, Math.abs(a[i] - b[i]));
            norm = Math.max(norm, Math.abs(b[i]));
        }
        return difference / norm;
    }

    // ---------------------------------------------------------------- figures 4 and 5: Theorem 1 on attention

    static final int[] LADDER = {64, 128, 256, 512, 1024};

    /**
     * Attention weights are {@code 0.25 N(0,1)/sqrt(d)}: at gain 1 the certified token ball is so wide
     * (radius e^{sum_h ||W_O^h V_h||}) that K is in the thousands or millions and Theorem 1's C overflows,
     * which makes the bound vacuous; at 0.25 C is finite and the bound is a real check.
     */
    static final double GAIN = 0.25;

    private static void gainNote(SelfAttention unscaled) {
        Certificate certificate = unscaled.certificate();
        System.out.printf(Locale.ROOT, "weights 0.25 N(0,1)/sqrt(d); at gain 1 the certificate would give K = %.3g,"
                + " C = %.3g (vacuous)%n", certificate.lipschitz(),
                TheoremBounds.uniformBoundConstant(LayerMap.EULER, certificate, 1, 1));
    }

    private void figure4(int measured) {
        int tokens = 16;
        int width = 32;
        int heads = 4;
        System.out.println();
        System.out.printf(Locale.ROOT, "== Figure 4: Theorem 1 (uniform O(1/L)) on softmax attention, n = %d, d = %d,"
                + " %d heads, Euler L = %s, double layers, double Taylor reference ==%n", tokens, width, heads,
                Arrays.toString(LADDER));
        SelfAttention field = attention(4, tokens, width, heads, GAIN);
        double[] initial = tokens(4, tokens, width, 1);
        gainNote(attention(4, tokens, width, heads, 1));
        convergenceFigure("4", field, DoubleSystem.INSTANCE, initial, false, 30, measured);
    }

    private void figure5(int measured) {
        int tokens = 4;
        int width = 4;
        int heads = 2;
        System.out.println();
        System.out.printf(Locale.ROOT, "== Figure 5: Theorem 1 on softmax attention, n = %d, d = %d, %d heads, Euler L = %s,"
                + " apfloat(30) Taylor reference ==%n", tokens, width, heads, Arrays.toString(LADDER));
        SelfAttention field = attention(5, tokens, width, heads, GAIN);
        double[] initial = tokens(5, tokens, width, 1);
        gainNote(attention(5, tokens, width, heads, 1));
        ApfloatSystem ap30 = new ApfloatSystem(30);
        System.out.println("-- 5a: layers in double against the apfloat(30) reference --");
        convergenceFigure("5a", field, ap30, initial, false, 60, measured);
        System.out.println("-- 5b: layers in apfloat(30) too, as ConvergenceRun does with precision 30 (a claim's"
                + " precision: one number system for layers and reference); one run only, it is slow --");
        convergenceFigure("5b", field, ap30, initial, true, 60, 0);
        apfloatLayerSplit(field, ap30, initial);
    }

    // ---------------------------------------------------------------- figure 6: solve against mpmath

    /** The three problems of issue 13, as the formula files a user would write. */
    private static final List<String> SOLVE_PROBLEMS = List.of("examples/benchmark/mlp-tanh.yaml",
            "examples/benchmark/attention.yaml", "examples/benchmark/rigid-body.yaml");

    /**
     * {@code ./flowaudit solve} as a whole process (the launcher: the jar on the JVM options and class-data-sharing
     * archive it gives solve) beside mpmath's Taylor {@code odefun} with the gmpy backend ({@code scripts/mpmath-solve}), at 30
     * and 50 digits, interleaved and median of {@code measured}; the JVM's start ({@code --help}) beside; and the
     * in-process reference (warm) against mpmath's in-process solve. Targets of issue 13: whole process at most
     * 0.5x mpmath at 30 digits and 0.25x at 50, in-process at least 50x faster. Absolute times on shared cores
     * are noisy, ratios less so, and CPU times least: the verdicts are on CPU time (process and its threads for
     * the whole process, the JVM's process CPU for the in-process solve, mpmath's process_time), wall beside;
     * the load average is printed.
     */
    private void figure6(int measured) throws Exception {
        System.out.println();
        System.out.println("== Figure 6: solve, whole process, against mpmath odefun (gmpy backend) ==");
        System.out.printf(Locale.ROOT, "load average now: %.2f%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        if (!Files.isRegularFile(Path.of("target/flowaudit.jar"))) {
            System.out.println("target/flowaudit.jar is missing (scripts/benchmark builds it): figure 6 skipped");
            return;
        }
        // the launcher as a user runs it: its JVM options and class-data-sharing archive are part of the figure
        List<String> java = List.of("./flowaudit");
        String python = mpmathPython();
        if (python == null) {
            System.out.println("no python3 with mpmath and gmpy2 (Debian: apt-get install python3-mpmath python3-gmpy2):"
                    + " the mpmath figures are skipped");
        }
        // solve's own help: the JVM, options and archive solve runs on, started and stopped
        Run help = medianProcess(measured, concat(java, List.of("solve", "--help")));
        double start = help.seconds;
        System.out.printf(Locale.ROOT, "JVM start and exit (flowaudit solve --help): %s wall, %s CPU%n", seconds(start),
                seconds(help.cpuSeconds));
        System.out.println("whole process: median wall time, and in brackets median CPU time (user + system, of the"
                + " process and its threads; what a loaded machine inflates least)");
        System.out.println("in-process: the warm solve's median wall and (CPU) time, against mpmath's solve in its"
                + " process (the same median run)");
        System.out.printf(Locale.ROOT, "%-36s %7s %21s %21s %13s %21s %21s %15s%n", "problem", "digits", "flowaudit",
                "mpmath", "ratio (CPU)", "in-process", "mpmath solve", "ratio (CPU)");
        for (int digits : solveDigits) {
            for (String problem : SOLVE_PROBLEMS) {
                List<String> solve = concat(java, List.of("solve", problem, "--digits", Integer.toString(digits)));
                Run ours = medianProcess(measured, solve);
                Run inProcess = inProcessSolve(problem, digits);
                String inProcessTimes = seconds(inProcess.seconds) + " (" + seconds(inProcess.cpuSeconds) + ")";
                if (python == null) {
                    System.out.printf(Locale.ROOT, "%-36s %7d %21s %21s %13s %21s%n", problem, digits,
                            seconds(ours.seconds) + " (" + seconds(ours.cpuSeconds) + ")", "-", "-", inProcessTimes);
                    continue;
                }
                Run peer = medianProcess(measured, List.of(python, "scripts/mpmath-solve", problem,
                        Integer.toString(digits)));
                double ratio = ours.seconds / peer.seconds;
                double cpuRatio = ours.cpuSeconds / peer.cpuSeconds;
                double inProcessRatio = inProcess.seconds / peer.solveSeconds;
                double inProcessCpuRatio = inProcess.cpuSeconds / peer.solveCpuSeconds;
                System.out.printf(Locale.ROOT, "%-36s %7d %21s %21s %5.2f (%5.2f) %21s %21s %6.3f (%6.3f)%n", problem,
                        digits, seconds(ours.seconds) + " (" + seconds(ours.cpuSeconds) + ")",
                        seconds(peer.seconds) + " (" + seconds(peer.cpuSeconds) + ")", ratio, cpuRatio,
                        inProcessTimes, seconds(peer.solveSeconds) + " (" + seconds(peer.solveCpuSeconds) + ")",
                        inProcessRatio, inProcessCpuRatio);
                String name = Path.of(problem).getFileName().toString().replace(".yaml", "");
                double target = digits == 30 ? 0.5 : 0.25;
                verdict("6. solve " + name + " " + digits + " digits / mpmath (CPU)", String.format(Locale.ROOT,
                        "CPU %.2f, wall %.2f (JVM start %s, CPU %s)", cpuRatio, ratio, seconds(start),
                        seconds(help.cpuSeconds)), String.format(Locale.ROOT, "<= %.2f", target), cpuRatio <= target);
                verdict("6. in-process " + name + " " + digits + " digits / mpmath (CPU)", String.format(Locale.ROOT,
                        "CPU %.3f, wall %.3f", inProcessCpuRatio, inProcessRatio), "<= 0.020",
                        inProcessCpuRatio <= 0.02);
            }
        }
        System.out.printf(Locale.ROOT, "load average at the end: %.2f%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /**
     * A process's wall time, its CPU time (user + system), and, for mpmath-solve, the solve's wall and CPU time
     * it reports.
     */
    record Run(double seconds, double cpuSeconds, double solveSeconds, double solveCpuSeconds) {
    }

    /**
     * Median wall and CPU time of {@code times} runs of a command (one unmeasured run first), and the median
     * solve time.
     */
    private static Run medianProcess(int times, List<String> command) throws Exception {
        run(command);
        double[] wall = new double[times];
        double[] cpu = new double[times];
        double[] solve = new double[times];
        double[] solveCpu = new double[times];
        for (int i = 0; i < times; i++) {
            double cpuBefore = childrenCpuSeconds();
            long start = System.nanoTime();
            double[] reported = run(command);
            wall[i] = (System.nanoTime() - start) / 1e9;
            cpu[i] = childrenCpuSeconds() - cpuBefore;
            solve[i] = reported[0];
            solveCpu[i] = reported[1];
        }
        return new Run(timing(wall).median(), timing(cpu).median(), timing(solve).median(), timing(solveCpu).median());
    }

    /**
     * User + system CPU seconds of this JVM's waited-for child processes (Linux: fields cutime and cstime of
     * /proc/self/stat, in clock ticks of 1/100 s), NaN elsewhere. A child's time counts once it has been reaped,
     * which {@link Process#waitFor} does.
     */
    private static double childrenCpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // the fields after the command name in brackets, from field 3 (the state) on
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /**
     * Runs a command to its end; the S of its '# solve-seconds: S' and '# solve-cpu-seconds: S' lines, or NaN.
     * Exit status 0 or an exception.
     */
    private static double[] run(List<String> command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // JAVA_OPTS is this harness's (scripts/benchmark); the launcher would add it to the solve's JVM
        builder.environment().remove("JAVA_OPTS");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
        double[] solve = {Double.NaN, Double.NaN};
        List<String> keys = List.of("# solve-seconds: ", "# solve-cpu-seconds: ");
        for (String line : output.split("\n")) {
            for (int i = 0; i < keys.size(); i++) {
                if (line.startsWith(keys.get(i))) {
                    solve[i] = Double.parseDouble(line.substring(keys.get(i).length()).trim());
                }
            }
        }
        return solve;
    }

    /** The first python3 that imports mpmath with the gmpy backend, or null. */
    private static String mpmathPython() throws Exception {
        for (String python : List.of("/usr/bin/python3", "python3")) {
            try {
                Process process = new ProcessBuilder(python, "-c",
                        "import gmpy2, mpmath; assert mpmath.libmp.BACKEND == 'gmpy'").redirectErrorStream(true).start();
                process.getInputStream().readAllBytes();
                if (process.waitFor() == 0) {
                    return python;
                }
            } catch (IOException e) {
                // not installed: try the next
            }
        }
        return null;
    }

    /** Warm-up and measured runs of the in-process solve at least, whatever --warmup and --reps say. */
    private static final int IN_PROCESS_WARMUP = 30;

    /**
     * The compiler has settled once this many warm-up solves in a row compiled nothing (the JIT's total compilation
     * time did not move), or after {@link #IN_PROCESS_MAX_WARMUP} solves: the rigid body needs some 100 of them.
     */
    private static final int IN_PROCESS_QUIET_RUNS = 10;
    private static final int IN_PROCESS_MAX_WARMUP = 1000;
    private static final int IN_PROCESS_REPS = 15;
    private static final double IN_PROCESS_BATCH_SECONDS = 0.25;

    /**
     * The reference as solve computes it (D + 8 to D + 10 digits, the fewest limbs; its default number system), x(T)
     * and the transition-matrix estimate (which solve skips where the logarithmic norm's bound is already negligible),
     * warm: the median over batches of the wall time and the CPU time of this JVM (every thread: the collector's work
     * counts) per solve.
     */
    private Run inProcessSolve(String problem, int digits) {
        return inProcessSolve(SystemFile.locate(Path.of(problem)).system(),
                NumberSystem.ofDigitsBetween(digits + 8, digits + 10));
    }

    private <T extends RealFieldElement<T>> Run inProcessSolve(FormulaSystem system, NumberSystem<T> numbers) {
        T horizon = system.horizon(numbers);
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Supplier<?> solve = () -> {
            ReferenceFlow<T> flow = ReferenceFlow.compute(system, numbers, system.initialState(numbers), horizon);
            return List.of(flow.atHorizon(), flow.errorEstimateAtHorizon());
        };
        // a solve takes milliseconds: warm up until the compiler has settled (the process CPU measured below counts
        // the compiler's threads), and take the median of many
        CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
        long compiling = compiler.getTotalCompilationTime();
        for (int i = 0, quiet = 0; i < IN_PROCESS_MAX_WARMUP
                && (i < Math.max(warmup, IN_PROCESS_WARMUP) || quiet < IN_PROCESS_QUIET_RUNS); i++) {
            sink = solve.get();
            long compiled = compiler.getTotalCompilationTime();
            quiet = compiled == compiling ? quiet + 1 : 0;
            compiling = compiled;
        }
        // the process's CPU time advances in clock ticks of 10 ms, as long as a rigid body's solve: each measured rep
        // is a batch of solves spanning at least IN_PROCESS_BATCH_SECONDS, so a tick is a few per cent of it at most
        long once = System.nanoTime();
        sink = solve.get();
        int batch = (int) Math.max(1, Math.ceil(IN_PROCESS_BATCH_SECONDS / ((System.nanoTime() - once) / 1e9)));
        int measured = Math.max(reps, IN_PROCESS_REPS);
        double[] wall = new double[measured];
        double[] cpu = new double[measured];
        for (int i = 0; i < measured; i++) {
            long cpuStart = os.getProcessCpuTime();
            long start = System.nanoTime();
            for (int j = 0; j < batch; j++) {
                sink = solve.get();
            }
            wall[i] = (System.nanoTime() - start) / 1e9 / batch;
            cpu[i] = (os.getProcessCpuTime() - cpuStart) / 1e9 / batch;
        }
        return new Run(timing(wall).median(), timing(cpu).median(), Double.NaN, Double.NaN);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** Where an apfloat layer's time goes: the field evaluation, and in it the softmax's exponentials. */
    private static void apfloatLayerSplit(SelfAttention field, ApfloatSystem numbers, double[] initial) {
        ApfloatElement[] x = numbers.fromDoubles(initial);
        ApfloatElement zero = numbers.zero();
        ApfloatElement h = numbers.one().divide(1024);
        double layer = perCall(() -> LayerMap.EULER.step(field, zero, x, h), 1.0);
        double evaluate = perCall(() -> field.evaluate(zero, x), 1.0);
        double exp = perCall(() -> x[5].multiply(0.37).exp(), 0.5);
        double multiplyAdd = perCall(() -> x[1].multiply(x[2]).add(x[3]), 0.3);
        double fromDouble = perCall(() -> numbers.fromDouble(0.123456789), 0.3);
        int exps = field.heads() * field.tokens() * field.tokens();
        System.out.printf(Locale.ROOT, "apfloat(30) layer split: one Euler layer %s; field.evaluate %s; it takes %d"
                + " exp (heads x n x n softmax scores) at %s each = %s (%.0f%% of the layer); a multiply+add %s,"
                + " fromDouble %s%n", seconds(layer), seconds(evaluate), exps, seconds(exp), seconds(exps * exp),
                100 * exps * exp / layer, seconds(multiplyAdd), seconds(fromDouble));
    }

    /** Mean seconds per call over about {@code budget} seconds, after a short warm-up. */
    private static double perCall(Supplier<?> body, double budget) {
        long warm = System.nanoTime();
        while (System.nanoTime() - warm < budget * 0.3e9) {
            sink = body.get();
        }
        long start = System.nanoTime();
        int calls = 0;
        do {
            sink = body.get();
            calls++;
        } while (System.nanoTime() - start < budget * 1e9);
        return (System.nanoTime() - start) / 1e9 / calls;
    }

    /** Seconds spent in each phase of one convergence run, and what it found. */
    record ConvergenceTimes(double reference, double layers, double errors, double total, double[] uniformErrors,
            double errorEstimate, int referenceSteps) {
    }

    private <S extends RealFieldElement<S>> void convergenceFigure(String figure, SelfAttention field,
            NumberSystem<S> numbers, double[] initial, boolean layersInReferenceSystem, double targetSeconds,
            int measured) {
        double horizon = 1;
        Certificate certificate = field.certificate();
        double constant = TheoremBounds.uniformBoundConstant(LayerMap.EULER, certificate, horizon, 1);
        System.out.printf(Locale.ROOT, "state dimension D = %d; layers in %s; reference in %s; T = %s%n",
                field.dimension(), layersInReferenceSystem ? numbers.name() : "double", numbers.name(), horizon);
        System.out.printf(Locale.ROOT, "certificate: K = %.4g, M = %.4g, region %s; Theorem 1 C = %.4g%n",
                certificate.lipschitz(), certificate.bound(), certificate.region(), constant);

        List<ConvergenceTimes> runs = new ArrayList<>();
        for (int r = 0; r <= measured; r++) {
            runs.add(convergence(field, numbers, initial, horizon, layersInReferenceSystem));
        }
        ConvergenceTimes first = runs.get(0);
        List<ConvergenceTimes> rest = runs.size() > 1 ? runs.subList(1, runs.size()) : runs;
        Timing total = timing(rest.stream().mapToDouble(ConvergenceTimes::total).toArray());
        Timing reference = timing(rest.stream().mapToDouble(ConvergenceTimes::reference).toArray());
        Timing layers = timing(rest.stream().mapToDouble(ConvergenceTimes::layers).toArray());
        Timing errors = timing(rest.stream().mapToDouble(ConvergenceTimes::errors).toArray());

        double[] uniform = first.uniformErrors();
        double scale = 1;
        for (double v : initial) {
            scale = Math.max(scale, Math.abs(v));
        }
        double epsilon = layersInReferenceSystem ? numbers.epsilon() : DoubleSystem.INSTANCE.epsilon();
        boolean bounded = true;
        System.out.printf(Locale.ROOT, "reference: %d Taylor steps (tight run), error estimate %.2e%n",
                first.referenceSteps(), first.errorEstimate());
        System.out.println("      L   max_l |x_l - x(t_l)|         C/L   holds");
        for (int i = 0; i < LADDER.length; i++) {
            // ConvergenceRun.resolution: the reference's error (max norm, times sqrt D) and the layers' rounding
            double resolution = first.errorEstimate() * Math.sqrt(field.dimension())
                    + 10.0 * LADDER[i] * epsilon * scale;
            boolean holds = uniform[i] <= constant / LADDER[i] + resolution;
            bounded &= holds;
            System.out.printf(Locale.ROOT, "  %5d   %20.6e  %10.4g   %s%n", LADDER[i], uniform[i],
                    constant / LADDER[i], holds);
        }
        double slope = LogLogFit.slope(LADDER, uniform);
        System.out.printf(Locale.ROOT, "fitted slope of log error against log L: %.4f (Theorem 1: -1)%n", slope);
        System.out.printf(Locale.ROOT, "first run: total %s (reference %s, layer stacks %s, uniform errors %s)%n",
                seconds(first.total()), seconds(first.reference()), seconds(first.layers()), seconds(first.errors()));
        System.out.printf(Locale.ROOT, "measured: total %s%n  reference %s%n  layer stacks %s%n  uniform errors %s%n",
                total, reference, layers, errors);
        if (numbers == DoubleSystem.INSTANCE || !layersInReferenceSystem) {
            referenceSplit(field, numbers, initial, horizon);
        }
        // the figure is the first run, JIT warm-up included, as a claim run in a fresh JVM pays it
        verdict(figure + ". Theorem 1 run, first run (cold)", seconds(first.total()),
                String.format(Locale.ROOT, "< %.0f s", targetSeconds), first.total() < targetSeconds);
        verdict(figure + ". observed order (fitted slope)", String.format(Locale.ROOT, "%.3f", slope),
                "-1 +- 0.1", Math.abs(slope + 1) <= 0.1);
        boolean finite = Double.isFinite(constant);
        verdict(figure + ". Theorem 1 bound C/L at every depth", !finite ? "C infinite" : bounded ? "holds" : "violated",
                "holds, C finite", bounded && finite);
    }

    /** One Theorem 1 run as ConvergenceRun does it: the reference, then each depth's layers and uniform error. */
    private static <S extends RealFieldElement<S>> ConvergenceTimes convergence(VectorField field,
            NumberSystem<S> numbers, double[] initial, double horizon, boolean layersInReferenceSystem) {
        long start = System.nanoTime();
        S[] x0 = numbers.fromDoubles(initial);
        S T = numbers.fromDouble(horizon);
        ReferenceFlow<S> flow = ReferenceFlow.compute(field, numbers, x0, T);
        long referenceDone = System.nanoTime();
        double layerSeconds = 0;
        double errorSeconds = 0;
        double[] uniform = new double[LADDER.length];
        for (int i = 0; i < LADDER.length; i++) {
            int depth = LADDER[i];
            long layersStart = System.nanoTime();
            double max = 0;
            if (layersInReferenceSystem) {
                Trajectory<S> layers = LayerStack.run(field, LayerMap.EULER, numbers, x0, T, depth);
                long layersDone = System.nanoTime();
                for (int l = 0; l <= depth; l++) {
                    S[] exact = flow.at(layers.time(l));
                    S[] state = layers.state(l);
                    S sum = numbers.zero();
                    for (int k = 0; k < exact.length; k++) {
                        S d = state[k].subtract(exact[k]);
                        sum = sum.add(d.multiply(d));
                    }
                    max = Math.max(max, sum.sqrt().getReal());
                }
                layerSeconds += (layersDone - layersStart) / 1e9;
                errorSeconds += (System.nanoTime() - layersDone) / 1e9;
            } else {
                Trajectory<Decimal64> layers = LayerStack.run(field, LayerMap.EULER, DoubleSystem.INSTANCE,
                        DoubleSystem.INSTANCE.fromDoubles(initial), new Decimal64(horizon), depth);
                long layersDone = System.nanoTime();
                for (int l = 0; l <= depth; l++) {
                    // t_l = l T / L in the reference's precision, not rounded to double
                    S[] exact = flow.at(T.multiply(l).divide(depth));
                    double[] state = layers.stateAsDoubles(l);
                    double sum = 0;
                    for (int k = 0; k < exact.length; k++) {
                        double d = state[k] - exact[k].getReal();
                        sum += d * d;
                    }
                    max = Math.max(max, Math.sqrt(sum));
                }
                layerSeconds += (layersDone - layersStart) / 1e9;
                errorSeconds += (System.nanoTime() - layersDone) / 1e9;
            }
            uniform[i] = max;
        }
        double total = (System.nanoTime() - start) / 1e9;
        return new ConvergenceTimes((referenceDone - start) / 1e9, layerSeconds, errorSeconds, total, uniform,
                flow.errorEstimate(), flow.solution().steps());
    }

    /**
     * Where the reference's time goes: ReferenceFlow.compute is one TaylorIntegrator run at full digits, which
     * records the tape and then steps, sampling the field's growth rate in double for its error bound.
     * Each phase is the faster of two timings, each from a collected heap, so that the split shows the work
     * and not where a collection happened to fall (the figure's own timings include collections).
     */
    private static <S extends RealFieldElement<S>> void referenceSplit(VectorField field, NumberSystem<S> numbers,
            double[] initial, double horizon) {
        S[] x0 = numbers.fromDoubles(initial);
        S T = numbers.fromDouble(horizon);
        Tape tape = Tape.record(field.dimension(), field::evaluate);
        double record = fastest(2, () -> Tape.record(field.dimension(), field::evaluate));
        System.out.printf(Locale.ROOT, "reference split (%s; each phase the faster of two timings after System.gc()):%n", numbers.name());
        System.out.printf(Locale.ROOT, "  Tape.record: %s, tape size %d nodes (recorded once per integrate call)%n",
                seconds(record), tape.size());
        double digits = numbers.digits();
        int order = TaylorIntegrator.orderFor(digits);
        double setup = fastest(2, () -> new TaylorEvaluator<>(tape, numbers, order));
        TaylorEvaluator<S> evaluator = new TaylorEvaluator<>(tape, numbers, order);
        double step = fastest(2, () -> evaluator.solutionCoefficients(numbers.zero(), x0));
        int steps = TaylorIntegrator.integrate(field, numbers, x0, T, digits).steps();
        double integrate = fastest(2, () -> TaylorIntegrator.integrate(field, numbers, x0, T, digits));
        System.out.printf(Locale.ROOT, "  integrate at %.1f digits: order %d, %d step(s), %s in all = tape %s"
                + " + evaluator setup %s + %d x Taylor step (solutionCoefficients) %s + rest (growth rate, output)%n",
                digits, order, steps, seconds(integrate), seconds(record), seconds(setup), steps, seconds(step));
    }

    // ---------------------------------------------------------------- figure 7: loading the real checkpoint

    /**
     * all-MiniLM-L6-v2 (91 MB) read from a file as the command line reads it: OnnxModel.read (the bytes, their
     * SHA-256, protobuf's parse, every tensor's layout checked) and BertEncoder.recover (the structure, and its
     * 22.7 M weights decoded to doubles). The first call pays class loading and JIT compilation; the process CPU
     * time of that call includes the compiler and collector threads, so on an otherwise idle machine it bounds
     * the wall time from above as long as nothing waits on I/O (the file is read from the page cache). Then the
     * heap's peak over one load (issue 15: at most 2 GB) and a forward pass of 16 tokens.
     */
    private void figure7() throws IOException {
        Path file = FetchedModel.MINILM;
        if (!Files.isRegularFile(file)) {
            file = Files.createTempFile("all-minilm-l6-v2", ".onnx");
            file.toFile().deleteOnExit();
            try (InputStream in = Benchmarks.class.getResourceAsStream("/all-minilm-l6-v2.onnx")) {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path model = file;
        Supplier<BertEncoder> load = () -> {
            try {
                return BertEncoder.recover(OnnxModel.read(model));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long processCpu = os.getProcessCpuTime();
        long threadCpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        long start = System.nanoTime();
        sink = load.get();
        double first = (System.nanoTime() - start) / 1e9;
        double firstProcessCpu = (os.getProcessCpuTime() - processCpu) / 1e9;
        double firstThreadCpu = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - threadCpu) / 1e9;
        System.out.printf(Locale.ROOT, "%s: first call %s wall, %s of this thread's CPU, %s of the process's CPU%n",
                model, seconds(first), seconds(firstThreadCpu), seconds(firstProcessCpu));
        Timing warm = interleaved(Math.min(warmup, 2), reps, List.of(load))[0];
        System.out.println("  warm: " + warm);
        verdict("7. load all-MiniLM-L6-v2, first call, process CPU", seconds(firstProcessCpu), "<= 3 s",
                firstProcessCpu <= 3);
        verdict("7. load all-MiniLM-L6-v2, first call, wall", seconds(first), "<= 3 s", first <= 3);
        verdict("7. load all-MiniLM-L6-v2, warm median wall", seconds(warm.median()), "<= 3 s", warm.median() <= 3);
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(java.lang.management.MemoryPoolMXBean::resetPeakUsage);
        BertEncoder encoder = load.get();
        long peak = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == java.lang.management.MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        verdict("7. peak heap while loading (sum of pool peaks)", String.format(Locale.ROOT, "%.0f MB", peak / 1e6),
                "<= 2 GB", peak <= 2e9);
        forwardPass(encoder);
    }

    /** Building the six layers for 16 random tokens (weights to [out x in]) and one forward pass in double. */
    private void forwardPass(BertEncoder encoder) {
        int[] ids = new int[16];
        Random random = new Random(15);
        Arrays.setAll(ids, i -> random.nextInt(encoder.embeddings().vocabulary()));
        double[] initial = encoder.embeddings().initialState(ids);
        Timing building = interleaved(1, reps, List.of(() -> encoder.stack(ids.length)))[0];
        verdict("7. build the 16-token stack (weights to [out x in])", building.toString(), "(no target)", true);
        DepthStack stack = encoder.stack(ids.length);
        Timing forward = interleaved(warmup, reps, List.of(() -> stack.output(initial)))[0];
        verdict("7. forward pass, 6 layers x 16 tokens x 384, double", forward.toString(), "(no target)", true);
        // CPU time of this thread: what a loaded machine inflates least (wall time counts other work too)
        long start = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        sink = stack.output(initial);
        System.out.printf(Locale.ROOT, "  thread CPU time of one forward pass: %s%n",
                seconds((ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - start) / 1e9));
    }

    private static double fastest(int times, Supplier<?> body) {
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < times; i++) {
            sink = null;
            System.gc(); // start each timing from a collected heap: this split attributes work, not GC
            long start = System.nanoTime();
            sink = body.get();
            best = Math.min(best, (System.nanoTime() - start) / 1e9);
        }
        return best;
    }
}
