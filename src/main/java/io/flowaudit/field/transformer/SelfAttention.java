package io.flowaudit.field.transformer;

import io.flowaudit.field.DepthQuadratic;
import io.flowaudit.field.WeightMatrix;
import io.flowaudit.field.Certificate;
import io.flowaudit.field.Domain;
import io.flowaudit.field.Outward;
import io.flowaudit.field.Region;
import io.flowaudit.num.Scalars;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.apache.commons.math3.RealFieldElement;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.util.MathArrays;

/**
 * Multi-head self-attention as a vector field, {@code F(t, X)_i = W_O [y_i^1; ...; y_i^H]} with
 * {@code y_i^h = sum_j P^h_ij V_h x_j} and {@code P^h} the {@link Normalization} of the scores
 * {@code s_ij = score(Q_h x_i, K_h x_j)} over the keys token i may see ({@link AttentionVariant}). A
 * single head has {@code W_O = I}, so {@code F_i = sum_j P_ij V x_j}. Weights may vary with depth
 * ({@link WeightMatrix}); the attention families of the catalogue use constant ones.
 *
 * <p>Writing {@code W_O^h} for the columns of {@code W_O} that read head h, the field is the sum of
 * heads {@code F_i = sum_h sum_j P^h_ij U_h x_j} with value paths {@code U_h = W_O^h V_h}. Per head the
 * {@link Normalization attention lemma} bounds the Jacobian on the token ball {@code max_i |x_i| <= R}:
 * <pre>
 *   J_h <= ||U_h|| (sqrt(mass·n) + R · scoreSensitivity(n, alpha_h, beta_h)),
 * </pre>
 * and the certificate is
 * <ul>
 * <li>{@code K = sum_h J_h} (the ball is convex, so the Jacobian bound is a Lipschitz bound);
 * {@code mu = K};</li>
 * <li>{@code M = sqrt(n) · mass · sum_h ||U_h|| R}: each {@code y_i^h} is a combination of the
 * {@code U_h x_j} with weights summing to at most {@code mass} (1 for softmax: a convex combination);</li>
 * <li>{@code K_t = sqrt(n) sum_h (||U_h|| R · timeSensitivity(n, tau_h) + mass ||U_h'|| R)}.</li>
 * </ul>
 * All norms are suprema over {@code [0, T]}. The token growth is {@code |F_i| <= mass · sum_h ||U_h|| ·
 * max_j |x_j|}, so {@link #regionFor} is {@code R = e^{mass sum_h ||U_h|| T} r0}.
 *
 * <p><b>Projection biases.</b> Checkpoints such as BERT add biases to the four projections and scale the
 * scores by a number they store ({@code 1 / fl32(sqrt d_k)}), softmax over every token:
 * {@code q_i = Q x_i + b_q}, likewise k and v, and {@code F_i = W_O [y_i] + b_o}, with constant weights.
 * Used by the layer maps of imported checkpoints ({@link PostLnLayer}). Its certificate, s the stored scale and
 * {@code A_h = Q_h^T K_h}: {@code s_ij = s (x_i^T A_h x_j + x_i^T Q_h^T b_k + b_q^T K_h x_j + b_q·b_k)}. The
 * terms without j shift a softmax row and change no weight, so through x_i the sensitivity is still
 * {@code alpha = s ||A_h|| R} (the lemma uses only the spread over j); through x_j it is {@code s (A_h^T x_i +
 * K_h^T b_q)}, so {@code beta = s (||A_h|| R + ||K_h|| |b_q,h|)}. Rows sum to 1, so the value biases add the
 * constant {@code W_O b_v + b_o} to F, which leaves K unchanged and adds at most {@code ||W_O|| |b_v| + |b_o|}
 * to each token's bound; {@code K_t = 0}.
 */
public final class SelfAttention extends TransformerField {

    private final AttentionVariant variant;
    private final int heads;
    private final int keyWidth;
    private final int valueWidth;
    private final WeightMatrix queries;
    private final WeightMatrix keys;
    private final WeightMatrix values;
    private final WeightMatrix output;
    /** The biases and stored score scale of the class comment; null for the families' attention. */
    private final Biases biases;

    /** {@code b_q, b_k, b_v, b_o} as one-column weights, and the score scale a checkpoint stores. */
    private record Biases(WeightMatrix query, WeightMatrix key, WeightMatrix value, WeightMatrix output,
                          double scoreScale) {
    }

