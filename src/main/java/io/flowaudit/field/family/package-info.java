/**
 * Certified random-field families, written once over the generic scalar: {@link
 * io.flowaudit.field.family.AffineField} {@code A x + b}, {@link io.flowaudit.field.family.TimeDependentField}
 * {@code G(x) + sin(omega t) H(x)} and {@link io.flowaudit.field.family.ContractiveField}
 * {@code -c x + g(x)}; the fourth, the MLP {@code W2 act(W1 x + b1) + b2}, is the transformer's FFN on one
 * state ({@link io.flowaudit.field.transformer.FeedForward#mlp}), a family field too.
 *
 * <p>Each is a {@link io.flowaudit.field.family.FamilyField}: its constants K, mu, M and K_t
 * (docs/theory.md, the hypotheses of Theorems 1-5) are true upper bounds on any region it is certified on,
 * rounding included, and {@code regionFor(domain)} names a region that contains the flow and every
 * Euler, Heun and RK4 iterate and stage from {@code |x0| <= r0} over {@code [0, T]}. Claims should
 * take their constants from {@code field.certifiedFor(domain).certificate()}.
 *
 * <p>Spectral norms and symmetric eigenvalues come from commons-math3 decompositions, bounded outward
 * by a documented relative margin justified by their backward stability
 * ({@link io.flowaudit.field.MatrixBounds}); everything else is outward-rounded elementary arithmetic.
 */
package io.flowaudit.field.family;
