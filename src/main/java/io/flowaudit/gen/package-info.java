/**
 * jqwik arbitraries for certified fields and initial states. {@link io.flowaudit.gen.Fields} is the
 * entry point ({@code Fields.linear()}, {@code mlp()}, {@code timeDependent()}, {@code contractive()},
 * {@code any()}), each a fluent, immutable arbitrary that shrinks toward smaller dimension, fewer
 * hidden units and zero raw weights at the requested constants. The annotations {@link
 * io.flowaudit.gen.Dimension}, {@link io.flowaudit.gen.Lipschitz} and {@link io.flowaudit.gen.Contractive}
 * configure {@code @ForAll} parameters of field types through jqwik's provider and configurator SPI.
 * {@link io.flowaudit.gen.FamilyCatalog} maps the family names and settings of claim files to
 * arbitraries, and takes further families (e.g. attention) by registration.
 */
package io.flowaudit.gen;