    private SelfAttention(int tokens, int width, AttentionVariant variant, int heads, WeightMatrix queries,
            WeightMatrix keys, WeightMatrix values, WeightMatrix output, Biases biases, Domain domain) {
        super(tokens, width, domain);
        this.variant = variant;
        this.heads = heads;
        this.keyWidth = queries.rows() / heads;
        this.valueWidth = values.rows() / heads;
        this.queries = queries;
        this.keys = keys;
        this.values = values;
        this.output = output;
        this.biases = biases;
    }

    /** Softmax attention, no mask, for {@link Domain#UNIT}; see the other factory. */
    public static SelfAttention fromWeights(int tokens, int width, int heads, Map<String, double[][]> weights) {
        return fromWeights(AttentionVariant.softmax(), tokens, width, heads, weights);
    }

    /**
     * Attention from plain matrices, for {@link Domain#UNIT}: {@code wq}, {@code wk} of shape
     * {@code (heads·d_k) x width}, {@code wv} of shape {@code (heads·d_v) x width} (heads stacked by
     * rows, as in PyTorch's {@code in_proj_weight}), and {@code wo} of shape {@code width x (heads·d_v)},
     * optional for one head with {@code d_v = width} (then {@code W_O = I}). Each may come with a
     * {@code .slope} of the same shape for depth-varying weights.
     *
     * @throws IllegalArgumentException naming the role and the expected shape when a weight is missing,
     *                                  misshapen or unknown
     */
    public static SelfAttention fromWeights(AttentionVariant variant, int tokens, int width, int heads,
            Map<String, double[][]> weights) {
        WeightReader reader = new WeightReader(variant.family(heads), weights, Map.of());
        SelfAttention attention = read(reader, variant, tokens, width, heads);
        reader.requireAllRead();
        return attention;
    }

    /** Reads {@code wq, wk, wv, wo} (see {@link #fromWeights}); shared with the transformer block. */
    static SelfAttention read(WeightReader reader, AttentionVariant variant, int tokens, int width, int heads) {
        if (heads < 1) {
            throw new IllegalArgumentException("attention needs at least one head, got " + heads);
        }
        int keyRows = reader.rowsOf("wq");
        int valueRows = reader.rowsOf("wv");
        if (keyRows % heads != 0 || valueRows % heads != 0) {
            throw new IllegalArgumentException("wq has " + keyRows + " rows and wv has " + valueRows
                    + ": both must be multiples of the " + heads + " heads");
        }
        String stacked = "heads·head width x width";
        WeightMatrix queries = reader.matrix("wq", keyRows, width, stacked);
        WeightMatrix keys = reader.matrix("wk", keyRows, width, stacked);
        WeightMatrix values = reader.matrix("wv", valueRows, width, stacked);
        String outputShape = "width x heads·value width";
        WeightMatrix output = heads == 1 && valueRows == width
                ? reader.matrixOr("wo", width, valueRows, outputShape, WeightMatrix.identity(width))
                : reader.matrix("wo", width, valueRows, outputShape);
        return new SelfAttention(tokens, width, variant, heads, queries, keys, values, output, null, Domain.UNIT);
    }

    /**
     * Softmax attention over every token with projection biases and a stored score scale (class comment):
     * {@code wq, wk, wv, wo} as {@link #read} reads them and vectors {@code bq, bk} (heads·head width),
     * {@code bv} (heads·value width) and {@code bo} (width), each zero when absent.
     */
    static SelfAttention readWithBiases(WeightReader reader, int tokens, int width, int heads, double scoreScale) {
        if (!(scoreScale > 0) || !Double.isFinite(scoreScale)) {
            throw new IllegalArgumentException("the score scale must be positive and finite, got " + scoreScale);
        }
        SelfAttention unbiased = read(reader, AttentionVariant.softmax(), tokens, width, heads);
        if (!unbiased.isAutonomous()) {
            // the certificate of the class comment covers constant weights only
            throw new IllegalArgumentException("attention with projection biases has fixed weights (no .slope)");
        }
        Biases biases = new Biases(reader.vectorOrZero("bq", unbiased.queries.rows()),
                reader.vectorOrZero("bk", unbiased.keys.rows()), reader.vectorOrZero("bv", unbiased.values.rows()),
                reader.vectorOrZero("bo", width), scoreScale);
        return new SelfAttention(tokens, width, unbiased.variant, heads, unbiased.queries, unbiased.keys,
                unbiased.values, unbiased.output, biases, Domain.UNIT);
    }

