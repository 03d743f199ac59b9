/**
 * jqwik arbitraries for certified fields, the public API. {@link io.flowaudit.gen.Fields} is the one
 * entry point, for the classic families ({@code Fields.affine()}, {@code mlp()}, {@code timeDependent()},
 * {@code contractive()}, {@code any()}) and the transformer ones ({@code softmaxAttention()}, ...,
 * {@code ffn()}, {@code block()}); each returns a fluent, immutable arbitrary, published as an interface
 * with its implementation package-private, marked with jqwik's {@code @API} status. The
 * annotations configure {@code @ForAll} parameters of field types through jqwik's provider and configurator
 * SPI: {@link io.flowaudit.gen.Dimension}, {@link io.flowaudit.gen.Lipschitz} and {@link
 * io.flowaudit.gen.Contractive} for the classic families, {@link io.flowaudit.gen.Tokens} and {@link
 * io.flowaudit.gen.Width} for the transformer ones, {@link io.flowaudit.gen.Attention}, {@link
 * io.flowaudit.gen.Heads} and {@link io.flowaudit.gen.Causal} for attention and blocks, and {@link
 * io.flowaudit.gen.Mlp} for the MLP.
 * Initial states come from the fields themselves ({@link io.flowaudit.field.CertifiedField#initialStates}).
 */
package io.flowaudit.gen;
