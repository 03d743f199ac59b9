package io.flowaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.management.ThreadMXBean;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutated system, claim and safetensors files run through the command line in-process. Every case must
 * end with exit status 0 or 1 (the mutant is still valid input) or 2 with one line naming the file,
 * line and column — never a stack trace, a hang or an out-of-memory error — within a time and
 * allocation bound.
 *
 * <p>Deterministic: the mutations come from one {@link Random} with a fixed seed, printed with the
 * counts, so every build runs the same cases and gets the same verdict. (Whether a slow but valid case is
 * accepted or stopped by the reference's 1 s time budget can depend on the machine; both are passing
 * outcomes.) {@code -Dflowaudit.fuzz.cases=N} sets the cases per kind (the build's gate runs
 * {@value #GATE_CASES}); {@code -Dflowaudit.fuzz.seed=S} another seed. A failing case is written to
 * {@code target/fuzz-failures/} with its command line.
 */
class HostileInputFuzzTest {

    private static final int GATE_CASES = 40;
    private static final long DEFAULT_SEED = 20261128L;
    private static final int PROGRESS_EVERY = 500;

    /** Each case's bound: the work budget below plus the time to read, check and report. */
    private static final double CASE_SECONDS = 20;
    private static final long CASE_ALLOCATED_BYTES = 4L << 30;

    /** The reference's time budget in these runs; the bound on time is what is tested, not its default. */
    private static final String BUDGET_SECONDS = "1";

    /** {@code -Dflowaudit.fuzz.verbose=true} prints every case's outcome and message. */
    private static final boolean VERBOSE = Boolean.getBoolean("flowaudit.fuzz.verbose");

    private static final Pattern POSITIONED = Pattern.compile("^flowaudit: (.+):(\\d+):(\\d+): .+$");

    enum Kind { SYSTEM, CLAIM, SAFETENSORS }

    enum Outcome { ACCEPTED, REFUSED, FAILED }

    /** Text that broke the harness in the campaign of issue 10, spliced into files by the mutations. */
    private static final List<String> HOSTILE = List.of("1e99999999999", "1e-400", "1e400", ".nan", ".inf", "-.inf",
            "2147483647", "-2147483648", "1000000", "1e9", "0", "-1", "1/0", "log(0)", "sqrt(-1)", "0^-1", "x^-2147483648",
            "x^1000000000", "exp(x)^100000", "exp(exp(exp(x)))", "(((((((((((", ")))", "----------", "^", "*a", "&a ",
            "? [a]\n: b\n", "\"\\ud800\"", "\u0001", "\t", "\n", "\r\n", ": ", "- ", "#", "'", "\"", "{", "}", "[", "]",
            ",", "!!binary ", "!!python/object ", "<<: *a", "../../../../etc/passwd", "/dev/zero", "%YAML 1.2\n---\n",
            "---\n", "...\n", "\u00ff", "\ufeff", "\ud83d\ude00", "x", "t", "pi", "tanh(", "sigmoid(x)", "abs(x)",
            // values that are valid but extreme, so that mutants also reach the solver and the audit
            "1e-299", "9e299", "1e-9", "0.5", "100", "1e6", "x*y", "-x", "exp(x)", "y^7", "[1, 64]", "[0, 1e299]");

    private static final String SYSTEM = String.join("\n",
            "name: hostile",
            "variables: [x, y]",
            "field:",
            "  x: -y + 0.1*sin(t)*x",
            "  y: x - y^3/3 + sigmoid(x) - tanh(y)",
            "initial:",
            "  x: 1",
            "  y: 0.5",
            "horizon: 0.5",
            "");

    private static final List<String> CLAIMS = List.of(
            String.join("\n",
                    "title: \"Euler layers converge on MLP fields\"",
                    "theorem: uniform-bound",
                    "expect: holds",
                    "tries: 1",
                    "ladder: [4, 8]",
                    "field:",
                    "  family: mlp",
                    "  dimension: [1, 2]",
                    "  hidden-units: [1, 2]",
                    "  lipschitz: [0.1, 1]",
                    "  initial-radius: [0, 1]",
                    "  horizon: [0.5, 1]",
                    ""),
            String.join("\n",
                    "title: perturbations decay",
                    "theorem: flow-perturbation",
                    "expect: holds",
                    "tries: 1",
                    "perturbation: [0.001, 0.1]",
                    "rate: one-sided",
                    "field: {family: contractive, dimension: [1, 2]}",
                    ""),
            String.join("\n",
                    "title: the system's layers converge",
                    "theorem: uniform-bound",
                    "expect: holds",
                    "tries: 1",
                    "ladder: [4, 8]",
                    "field:",
                    "  system: system.yaml",
                    "  constants:",
                    "    lipschitz: 1",
                    "    one-sided-lipschitz: 1",
                    "    bound: 3.1",
                    "    time-lipschitz: 3.1",
                    "    region-radius: 3.1",
                    ""));

    private static final String WEIGHTS_CLAIM = String.join("\n",
            "title: the checkpoint's attention is permutation-equivariant",
            "theorem: permutation-equivariance",
            "expect: holds",
            "tries: 1",
            "field:",
            "  weights: block.safetensors",
            "  layer: attention",
            "  tokens: 3",
            "  heads: 2",
            "  tensors: {wq: block.attn.wq, wk: block.attn.wk, wv: block.attn.wv, wo: block.attn.wo}",
            "");

    @TempDir
    Path dir;

    @Test
    void mutatedInputsEndInOneClearMessageWithinBounds() throws Exception {
        int cases = Integer.getInteger("flowaudit.fuzz.cases", GATE_CASES);
        long seed = Long.getLong("flowaudit.fuzz.seed", DEFAULT_SEED);
        Random random = new Random(seed);
        byte[] weights = Files.readAllBytes(Path.of("examples/weights/block.safetensors"));
        Map<Kind, Map<Outcome, Integer>> counts = new EnumMap<>(Kind.class);
        List<String> failures = new ArrayList<>();
        double slowest = 0;
        long mostAllocated = 0;
        PrintStream console = System.out;
        // the audit logs verdicts to System.out: thousands of cases would drown the build log
        System.setOut(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
        try {
            boolean hung = false;
            for (int i = 0; i < cases && !hung; i++) {
                for (Kind kind : Kind.values()) {
                    Path caseDir = Files.createDirectories(dir.resolve(kind + "-" + i));
                    String[] args = prepare(kind, caseDir, random, weights);
                    Result result = runBounded(args);
                    slowest = Math.max(slowest, result.seconds());
                    Outcome outcome = judge(result);
                    if (VERBOSE) {
                        console.printf("%s %d %s %.1fs %s%n", kind, i, outcome, result.seconds(),
                                result.err().strip().replace(dir.toString(), ""));
                    }
                    counts.computeIfAbsent(kind, k -> new EnumMap<>(Outcome.class)).merge(outcome, 1, Integer::sum);
                    mostAllocated = Math.max(mostAllocated, result.allocated());
                    if (outcome == Outcome.FAILED) {
                        failures.add(keep(kind, i, caseDir, args, result));
                    }
                    if (result.hung()) {
                        // its thread is still running: stop here rather than measure the rest beside it
                        hung = true;
                        break;
                    }
                }
                deleteTree(dir, i);
                if ((i + 1) % PROGRESS_EVERY == 0) {
                    console.printf("flowaudit fuzz: %d cases per kind so far: %s%n", i + 1, counts);
                }
            }
        } finally {
            System.setOut(console);
        }
        System.out.printf("flowaudit fuzz: seed %d, %d cases per kind, slowest %.1f s, most allocated %d MB: %s%n",
                seed, cases, slowest, mostAllocated >> 20, counts);
        assertEquals(List.of(), failures, "cases that did not end in one clear message within bounds");
    }

    /** Writes one mutated case into {@code caseDir}; returns its command line. */
    private String[] prepare(Kind kind, Path caseDir, Random random, byte[] weights) throws IOException {
        Path claim = caseDir.resolve("claim.yaml");
        Path report = caseDir.resolve("reports");
        switch (kind) {
            case SYSTEM: {
                Path system = Files.write(caseDir.resolve("system.yaml"), mutate(SYSTEM.getBytes(StandardCharsets.UTF_8),
                        random));
                return random.nextBoolean()
                        ? new String[] {"solve", system.toString(), "--digits", "12", "--max-reference-seconds",
                            BUDGET_SECONDS}
                        : new String[] {"layers", system.toString(), "--layers", "8", "--precision",
                            random.nextBoolean() ? "double" : "20", "--max-reference-seconds", BUDGET_SECONDS};
            }
            case CLAIM: {
                Files.writeString(caseDir.resolve("system.yaml"), SYSTEM);
                String base = CLAIMS.get(random.nextInt(CLAIMS.size()));
                Files.write(claim, mutate(base.getBytes(StandardCharsets.UTF_8), random));
                break;
            }
            default: {
                Files.write(caseDir.resolve("block.safetensors"), mutateSafetensors(weights, random));
                Files.writeString(claim, WEIGHTS_CLAIM);
                break;
            }
        }
        // one try: the file's own tries are still read and checked, but up to the limit they are work asked for
        return new String[] {"audit", claim.toString(), "--report", report.toString(), "--tries", "1",
            "--max-reference-seconds", BUDGET_SECONDS};
    }

    /** One to three mutations of text: byte flips, hostile tokens, deletions, repetitions and nesting. */
    static byte[] mutate(byte[] original, Random random) {
        byte[] bytes = original;
        int mutations = 1 + random.nextInt(2);
        for (int m = 0; m < mutations; m++) {
            int at = random.nextInt(bytes.length + 1);
            // value replacements (3 and 4) most often: they keep the YAML valid and reach the checks behind it
            switch (random.nextInt(10)) {
                case 0:
                    if (bytes.length > 0) {
                        bytes = bytes.clone();
                        bytes[Math.min(at, bytes.length - 1)] = (byte) random.nextInt(256);
                    }
                    break;
                case 1:
                case 2:
                    bytes = splice(bytes, at, at, HOSTILE.get(random.nextInt(HOSTILE.size()))
                            .getBytes(StandardCharsets.UTF_8));
                    break;
                case 3:
                case 4:
                case 5: {
                    // replace the value after a "key: " with a hostile one
                    String text = new String(bytes, StandardCharsets.UTF_8);
                    int key = text.indexOf(": ", Math.min(at, text.length()));
                    if (key >= 0) {
                        int end = text.indexOf('\n', key);
                        String value = HOSTILE.get(random.nextInt(HOSTILE.size()));
                        // half of the time inside the old value, as a formula term or a list item
                        String old = text.substring(key + 2, end < 0 ? text.length() : end);
                        String replacement = random.nextBoolean() ? value
                                : old.substring(0, random.nextInt(old.length() + 1)) + value
                                        + old.substring(random.nextInt(old.length() + 1));
                        text = text.substring(0, key + 2) + replacement + (end < 0 ? "" : text.substring(end));
                    }
                    bytes = text.getBytes(StandardCharsets.UTF_8);
                    break;
                }
                case 6:
                    bytes = splice(bytes, at, Math.min(bytes.length, at + random.nextInt(40)), new byte[0]);
                    break;
                case 7: {
                    // repeat a short span many times: long sums, long lists, many aliases
                    int end = Math.min(bytes.length, at + 1 + random.nextInt(8));
                    byte[] span = Arrays.copyOfRange(bytes, Math.min(at, end), end);
                    int times = 1 + random.nextInt(20_000);
                    bytes = splice(bytes, end, end, repeat(span, Math.min(times, 200_000 / Math.max(1, span.length))));
                    break;
                }
                default: {
                    // nest a span deeply in brackets or parentheses
                    int end = Math.min(bytes.length, at + random.nextInt(10));
                    String[] pair = random.nextBoolean() ? new String[] {"(", ")"} : new String[] {"[", "]"};
                    int depth = 1 + random.nextInt(random.nextBoolean() ? 50 : 20_000);
                    bytes = splice(splice(bytes, end, end, repeat(pair[1].getBytes(StandardCharsets.UTF_8), depth)),
                            at, at, repeat(pair[0].getBytes(StandardCharsets.UTF_8), depth));
                    break;
                }
            }
        }
        return bytes;
    }

    /** Mutations of a safetensors file: its JSON header as text, or any byte, or its length. */
    static byte[] mutateSafetensors(byte[] original, Random random) {
        int headerLength = (int) ByteBuffer.wrap(original, 0, 8).order(ByteOrder.LITTLE_ENDIAN)
                .getLong();
        switch (random.nextInt(4)) {
            case 0: {
                byte[] header = mutate(Arrays.copyOfRange(original, 8, 8 + headerLength), random);
                byte[] data = Arrays.copyOfRange(original, 8 + headerLength, original.length);
                byte[] length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
                        .putLong(random.nextInt(8) == 0 ? random.nextLong() : header.length).array();
                return concat(concat(length, header), data);
            }
            case 1: {
                byte[] bytes = original.clone();
                for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                    bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                }
                return bytes;
            }
            case 2:
                return Arrays.copyOf(original, random.nextInt(original.length));
            default: {
                // replace a number of the header (a shape or an offset) with a hostile one
                String header = new String(original, 8, headerLength, StandardCharsets.UTF_8);
                Matcher numbers = Pattern.compile("\\d+").matcher(header);
                List<int[]> spans = new ArrayList<>();
                while (numbers.find()) {
                    spans.add(new int[] {numbers.start(), numbers.end()});
                }
                int[] span = spans.get(random.nextInt(spans.size()));
                String replacement = List.of("0", "-1", "2147483647", "4294967296", "9223372036854775807",
                        "99999999999999999999", "1e9", "1.5").get(random.nextInt(8));
                byte[] mutated = (header.substring(0, span[0]) + replacement + header.substring(span[1]))
                        .getBytes(StandardCharsets.UTF_8);
                byte[] length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
                        .putLong(mutated.length).array();
                return concat(concat(length, mutated),
                        Arrays.copyOfRange(original, 8 + headerLength, original.length));
            }
        }
    }

    record Result(int status, String err, Throwable thrown, double seconds, long allocated, boolean hung) {
    }

    /**
     * Runs the command line on a thread with the launcher's default stack size (1 MiB, so a stack
     * overflow here is one on the command line too), waiting at most the case bound.
     */
    private static Result runBounded(String[] args) throws InterruptedException {
        AtomicReference<Result> result = new AtomicReference<>();
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        Thread thread = new Thread(null, () -> {
            long before = threads.getCurrentThreadAllocatedBytes();
            StringWriter err = new StringWriter();
            int status = -1;
            Throwable thrown = null;
            try {
                status = Main.execute(args, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
            } catch (Throwable t) {
                thrown = t;
            }
            result.set(new Result(status, err.toString(), thrown, (System.nanoTime() - start) / 1e9,
                    threads.getCurrentThreadAllocatedBytes() - before, false));
        }, "fuzz-case", 1 << 20);
        thread.setDaemon(true);
        thread.start();
        thread.join((long) (CASE_SECONDS * 1000));
        if (thread.isAlive()) {
            thread.interrupt();
            return new Result(-1, "", null, (System.nanoTime() - start) / 1e9, 0, true);
        }
        return result.get();
    }

    private static Outcome judge(Result result) {
        if (result.hung() || result.thrown() != null || result.seconds() > CASE_SECONDS
                || result.allocated() > CASE_ALLOCATED_BYTES) {
            return Outcome.FAILED;
        }
        String err = result.err().strip();
        if (result.status() == 0 || result.status() == 1) {
            return err.isEmpty() ? Outcome.ACCEPTED : Outcome.FAILED;
        }
        return result.status() == Main.BAD_INPUT && err.lines().count() == 1 && POSITIONED.matcher(err).matches()
                ? Outcome.REFUSED : Outcome.FAILED;
    }

    /** Keeps a failing case under target/fuzz-failures and describes it. */
    private static String keep(Kind kind, int index, Path caseDir, String[] args, Result result) throws IOException {
        Path kept = Files.createDirectories(Path.of("target", "fuzz-failures", kind + "-" + index));
        try (var files = Files.list(caseDir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(file)) {
                    Files.copy(file, kept.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        ByteArrayOutputStream trace = new ByteArrayOutputStream();
        if (result.thrown() != null) {
            result.thrown().printStackTrace(new PrintStream(trace, true, StandardCharsets.UTF_8));
        }
        String description = kind + " case " + index + " (" + String.join(" ", args) + "): status " + result.status()
                + String.format(", %.1f s, %d MB allocated", result.seconds(), result.allocated() >> 20)
                + (result.hung() ? ", still running" : "") + ", stderr: " + result.err().strip()
                + (result.thrown() == null ? "" : ", thrown: " + result.thrown());
        Files.writeString(kept.resolve("failure.txt"), description + "\n" + trace);
        return description.length() > 2000 ? description.substring(0, 2000) + "..." : description;
    }

    private static void deleteTree(Path root, int index) throws IOException {
        for (Kind kind : Kind.values()) {
            Path caseDir = root.resolve(kind + "-" + index);
            if (Files.exists(caseDir)) {
                try (var walk = Files.walk(caseDir)) {
                    walk.sorted(Comparator.reverseOrder()).forEach(path -> {
                        try {
                            Files.delete(path);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
                }
            }
        }
    }

    private static byte[] splice(byte[] bytes, int from, int to, byte[] insert) {
        byte[] out = new byte[bytes.length - (to - from) + insert.length];
        System.arraycopy(bytes, 0, out, 0, from);
        System.arraycopy(insert, 0, out, from, insert.length);
        System.arraycopy(bytes, to, out, from + insert.length, bytes.length - to);
        return out;
    }

    private static byte[] repeat(byte[] span, int times) {
        byte[] out = new byte[span.length * times];
        for (int i = 0; i < times; i++) {
            System.arraycopy(span, 0, out, i * span.length, span.length);
        }
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