    @Override
    public SelfAttention certifiedFor(Domain domain) {
        return new SelfAttention(tokens(), width(), variant, heads, queries, keys, values, output, biases, domain);
    }

    @Override
    public SelfAttention withTokens(int tokens) {
        return new SelfAttention(tokens, width(), variant, heads, queries, keys, values, output, biases, domain());
    }

    public AttentionVariant variant() {
        return variant;
    }

    public int heads() {
        return heads;
    }

    @Override
    public String family() {
        return variant.family(heads);
    }

    @Override
    public boolean isAutonomous() {
        return queries.isConstant() && keys.isConstant() && values.isConstant() && output.isConstant();
    }

    @Override
    public boolean hasCausalMask() {
        return variant.causal();
    }

    /** Keys token i may attend to: all n, or {@code 0..i} under the causal mask. */
    private int visibleKeys(int token) {
        return variant.causal() ? token + 1 : tokens();
    }

    /**
     * {@code b + W v} for each of the n vectors of {@code flat}, or {@code W v} without biases: the one layer of
     * every field ({@link WeightMatrix#applyToEach}, the sum started at the bias).
     */
    private static <T extends RealFieldElement<T>> T[] project(WeightMatrix weight, WeightMatrix bias, T t, T[] flat,
            int n) {
        return weight.applyToEach(t, flat, n, bias);
    }

    /** The same in double, into {@code out}. */
    private static void project(WeightMatrix weight, WeightMatrix bias, double t, double[] flat, int n, double[] out) {
        weight.applyToEach(t, flat, n, bias, out);
    }

    private static double[] project(WeightMatrix weight, WeightMatrix bias, double t, double[] flat, int n) {
        double[] out = new double[n * weight.rows()];
        project(weight, bias, t, flat, n, out);
        return out;
    }

    /** The score scale: the stored one, else {@code 1/sqrt(d_k)} in the working precision. */
    private <T extends RealFieldElement<T>> T scale(T t) {
        return biases != null ? Scalars.constant(t, biases.scoreScale())
                : t.getField().getOne().multiply(keyWidth).sqrt().reciprocal();
    }

    private double scale() {
        return biases != null ? biases.scoreScale() : 1 / Math.sqrt(keyWidth);
    }

    private WeightMatrix bias(Function<Biases, WeightMatrix> role) {
        return biases == null ? null : role.apply(biases);
    }

    @Override
    public <T extends RealFieldElement<T>> T[] evaluate(T t, T[] x) {
        int n = tokens();
        T[] q = project(queries, bias(Biases::query), t, x, n);
        T[] k = project(keys, bias(Biases::key), t, x, n);
        T[] v = project(values, bias(Biases::value), t, x, n);
        T scale = scale(t);
        int mixedWidth = heads * valueWidth;
        T[] mixed = MathArrays.buildArray(t.getField(), n * mixedWidth);
        for (int h = 0; h < heads; h++) {
            T[][] weights = headWeights(h, q, k, scale);
            for (int i = 0; i < n; i++) {
                for (int c = h * valueWidth; c < (h + 1) * valueWidth; c++) {
                    T sum = weights[i][0].multiply(v[c]);
                    for (int j = 1; j < weights[i].length; j++) {
                        sum = sum.add(weights[i][j].multiply(v[j * mixedWidth + c]));
                    }
                    mixed[i * mixedWidth + c] = sum;
                }
            }
        }
        return project(output, bias(Biases::output), t, mixed, n);
    }

    /** The double fast path: the same operations on primitive arrays, projections computed once. */
    @Override
    public void evaluate(double t, double[] x, double[] out) {
        int n = tokens();
        double[] q = project(queries, bias(Biases::query), t, x, n);
        double[] k = project(keys, bias(Biases::key), t, x, n);
        double[] v = project(values, bias(Biases::value), t, x, n);
        int mixedWidth = heads * valueWidth;
        double[] mixed = new double[n * mixedWidth];
        for (int h = 0; h < heads; h++) {
            double[][] weights = headWeights(h, q, k);
            for (int i = 0; i < n; i++) {
                double[] row = weights[i];
                for (int c = h * valueWidth; c < (h + 1) * valueWidth; c++) {
                    double sum = row[0] * v[c];
                    for (int j = 1; j < row.length; j++) {
                        sum += row[j] * v[j * mixedWidth + c];
                    }
                    mixed[i * mixedWidth + c] = sum;
                }
            }
        }
        project(output, bias(Biases::output), t, mixed, n, out);
    }

