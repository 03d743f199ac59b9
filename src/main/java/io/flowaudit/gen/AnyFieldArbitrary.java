package io.flowaudit.gen;

import io.flowaudit.field.family.FamilyField;
import org.apiguardian.api.API;

/**
 * Generates members of every classic family: affine, MLP, time-dependent and contractive (the last only
 * when the K range admits a negative mu). Each configuration applies to every family. Shrinks toward
 * the affine family, then within the family.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface AnyFieldArbitrary extends FieldArbitrary<FamilyField, AnyFieldArbitrary> {
}
