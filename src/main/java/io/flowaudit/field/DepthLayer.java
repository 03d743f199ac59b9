package io.flowaudit.field;

import org.apache.commons.math3.RealFieldElement;

/**
 * One layer of a network of given depth: a map {@code x_{k+1} = Phi_k(x_k)} of states, in any number system
 * that can run it. A step of a field (the flow package's {@code FieldStep}) is one kind; a post-LN layer, which is
 * a map and not a step of a field (docs/theory.md, "Post-LN layers and the flow reading"), is another. It is
 * declared here, upstream of the flow package that stacks layers, because a post-LN layer is built here.
 */
public interface DepthLayer {

    /** The number of state components the layer maps, in and out. */
    int dimension();

    /** {@code Phi(x)}, a new array. */
    <T extends RealFieldElement<T>> T[] apply(T[] x);

    /** The same in double, the same operations in the same order; a new array. */
    double[] apply(double[] x);
}