    /**
     * The attention weights {@code P^h_ij} at {@code (t, x)}, indexed {@code [head][i][j]}; row i has
     * one entry per visible key.
     */
    public double[][][] attentionWeights(double t, double[] x) {
        double[] q = project(queries, bias(Biases::query), t, x, tokens());
        double[] k = project(keys, bias(Biases::key), t, x, tokens());
        double[][][] weights = new double[heads][][];
        for (int h = 0; h < heads; h++) {
            weights[h] = headWeights(h, q, k);
        }
        return weights;
    }

    /** {@link #attentionWeights(double, double[])} in any number system, one {@code P_ij} per head. */
    public <T extends RealFieldElement<T>> List<T[][]> attentionWeights(T t, T[] x) {
        T[] q = project(queries, bias(Biases::query), t, x, tokens());
        T[] k = project(keys, bias(Biases::key), t, x, tokens());
        T scale = scale(t);
        List<T[][]> weights = new ArrayList<>(heads);
        for (int h = 0; h < heads; h++) {
            weights.add(headWeights(h, q, k, scale));
        }
        return weights;
    }

    /** Head h's weights {@code P_ij} from the projected queries and keys of every token. */
    private <T extends RealFieldElement<T>> T[][] headWeights(int head, T[] q, T[] k, T scale) {
        T[][] weights = MathArrays.buildArray(scale.getField(), tokens(), -1);
        for (int i = 0; i < tokens(); i++) {
            weights[i] = MathArrays.buildArray(scale.getField(), visibleKeys(i));
            for (int j = 0; j < weights[i].length; j++) {
                weights[i][j] = variant.score().of(q, (i * heads + head) * keyWidth, k,
                        (j * heads + head) * keyWidth, keyWidth, scale);
            }
        }
        variant.normalization().normalize(weights);
        return weights;
    }

    private double[][] headWeights(int head, double[] q, double[] k) {
        double scale = scale();
        Score score = variant.score();
        int n = tokens();
        int tokenStride = heads * keyWidth;
        double[][] weights = new double[n][];
        for (int i = 0; i < n; i++) {
            double[] row = new double[visibleKeys(i)];
            score.row(q, i * tokenStride + head * keyWidth, k, head * keyWidth, tokenStride, keyWidth, scale, row);
            weights[i] = row;
        }
        variant.normalization().normalize(weights);
        return weights;
    }

    /**
     * A head of the field as the mean-field view reads it (docs/theory.md, "Mean-field attention"): with
     * {@code A = K_h^T Q_h / sqrt(d_k)} the dot-product score of query token x and key token y is
     * {@code <A x, y>}, and {@code U = W_O^h V_h} is the head's value path, so {@code F_i = sum_h sum_j P^h_ij U_h x_j}.
     */
    public record HeadMatrices(double[][] queryKey, double[][] valuePath) {
    }

    /** Every head's {@link HeadMatrices} at depth t. */
    public List<HeadMatrices> headMatrices(double t) {
        List<HeadMatrices> matrices = new ArrayList<>(heads);
        for (int h = 0; h < heads; h++) {
            RealMatrix query = MatrixUtils.createRealMatrix(queries.rowBlock(h * keyWidth, keyWidth).at(t));
            RealMatrix key = MatrixUtils.createRealMatrix(keys.rowBlock(h * keyWidth, keyWidth).at(t));
            RealMatrix value = MatrixUtils.createRealMatrix(values.rowBlock(h * valueWidth, valueWidth).at(t));
            RealMatrix out = MatrixUtils.createRealMatrix(output.columnBlock(h * valueWidth, valueWidth).at(t));
            matrices.add(new HeadMatrices(key.transpose().multiply(query).scalarMultiply(1 / Math.sqrt(keyWidth)).getData(),
                    out.multiply(value).getData()));
        }
        return matrices;
    }

