package io.flowaudit.claim;

import io.flowaudit.field.CertifiedField;
import io.flowaudit.field.transformer.TransformerField;

/** Token-level views of a state: the structural claims are about fields on n tokens of width d. */
final class TokenStructure {

    private TokenStructure() {
    }

    static TransformerField require(CertifiedField field, String claim) {
        if (!(field instanceof TransformerField)) {
            throw new IllegalArgumentException(claim + " is a claim about tokens; the field " + field.family()
                    + " is not a transformer field");
        }
        return (TransformerField) field;
    }

    static double tokenNorm(double[] state, int token, int width) {
        double sum = 0;
        for (int k = token * width; k < (token + 1) * width; k++) {
            sum += state[k] * state[k];
        }
        return Math.sqrt(sum);
    }

    static double maxTokenNorm(double[] state, int width) {
        double max = 0;
        for (int token = 0; token < state.length / width; token++) {
            max = Math.max(max, tokenNorm(state, token, width));
        }
        return max;
    }

    static double maxAbs(double[] values) {
        double max = 0;
        for (double v : values) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }
}
