package io.flowaudit.claim;

import io.flowaudit.field.CertifiedField;
import io.flowaudit.field.transformer.SelfAttention;
import io.flowaudit.field.transformer.SphereAttention;
import io.flowaudit.field.transformer.TransformerBlock;
import io.flowaudit.field.transformer.TransformerField;

/** Token-level views of a state: the structural claims are about fields on n tokens of width d. */
final class TokenStructure {

    private TokenStructure() {
    }

    static TransformerField require(CertifiedField field, String claim) {
        if (!(field instanceof TransformerField)) {
            throw new NotApplicableException(claim + " is a claim about tokens; the field " + field.family()
                    + " is not a transformer field");
        }
        return (TransformerField) field;
    }

    /**
     * Whether the field's attention (its own, a sphere field's or a block's) has the causal mask: the sphere claims
     * whose particles have none must refuse such a field rather than hold for it untested.
     */
    static boolean isCausal(TransformerField field) {
        SelfAttention attention = field instanceof SelfAttention self ? self
                : field instanceof SphereAttention sphere ? sphere.attention()
                : field instanceof TransformerBlock block ? block.attention() : null;
        return attention != null && attention.variant().causal();
    }

    static double maxAbs(double[] values) {
        double max = 0;
        for (double v : values) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }
}