    /**
     * The field's Lipschitz constant on the region certified for {@link #domain()} from the mean-field reading
     * of the attention lemma (docs/theory.md, "Wasserstein stability"; {@link Normalization#meanFieldFactor}):
     * softmax and Sinkhorn with every column sum of P bounded without n, so the constant stops growing with the
     * token count (under a causal mask, slowly: the harmonic number H_n); unnormalized sigmoid, n times the
     * constant of the paper's sigmoid field with value matrix n U. Not derived for projection biases (their
     * score spread has terms in the biases that {@link Score#spread} leaves out).
     */
    public double meanFieldLipschitz() {
        if (biases != null) {
            throw new IllegalStateException("the mean-field constant is not derived for attention with projection biases");
        }
        HorizonBounds bounds = boundsFor(domain().horizon());
        return bounds.meanFieldLipschitz(bounds.growth().radiusAfter(domain().initialRadius(), domain().horizon()));
    }

    /** The certified constants for one horizon, with each head's norms computed once. */
    @Override
    protected HorizonBounds boundsFor(double horizon) {
        if (biases != null) {
            return checkpointBounds();
        }
        List<HeadNorms> norms = new ArrayList<>(heads);
        for (int h = 0; h < heads; h++) {
            WeightMatrix query = queries.rowBlock(h * keyWidth, keyWidth);
            WeightMatrix key = keys.rowBlock(h * keyWidth, keyWidth);
            DepthQuadratic queryKey = WeightMatrix.product(query.transpose(), key);
            DepthQuadratic valuePath = WeightMatrix.product(output.columnBlock(h * valueWidth, valueWidth),
                    values.rowBlock(h * valueWidth, valueWidth));
            double keyNorm = key.supNorm(horizon);
            double keyFromQueryBias = biases == null ? 0 : Outward.product(biases.scoreScale(), keyNorm,
                    biases.query().rowBlock(h * keyWidth, keyWidth).supNorm(horizon));
            norms.add(new HeadNorms(keyWidth, query.supNorm(horizon), keyNorm, scaled(queryKey.supNorm(horizon)),
                    valuePath.supNorm(horizon), query.slopeNorm(), key.slopeNorm(),
                    scaled(queryKey.supSlopeNorm(horizon)), valuePath.supSlopeNorm(horizon), keyFromQueryBias));
        }
        double offset = biases == null ? 0 : Outward.sum(Outward.product(output.supNorm(horizon),
                biases.value().supNorm(horizon)), biases.output().supNorm(horizon));
        return new HorizonBounds(norms, offset);
    }

    /**
     * The bounds for a checkpoint's attention (constant weights with biases), its norms from the heads' factors
     * by {@link TracePowerNorms}: {@code ||Q_h^T K_h||} and {@code ||W_O^h V_h||} through head-width Gram
     * matrices, where a dense SVD of the width x width products would take seconds each; and the constant the
     * value and output biases add, {@code |W_O b_v + b_o|}, computed as a vector rather than bounded through
     * {@code ||W_O||}.
     */
    private HorizonBounds checkpointBounds() {
        List<HeadNorms> norms = new ArrayList<>(heads);
        for (int h = 0; h < heads; h++) {
            double[][] query = queries.rowBlock(h * keyWidth, keyWidth).at(0);
            double[][] key = keys.rowBlock(h * keyWidth, keyWidth).at(0);
            double[][] value = values.rowBlock(h * valueWidth, valueWidth).at(0);
            double[][] out = output.columnBlock(h * valueWidth, valueWidth).at(0);
            double keyNorm = TracePowerNorms.norm(key);
            double keyFromQueryBias = Outward.product(biases.scoreScale(), keyNorm,
                    biases.query().rowBlock(h * keyWidth, keyWidth).supNorm(0));
            norms.add(new HeadNorms(keyWidth, TracePowerNorms.norm(query), keyNorm,
                    Outward.product(TracePowerNorms.productNorm(TracePowerNorms.transpose(query), key), biases.scoreScale()),
                    TracePowerNorms.productNorm(out, value), 0, 0, 0, 0, keyFromQueryBias));
        }
        return new HorizonBounds(norms, biasOffset());
    }

    /**
     * An upper bound of {@code |W_O b_v + b_o|}: each entry computed in double is within {@code gamma_{k+1}} of
     * the sum of the absolute values of its terms (k = heads·value width).
     */
    private double biasOffset() {
        double[][] wo = output.at(0);
        double[][] bv = biases.value().at(0);
        double[][] bo = biases.output().at(0);
        double[] offset = new double[wo.length];
        double[] rounding = new double[wo.length];
        double gamma = Outward.gamma(wo[0].length + 1);
        for (int r = 0; r < wo.length; r++) {
            double sum = bo[r][0];
            double magnitude = Math.abs(bo[r][0]);
            for (int c = 0; c < wo[r].length; c++) {
                sum += wo[r][c] * bv[c][0];
                magnitude += Math.abs(wo[r][c] * bv[c][0]);
            }
            offset[r] = sum;
            rounding[r] = Outward.product(gamma, Outward.up(magnitude));
        }
        return Outward.sum(Outward.norm(offset), Outward.norm(rounding));
    }

