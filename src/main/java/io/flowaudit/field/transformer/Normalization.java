package io.flowaudit.field.transformer;

import io.flowaudit.field.Outward;
import io.flowaudit.num.Scalars;
import java.util.Map;
import org.apache.commons.math3.RealFieldElement;
import org.apache.commons.math3.util.FastMath;

/**
 * How one head turns scores into attention weights {@code P_ij >= 0}. Scores come as ragged rows: row i
 * holds the keys token i may attend to (all n, or {@code j <= i} under a causal mask), and is replaced
 * in place by the weights.
 *
 * <p><b>The attention lemma.</b> A head computes {@code y_i = sum_j P_ij U x_j}, U its value path. On the
 * token ball {@code max_i |x_i| <= R}, with the score sensitivities {@code alpha, beta, tau} of
 * {@link Score}:
 * <pre>
 *   dy_i = sum_j P_ij U dx_j  +  sum_j dP_ij U x_j.
 * </pre>
 * The first (value) term: by Cauchy-Schwarz {@code (sum_j P_ij |dx_j|)^2 <= (sum_j P_ij)(sum_j P_ij
 * |dx_j|^2)}, and every column sum is at most n (each {@code P_ij <= 1}), so over all tokens it is at
 * most {@code ||U|| sqrt(mass·n) |dX|} with {@code mass >= sum_j P_ij}. The second (weight) term is at
 * most {@code ||U|| R · scoreSensitivity · |dX|}, and its t-analogue {@code sum_j dP_ij/dt U x_j} is
 * per token at most {@code ||U|| R · timeSensitivity}; each normalization proves its own factors.
 */
sealed interface Normalization permits Normalization.Softmax, Normalization.Sinkhorn, Normalization.Sigmoid {

    static Normalization softmax() {
        return new Softmax();
    }

    static Normalization sinkhorn(int iterations) {
        return new Sinkhorn(iterations);
    }

    static Normalization sigmoid(double bias) {
        return new Sigmoid(bias);
    }

    /** Replaces each row of scores by its weights. */
    <T extends RealFieldElement<T>> void normalize(T[][] scores);

    /** The same in double: the same operations in the same order, so it agrees with {@code Decimal64}. */
    void normalize(double[][] scores);

    /** An upper bound of every row sum {@code sum_j P_ij} for n tokens. */
    double mass(int tokens);

    /** The weight term's factor in the attention lemma, from the score sensitivities. */
    double scoreSensitivity(int tokens, double querySensitivity, double keySensitivity);

    /** The t-derivative's factor in the attention lemma, from {@code tau >= |ds_ij/dt|}. */
    double timeSensitivity(int tokens, double scoreRate);

    /**
     * The mean-field factor of one head (docs/theory.md, "Wasserstein stability"): on the token ball of radius R
     * every Jacobian of the head is at most {@code ||U|| ·} this in the Euclidean norm over all tokens, by the
     * attention lemma with the column sums of P bounded without n where the normalization allows it. Softmax and
     * Sinkhorn: a bound that stops growing with n; sigmoid: n times the constant of the paper's sigmoid field
     * {@code int sigma(s) V y dmu(y)}, whose V is n U here. (A head's factor in K, the lemma with n, is a bound
     * too; {@link SelfAttention#meanFieldLipschitz} takes the smaller.)
     */
    double meanFieldFactor(int tokens, boolean causal, ScoreBounds scores, double radius);

    /**
     * What a head's scores do on the token ball: their sensitivities through the query and the key ({@link
     * Score}), the length of an interval holding every score and a bound of every |score|.
     */
    record ScoreBounds(double query, double key, double spread, double magnitude) {
    }

    /** The name in a field's parameters and family names: {@code softmax}, {@code sinkhorn} or {@code sigmoid}. */
    String name();

    /**
     * Whether every row of weights sums to 1 (softmax, Sinkhorn), so that a head's output is a convex combination
     * of values; unnormalized sigmoid weights sum to up to n.
     */
    default boolean rowStochastic() {
        return true;
    }

    /** Settings beyond the name, for {@code parameters()}. */
    Map<String, Object> parameters();

    /** The double twin of {@link Scalars#maximumAsShift}: the largest entry. */
    private static double maximum(double[] values) {
        double maximum = values[0];
        for (int j = 1; j < values.length; j++) {
            if (values[j] - maximum > 0) {
                maximum = values[j];
            }
        }
        return maximum;
    }

