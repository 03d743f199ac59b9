package io.flowaudit.claim;

/**
 * The states that go with a field's shrinking steps
 * ({@link io.flowaudit.field.CertifiedField#withoutInertComponent},
 * {@link io.flowaudit.field.CertifiedField#withOneTokenFewer}): x_0 and the perturbation without the
 * component or token the field lost.
 */
final class Reductions {

    private Reductions() {
    }

    /** A state of tokens of the given width, without token {@code token}. */
    static double[] withoutToken(double[] state, int token, int width) {
        double[] out = new double[state.length - width];
        System.arraycopy(state, 0, out, 0, token * width);
        System.arraycopy(state, (token + 1) * width, out, token * width, state.length - (token + 1) * width);
        return out;
    }

    /** {@code values} without entry {@code index}. */
    static double[] without(double[] values, int index) {
        double[] out = new double[values.length - 1];
        for (int i = 0, j = 0; i < values.length; i++) {
            if (i != index) {
                out[j++] = values[i];
            }
        }
        return out;
    }
}