    /** A norm of the score's bilinear form times the score scale, rounded up. */
    private double scaled(double norm) {
        return biases == null ? Outward.quotient(norm, Outward.sqrtBelow(keyWidth))
                : Outward.product(norm, biases.scoreScale());
    }

    /** The bounds of the class comment as functions of the radius. */
    final class HorizonBounds implements TransformerField.HorizonBounds {

        private final List<HeadNorms> norms;
        /** A bound of the constant the value and output biases add to every token (class comment). */
        private final double offset;

        private HorizonBounds(List<HeadNorms> norms, double offset) {
            this.norms = norms;
            this.offset = offset;
        }

        double lipschitz(double radius) {
            double sum = 0;
            for (HeadNorms head : norms) {
                sum = Outward.sum(sum, Outward.product(head.value(), lemmaFactor(head, radius)));
            }
            return sum;
        }

        /** The attention lemma's factor of a head with n tokens: {@code sqrt(mass·n) + R · scoreSensitivity}. */
        private double lemmaFactor(HeadNorms head, double radius) {
            int n = tokens();
            Normalization normalization = variant.normalization();
            double weightTerm = normalization.scoreSensitivity(n, variant.score().querySensitivity(head, radius),
                    variant.score().keySensitivity(head, radius));
            return Outward.sum(Outward.sqrt(Outward.product(normalization.mass(n), n)), Outward.product(radius, weightTerm));
        }

        /**
         * The sum over heads of {@code ||U_h||} times the normalization's {@link Normalization#meanFieldFactor}, or
         * the head's factor in K where that is smaller (few tokens; both bound the head's Jacobian).
         */
        double meanFieldLipschitz(double radius) {
            Score score = variant.score();
            double sum = 0;
            for (HeadNorms head : norms) {
                Normalization.ScoreBounds scores = new Normalization.ScoreBounds(score.querySensitivity(head, radius),
                        score.keySensitivity(head, radius), score.spread(head, radius), score.magnitude(head, radius));
                double factor = Math.min(lemmaFactor(head, radius),
                        variant.normalization().meanFieldFactor(tokens(), variant.causal(), scores, radius));
                sum = Outward.sum(sum, Outward.product(head.value(), factor));
            }
            return sum;
        }

        double timeLipschitz(double radius) {
            int n = tokens();
            Normalization normalization = variant.normalization();
            double sum = 0;
            for (HeadNorms head : norms) {
                double weightTerm = normalization.timeSensitivity(n, variant.score().timeSensitivity(head, radius));
                sum = Outward.sum(sum, Outward.product(head.value(), radius, weightTerm),
                        Outward.product(normalization.mass(n), head.valueRate(), radius));
            }
            return Outward.product(Outward.sqrt(n), sum);
        }

        @Override
        public TokenGrowth growth() {
            double sum = 0;
            for (HeadNorms head : norms) {
                sum = Outward.sum(sum, head.value());
            }
            return new TokenGrowth(offset, Outward.product(variant.normalization().mass(tokens()), sum));
        }

        @Override
        public Certificate certificateOn(double radius) {
            double lipschitz = lipschitz(radius);
            return certified(lipschitz, lipschitz, growth().tokenBound(radius), timeLipschitz(radius),
                    Region.tokenBall(radius, width()));
        }
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> parameters = shapeParameters();
        parameters.put("heads", heads);
        parameters.put("score", variant.score().name().toLowerCase(Locale.ROOT));
        parameters.put("normalization", variant.normalization().name());
        parameters.putAll(variant.normalization().parameters());
        parameters.put("causal", variant.causal());
        queries.putParameters(parameters, "wq");
        keys.putParameters(parameters, "wk");
        values.putParameters(parameters, "wv");
        output.putParameters(parameters, "wo");
        if (biases != null) {
            biases.query().putParameters(parameters, "bq");
            biases.key().putParameters(parameters, "bk");
            biases.value().putParameters(parameters, "bv");
            biases.output().putParameters(parameters, "bo");
            parameters.put("score-scale", biases.scoreScale());
        }
        putDomainParameters(parameters);
        return parameters;
    }
}
