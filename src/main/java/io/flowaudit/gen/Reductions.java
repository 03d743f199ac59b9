package io.flowaudit.gen;

import io.flowaudit.field.CertifiedField;
import io.flowaudit.field.family.Activation;
import io.flowaudit.field.family.LinearField;
import io.flowaudit.field.family.MlpField;
import io.flowaudit.field.transformer.TransformerField;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Shrinking steps jqwik's own shrinkers cannot take: a generated field's dimension is drawn before its
 * weights, so shrinking the dimension draws new weights and loses the failure. A component no other
 * component reads (its column of the input weights is zero) can instead be dropped with everything
 * else kept: the remaining components follow exactly the same trajectories, projected. The reduced
 * field is certified on the original's region, which holds those projections.
 */
public final class Reductions {

    private Reductions() {
    }

    /**
     * The field without component {@code index}, when no component depends on it (linear and MLP
     * fields of dimension at least 2); empty otherwise.
     */
    public static Optional<CertifiedField> withoutInertComponent(CertifiedField field, int index) {
        if (field.dimension() < 2 || index < 0 || index >= field.dimension()) {
            return Optional.empty();
        }
        Map<String, Object> parameters = field.parameters();
        if (field instanceof LinearField) {
            double[][] a = matrix(parameters.get("A"));
            if (!zeroColumn(a, index)) {
                return Optional.empty();
            }
            return Optional.of(LinearField.of(withoutColumn(withoutRow(a, index), index),
                    without(vector(parameters.get("b")), index)).certifiedOn(field.certificate().region()));
        }
        if (field instanceof MlpField mlp) {
            double[][] w1 = matrix(parameters.get("W1"));
            if (!zeroColumn(w1, index)) {
                return Optional.empty();
            }
            Activation activation = mlp.activation();
            return Optional.of(MlpField.of(withoutColumn(w1, index), vector(parameters.get("b1")), activation,
                    withoutRow(matrix(parameters.get("W2")), index), without(vector(parameters.get("b2")), index))
                    .certifiedOn(field.certificate().region()));
        }
        return Optional.empty();
    }

    /**
     * The transformer field on one token fewer (same weights and domain, certified for that count), for
     * a state without one of its tokens; empty for other fields and for a single token. Unlike an inert
     * component, a token usually changes what the others see, so the smaller instance is kept only if
     * it still refutes the claim.
     */
    public static Optional<CertifiedField> withOneTokenFewer(CertifiedField field) {
        return field instanceof TransformerField transformer && transformer.tokens() >= 2
                ? Optional.of(transformer.withTokens(transformer.tokens() - 1)) : Optional.empty();
    }

    /** A state of tokens of the given width, without token {@code token}. */
    public static double[] withoutToken(double[] state, int token, int width) {
        double[] out = new double[state.length - width];
        System.arraycopy(state, 0, out, 0, token * width);
        System.arraycopy(state, (token + 1) * width, out, token * width, state.length - (token + 1) * width);
        return out;
    }

    /** {@code values} without entry {@code index}. */
    public static double[] without(double[] values, int index) {
        double[] out = new double[values.length - 1];
        for (int i = 0, j = 0; i < values.length; i++) {
            if (i != index) {
                out[j++] = values[i];
            }
        }
        return out;
    }

    private static boolean zeroColumn(double[][] matrix, int column) {
        for (double[] row : matrix) {
            if (row[column] != 0) {
                return false;
            }
        }
        return true;
    }

    private static double[][] withoutRow(double[][] matrix, int row) {
        double[][] out = new double[matrix.length - 1][];
        for (int i = 0, j = 0; i < matrix.length; i++) {
            if (i != row) {
                out[j++] = matrix[i];
            }
        }
        return out;
    }

    private static double[][] withoutColumn(double[][] matrix, int column) {
        double[][] out = new double[matrix.length][];
        for (int i = 0; i < matrix.length; i++) {
            out[i] = without(matrix[i], column);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static double[][] matrix(Object lists) {
        return ((List<List<Double>>) lists).stream().map(Reductions::vector).toArray(double[][]::new);
    }

    @SuppressWarnings("unchecked")
    private static double[] vector(Object list) {
        return ((List<Double>) list).stream().mapToDouble(Double::doubleValue).toArray();
    }
}
