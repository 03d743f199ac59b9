/**
 * The mean-field view of attention (docs/theory.md, "Mean-field attention"): tokens as interacting
 * particles (on the sphere with LayerNorm, or in R^d without), the Gaussian moment ODE, the sphere energy
 * and the scalar ODE of equiangular starts. All in double, for up to a few hundred tokens.
 */
package io.flowaudit.meanfield;
