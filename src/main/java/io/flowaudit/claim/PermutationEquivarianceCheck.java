package io.flowaudit.claim;

import io.flowaudit.claim.Evidence.Judgement;
import io.flowaudit.field.transformer.TransformerField;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Unmasked attention treats tokens as a set: {@code F(P X) = P F(X)} for the permutation P that
 * reverses the tokens. Tolerance: rounding of sums over tokens taken in another order, 64 ulps per component of
 * the field's bound of their terms at X ({@link TransformerField#tokenBoundAt}); a field that is 0 at X, or one
 * token, tests nothing (vacuous).
 */
final class PermutationEquivarianceCheck implements TheoremCheck {

    static final CheckKinds.Kind KIND = new CheckKinds.Kind("permutation-equivariance", List.of(), (numerics, values) -> new PermutationEquivarianceCheck(), CheckKinds.Uses.DOUBLE_ONLY);

    @Override
    public String theorem() {
        return "Structure (permutation equivariance of unmasked attention)";
    }

    @Override
    public String statement() {
        return "F(P X) = P F(X) for the permutation P reversing the order of the tokens.";
    }

    @Override
    public Evidence check(Instance instance) {
        TransformerField field = TokenStructure.require(instance.field(), "permutation equivariance");
        int n = field.tokens();
        int d = field.width();
        if (n == 1) {
            // reversing one token is the identity: F(X) would be compared with itself
            return Evidence.vacuous("one token: reversing it changes nothing");
        }
        double[] x = instance.initial();
        double[] fx = new double[x.length];
        field.evaluate(0, x, fx);
        double[] reversed = reverse(x, n, d);
        double[] fReversed = new double[x.length];
        field.evaluate(0, reversed, fReversed);
        double[] expected = reverse(fx, n, d);
        double worst = 0;
        for (int k = 0; k < x.length; k++) {
            worst = Math.max(worst, Math.abs(fReversed[k] - expected[k]));
        }
        // scaled to the field's terms, not to 1: with V = 1e-14 I causal attention misses by 3e-15, and held
        double tolerance = 64 * Math.ulp(field.tokenBoundAt(x, instance.horizon())) * x.length;
        Judgement judgement = new Judgement();
        judgement.atMost("max |F(PX) - PF(X)|", worst, "rounding allowance", tolerance, Resolution.NONE);
        // in this order on every run: Map.of's iteration order changes with the JVM's per-run salt
        Map<String, String> constants = new LinkedHashMap<>();
        constants.put("tokens n", Integer.toString(n));
        constants.put("width d", Integer.toString(d));
        return Evidence.of(judgement, constants, List.of());
    }

    private static double[] reverse(double[] state, int n, int d) {
        double[] out = new double[state.length];
        for (int i = 0; i < n; i++) {
            System.arraycopy(state, i * d, out, (n - 1 - i) * d, d);
        }
        return out;
    }
}