    /**
     * {@code P_ij = exp(s_ij) / sum_k exp(s_ik)}. With {@code E} the mean under {@code P_i},
     * {@code dP_ij = P_ij (ds_ij - E ds_i)}, so the weight term is {@code sum_j P_ij (ds_ij - E ds_i)(U x_j
     * - y_i)}, at most {@code std(ds_i)·sqrt(E |U x_j - y_i|^2) <= std(ds_i) ||U|| R} by Cauchy-Schwarz
     * under {@code P_i}. Writing {@code ds_ij = a_j + b_j} (through x_i and through x_j), {@code std(a + b)
     * <= std(a) + std(b) <= alpha |dx_i| + beta sqrt(sum_j P_ij |dx_j|^2)}; summed over tokens (Minkowski,
     * then the column sums at most n) the factor is {@code alpha + beta sqrt(n)}. In t: {@code std(ds_i/dt)
     * <= tau}. Rows sum to 1. Cf. Kim et al. (2021), "The Lipschitz constant of self-attention", and
     * Castin et al. (2024), "How smooth is attention?", for bounds of this shape (growing like R^2).
     */
    record Softmax() implements Normalization {

        @Override
        public String name() {
            return "softmax";
        }

        /**
         * Shifts each row by its maximum ({@link Scalars#maximumAsShift}, which says why a shift is exact,
         * on a Taylor tape too): the weights are unchanged and exp can neither overflow nor underflow to
         * 0/0 however large the scores. The double path below performs the same operations in the same
         * order with the functions {@code Decimal64} uses, so the two agree bit for bit. A number system with
         * its own softmax ({@link Scalars.OwnSoftmax}: intervals) computes each row its way.
         */
        @Override
        @SuppressWarnings("unchecked")
        public <T extends RealFieldElement<T>> void normalize(T[][] scores) {
            for (T[] row : scores) {
                if (row[0].getField() instanceof Scalars.OwnSoftmax<?> own) {
                    ((Scalars.OwnSoftmax<T>) own).softmax(row);
                    continue;
                }
                T shift = Scalars.maximumAsShift(row, 0, row.length);
                T sum = row[0].subtract(shift).exp();
                row[0] = sum;
                for (int j = 1; j < row.length; j++) {
                    row[j] = row[j].subtract(shift).exp();
                    sum = sum.add(row[j]);
                }
                for (int j = 0; j < row.length; j++) {
                    row[j] = row[j].divide(sum);
                }
            }
        }

        @Override
        public void normalize(double[][] scores) {
            for (double[] row : scores) {
                double shift = maximum(row);
                double sum = FastMath.exp(row[0] - shift);
                row[0] = sum;
                for (int j = 1; j < row.length; j++) {
                    row[j] = FastMath.exp(row[j] - shift);
                    sum += row[j];
                }
                for (int j = 0; j < row.length; j++) {
                    row[j] /= sum;
                }
            }
        }

        @Override
        public double mass(int tokens) {
            return 1;
        }

        @Override
        public double scoreSensitivity(int tokens, double querySensitivity, double keySensitivity) {
            return Outward.sum(querySensitivity, Outward.product(keySensitivity, Outward.sqrt(tokens)));
        }

        @Override
        public double timeSensitivity(int tokens, double scoreRate) {
            return scoreRate;
        }

        /**
         * {@code sqrt(c) + R (alpha + beta sqrt(c))}: the lemma with the column-sum bound c = min(n, e^{w} H) in
         * place of n, H = 1 or, causal, the harmonic number H_n ({@code P_ij <= e^{w} / |S_i|}, S_i the keys row i
         * sees).
         */
        @Override
        public double meanFieldFactor(int tokens, boolean causal, ScoreBounds scores, double radius) {
            double rowsPerColumn = causal ? harmonicNumber(tokens) : 1;
            double root = Outward.sqrt(Math.min(tokens, Outward.product(Outward.exp(scores.spread()), rowsPerColumn)));
            return Outward.sum(root, Outward.product(radius, Outward.sum(scores.query(),
                    Outward.product(scores.key(), root))));
        }

        /** An upper bound of {@code 1 + 1/2 + ... + 1/n}. */
        private static double harmonicNumber(int n) {
            double sum = 0;
            for (int i = 1; i <= n; i++) {
                sum = Outward.sum(sum, Outward.quotient(1, i));
            }
            return sum;
        }

        @Override
        public Map<String, Object> parameters() {
            return Map.of();
        }
    }

