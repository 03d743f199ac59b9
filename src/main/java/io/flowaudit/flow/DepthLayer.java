package io.flowaudit.flow;

import org.apache.commons.math3.RealFieldElement;

/**
 * One layer of a {@link DepthStack}: a map {@code x_{k+1} = Phi_k(x_k)} of states, in any number system
 * that can run it. A layer of a field ({@link FieldStep}) is one kind; a post-LN layer, which is a map and
 * not a step of a field (docs/theory.md, "Post-LN layers and the flow reading"), is another.
 */
public interface DepthLayer {

    /** The number of state components the layer maps, in and out. */
    int dimension();

    /** {@code Phi(x)}, a new array. */
    <T extends RealFieldElement<T>> T[] apply(T[] x);

    /** The same in double, the same operations in the same order; a new array. */
    double[] apply(double[] x);
}
