package io.flowaudit.gen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Weight matrices and vectors of the token fields, drawn by role ({@code wq}, {@code w1}, ...). */
final class WeightRoles {

    private WeightRoles() {
    }

    /** Weights keyed by role, drawn jointly. */
    static <T> Arbitrary<Map<String, T>> byRole(Map<String, Arbitrary<T>> roles) {
        List<String> names = new ArrayList<>(roles.keySet());
        List<Arbitrary<T>> arbitraries = new ArrayList<>(roles.values());
        if (names.isEmpty()) {
            return Arbitraries.just(Map.of());
        }
        return Combinators.combine(arbitraries).as(values -> {
            Map<String, T> map = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                map.put(names.get(i), values.get(i));
            }
            return map;
        });
    }

    /**
     * {@code wq, wk, wv} and, for several heads, {@code wo}; see {@link Fields}' class comment for the shapes. Behind a
     * LayerNorm (a block), the values read its output ({@link TokenSettings#layerNormReaders}).
     */
    static Map<String, Arbitrary<double[][]>> attentionRoles(TokenSettings common, int width, int heads, int headWidth,
            boolean behindLayerNorm) {
        int valueRows = heads == 1 ? width : heads * headWidth;
        int keyRows = heads == 1 ? headWidth : heads * headWidth;
        Map<String, Arbitrary<double[][]>> roles = new LinkedHashMap<>();
        roles.put("wq", common.matrices(keyRows, width));
        roles.put("wk", common.matrices(keyRows, width));
        roles.put("wv", behindLayerNorm ? common.layerNormReaders(valueRows, width)
                : common.updateMatrices(valueRows, width));
        if (heads > 1) {
            roles.put("wo", common.updateMatrices(width, valueRows));
        }
        return roles;
    }

    static Arbitrary<Map<String, double[][]>> attentionWeights(TokenSettings common, int width, int heads,
            int headWidth) {
        return byRole(attentionRoles(common, width, heads, headWidth, false));
    }

    /** {@code w1, w2}; behind a LayerNorm (a block), {@code w1} reads its output. */
    static Map<String, Arbitrary<double[][]>> feedForwardRoles(TokenSettings common, int width, int hidden,
            boolean depthVarying, boolean behindLayerNorm) {
        Map<String, Arbitrary<double[][]>> roles = new LinkedHashMap<>();
        roles.put("w1", behindLayerNorm ? common.layerNormReaders(hidden, width) : common.updateMatrices(hidden, width));
        roles.put("w2", common.updateMatrices(width, hidden));
        return depthVarying ? withSlopes(roles) : roles;
    }

    static Map<String, Arbitrary<double[]>> feedForwardBiases(TokenSettings common, int width, int hidden,
            boolean depthVarying) {
        Map<String, Arbitrary<double[]>> roles = new LinkedHashMap<>();
        roles.put("b1", common.vectors(hidden, 0));
        roles.put("b2", common.vectors(width, 0));
        return depthVarying ? withSlopes(roles) : roles;
    }

    /** Each role and a {@code .slope} drawn alike: {@code W(t) = W0 + t W1}. */
    static <T> Map<String, Arbitrary<T>> withSlopes(Map<String, Arbitrary<T>> roles) {
        Map<String, Arbitrary<T>> varying = new LinkedHashMap<>(roles);
        roles.forEach((role, arbitrary) -> varying.put(role + ".slope", arbitrary));
        return varying;
    }
}