    /**
     * Sinkhorn attention: from {@code exp(s)}, {@code iterations} rounds of normalizing every column
     * and then every row. The result is row-stochastic (so outputs are convex combinations) and tends
     * to a doubly stochastic matrix as the rounds grow. Column sums run over every token, so Sinkhorn
     * attention has no causal form ({@link AttentionVariant} rejects it).
     *
     * <p>Each normalization subtracts from {@code d log P} a weighted mean along a column or row, which
     * at most doubles {@code max |d log P|}; the last row normalization's mean is taken under the
     * final {@code P_i} itself, so {@code E_{P_i} (d log P_ij)^2 <= (2^{2m-1} max_kl |ds_kl|)^2} for m
     * rounds. Rows sum to 1 identically, so the weight term is {@code sum_j P_ij d log P_ij (U x_j -
     * y_i)} and by Cauchy-Schwarz at most {@code 2^{2m-1} max_kl |ds_kl| ||U|| R}, where {@code |ds_kl|
     * <= alpha |dx_k| + beta |dx_l| <= (alpha + beta)|dX|}; over n tokens the factor is {@code sqrt(n)
     * 2^{2m-1} (alpha + beta)}. In t: {@code 2^{2m-1} tau}.
     */
    record Sinkhorn(int iterations) implements Normalization {

        @Override
        public String name() {
            return "sinkhorn";
        }

        public Sinkhorn {
            if (iterations < 1) {
                throw new IllegalArgumentException("Sinkhorn attention needs at least 1 iteration, got "
                        + iterations);
            }
        }

        /**
         * In the log domain, where a normalization subtracts a log-sum-exp: the same weights as
         * normalizing {@code exp(s)}, but no column or row underflows to 0/0 (or overflows) when scores
         * spread over hundreds of units. The double path below is the same computation, bit for bit.
         */
        @Override
        public <T extends RealFieldElement<T>> void normalize(T[][] scores) {
            int n = scores.length;
            T[] line = scores[0].clone();
            for (int round = 0; round < iterations; round++) {
                for (int j = 0; j < n; j++) {
                    for (int i = 0; i < n; i++) {
                        line[i] = scores[i][j];
                    }
                    T logSum = logSumExp(line);
                    for (T[] row : scores) {
                        row[j] = row[j].subtract(logSum);
                    }
                }
                for (T[] row : scores) {
                    T logSum = logSumExp(row);
                    for (int j = 0; j < n; j++) {
                        row[j] = row[j].subtract(logSum);
                    }
                }
            }
            for (T[] row : scores) {
                for (int j = 0; j < n; j++) {
                    row[j] = row[j].exp();
                }
            }
        }

        @Override
        public void normalize(double[][] scores) {
            int n = scores.length;
            double[] line = new double[n];
            for (int round = 0; round < iterations; round++) {
                for (int j = 0; j < n; j++) {
                    for (int i = 0; i < n; i++) {
                        line[i] = scores[i][j];
                    }
                    double logSum = logSumExp(line);
                    for (double[] row : scores) {
                        row[j] -= logSum;
                    }
                }
                for (double[] row : scores) {
                    double logSum = logSumExp(row);
                    for (int j = 0; j < n; j++) {
                        row[j] -= logSum;
                    }
                }
            }
            for (double[] row : scores) {
                for (int j = 0; j < n; j++) {
                    row[j] = FastMath.exp(row[j]);
                }
            }
        }

        /** {@code c + log sum_j exp(v_j - c)} with c the maximum: {@code log sum_j exp(v_j)} for any c. */
        private static <T extends RealFieldElement<T>> T logSumExp(T[] values) {
            T shift = Scalars.maximumAsShift(values, 0, values.length);
            T sum = values[0].subtract(shift).exp();
            for (int j = 1; j < values.length; j++) {
                sum = sum.add(values[j].subtract(shift).exp());
            }
            return shift.add(sum.log());
        }

        private static double logSumExp(double[] values) {
            double shift = maximum(values);
            double sum = FastMath.exp(values[0] - shift);
            for (int j = 1; j < values.length; j++) {
                sum += FastMath.exp(values[j] - shift);
            }
            return shift + FastMath.log(sum);
        }

        @Override
        public double mass(int tokens) {
            return 1;
        }

        @Override
        public double scoreSensitivity(int tokens, double querySensitivity, double keySensitivity) {
            return Outward.product(Outward.sqrt(tokens), doublings(), Outward.sum(querySensitivity, keySensitivity));
        }

        @Override
        public double timeSensitivity(int tokens, double scoreRate) {
            return Outward.product(doublings(), scoreRate);
        }

        /** {@code 2^{2m-1}}: how much the 2m - 1 normalizations before the last can amplify. */
        private double doublings() {
            return Math.scalb(1.0, 2 * iterations - 1);
        }

