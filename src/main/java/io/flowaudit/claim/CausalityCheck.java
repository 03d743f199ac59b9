package io.flowaudit.claim;

import io.flowaudit.field.transformer.TransformerField;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A causal mask makes token i's output depend only on tokens j <= i: changing every later token (by
 * the instance's perturbation) leaves F_i unchanged, exactly — masked terms contribute exact zeros.
 *
 * <p>"Unchanged" is evidence only where the change could be seen: a change of the later tokens that leaves their own
 * outputs unchanged too (a perturbation of size 0, or one lost in rounding, or on the first token only) tested
 * nothing at that i, and a try that tested nothing at any i is vacuous, not support; otherwise a field that reads
 * later tokens would pass on perturbations below its rounding.
 */
final class CausalityCheck implements TheoremCheck {

    static final CheckKinds.Kind KIND = new CheckKinds.Kind("causality", List.of(), (numerics, values) -> new CausalityCheck(), CheckKinds.Uses.DOUBLE_ONLY);

    @Override
    public String theorem() {
        return "Structure (causal attention looks only backward)";
    }

    @Override
    public String statement() {
        return "For each token i, F(X)_i is unchanged when every token j > i changes.";
    }

    @Override
    public boolean needsPerturbation() {
        return true;
    }

    @Override
    public Evidence check(Instance instance) {
        TransformerField field = TokenStructure.require(instance.field(), "causality");
        int n = field.tokens();
        int d = field.width();
        if (n == 1) {
            return Evidence.vacuous("one token has no later tokens to change");
        }
        double[] x = instance.initial();
        double[] fx = new double[x.length];
        field.evaluate(0, x, fx);
        double[] changed = instance.perturbedInitial();
        int tested = 0;
        for (int i = 0; i < n - 1; i++) {
            double[] y = x.clone();
            System.arraycopy(changed, (i + 1) * d, y, (i + 1) * d, (n - i - 1) * d);
            double[] fy = new double[x.length];
            field.evaluate(0, y, fy);
            for (int k = i * d; k < (i + 1) * d; k++) {
                if (fy[k] != fx[k]) {
                    return new Evidence(Evidence.Finding.REFUTED, Double.POSITIVE_INFINITY, "F_" + (i + 1)
                            + " changed by " + Math.abs(fy[k] - fx[k]) + " when later tokens changed", "no change",
                            Map.of("tokens n", Integer.toString(n)), List.of());
                }
            }
            if (!Arrays.equals(fy, (i + 1) * d, x.length, fx, (i + 1) * d, x.length)) {
                tested++;
            }
        }
        if (tested == 0) {
            return Evidence.vacuous("the change of the later tokens left every output unchanged, theirs too: it could"
                    + " not show a dependence on them");
        }
        // an exact identity: the margin is 0 (nothing changed), not a ratio to a bound
        return new Evidence(Evidence.Finding.HOLDS, 0, "every F_i unchanged by later tokens", "no change",
                Map.of("tokens n", Integer.toString(n)), List.of());
    }
}
