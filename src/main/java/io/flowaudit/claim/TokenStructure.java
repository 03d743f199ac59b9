package io.flowaudit.claim;

import io.flowaudit.field.CertifiedField;
import io.flowaudit.field.transformer.TransformerField;

/** Token-level views of a state: the structural claims are about fields on n tokens of width d. */
final class TokenStructure {

    private TokenStructure() {
    }

    static TransformerField require(CertifiedField field, String claim) {
        if (field instanceof TransformerField tokens) {
            return tokens;
        }
        throw new NotApplicableException(claim + " is a claim about tokens; the field " + field.family()
                + " is not a transformer field");
    }

    static double maxAbs(double[] values) {
        double max = 0;
        for (double v : values) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }
}