        /**
         * The column-sum argument of docs/theory.md ("Sinkhorn attention"): with kappa = min(n, e^{2w}) bounding every
         * column sum of a row-stochastic and every row sum of a column-stochastic iterate, s = sqrt(kappa), the
         * potentials' differentials obey {@code |dg^1| <= b}, {@code |df^r| <= a + s |dg^r|}, {@code |dg^{r+1}| <=
         * b + s |df^r|} (per unit |dX|; a = alpha + beta s, b = alpha s + beta), and the factor is {@code s + R
         * (alpha + beta s + s |dg^m|)}.
         */
        @Override
        public double meanFieldFactor(int tokens, boolean causal, ScoreBounds scores, double radius) {
            double root = Outward.sqrt(Math.min(tokens, Outward.exp(Outward.product(2, scores.spread()))));
            double rowStep = Outward.sum(scores.query(), Outward.product(scores.key(), root));
            double columnStep = Outward.sum(Outward.product(scores.query(), root), scores.key());
            double column = columnStep;
            for (int round = 2; round <= iterations; round++) {
                double row = Outward.sum(rowStep, Outward.product(root, column));
                column = Outward.sum(columnStep, Outward.product(root, row));
            }
            return Outward.sum(root, Outward.product(radius, Outward.sum(rowStep, Outward.product(root, column))));
        }

        @Override
        public Map<String, Object> parameters() {
            return Map.of("iterations", iterations);
        }
    }

    /**
     * Sigmoid attention, unnormalized: {@code P_ij = sigma(s_ij + bias)}, computed as {@code (1 +
     * tanh((s + bias)/2)) / 2} (tanh has a Taylor recurrence, the logistic function shares it). Each
     * weight is below 1, so row sums are below n; {@code sigma' <= 1/4}, so the weight term is per
     * token at most {@code (1/4) sum_j (alpha |dx_i| + beta |dx_j|) ||U|| R <= (1/4)(n alpha |dx_i| +
     * sqrt(n) beta |dX|) ||U|| R}, over n tokens {@code (n/4)(alpha + beta)}. In t: {@code n tau / 4}.
     */
    record Sigmoid(double bias) implements Normalization {

        @Override
        public String name() {
            return "sigmoid";
        }

        @Override
        public boolean rowStochastic() {
            return false;
        }

        public Sigmoid {
            if (!Double.isFinite(bias)) {
                throw new IllegalArgumentException("sigmoid bias must be finite, got " + bias);
            }
        }

        @Override
        public <T extends RealFieldElement<T>> void normalize(T[][] scores) {
            for (T[] row : scores) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = row[j].add(bias).multiply(0.5).tanh().add(1).multiply(0.5);
                }
            }
        }

        @Override
        public void normalize(double[][] scores) {
            for (double[] row : scores) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = (FastMath.tanh((row[j] + bias) * 0.5) + 1) * 0.5;
                }
            }
        }

        @Override
        public double mass(int tokens) {
            return tokens;
        }

        @Override
        public double scoreSensitivity(int tokens, double querySensitivity, double keySensitivity) {
            return Outward.product(tokens, Outward.sum(querySensitivity, keySensitivity), 0.25);
        }

        @Override
        public double timeSensitivity(int tokens, double scoreRate) {
            return Outward.product(tokens, scoreRate, 0.25);
        }

        /**
         * {@code n (sigma_max + R sigma'_max (alpha + beta))}, sigma_max and sigma'_max the largest sigmoid and
         * slope over the scores' range {@code [bias - |s|, bias + |s|]}: per token the value term is at most
         * {@code ||U|| sigma_max sum_j |dx_j| <= ||U|| sigma_max sqrt(n) |dX|} and the weight term {@code ||U|| R
         * sigma'_max (n alpha |dx_i| + beta sqrt(n) |dX|)}; over the n tokens each gains sqrt(n). A causal mask
         * drops terms, so the same bound holds.
         */
        @Override
        public double meanFieldFactor(int tokens, boolean causal, ScoreBounds scores, double radius) {
            double highest = Outward.up(bias + scores.magnitude());
            double lowerExp = Math.max(0, Outward.down(StrictMath.exp(-highest)));
            double largestWeight = Outward.quotient(1, Outward.down(1 + lowerExp));
            return Outward.product(tokens, Outward.sum(largestWeight, Outward.product(radius, largestSlope(scores),
                    Outward.sum(scores.query(), scores.key()))));
        }

        /** {@code sigma' <= 1/4} everywhere and {@code sigma'(z) < e^{-|z|}}, used where the range avoids 0. */
        private double largestSlope(ScoreBounds scores) {
            double low = Outward.down(bias - scores.magnitude());
            double high = Outward.up(bias + scores.magnitude());
            if (low <= 0 && high >= 0) {
                return 0.25;
            }
            return Math.min(0.25, Outward.exp(-Math.min(Math.abs(low), Math.abs(high))));
        }

        @Override
        public Map<String, Object> parameters() {
            return Map.of("bias", bias);
        }
    }
}
