package io.flowaudit.claim;

/**
 * A field the claim's theorem does not speak of (clustering on a field without tokens, the convex hull on several
 * heads, equiangular starts on one token): a mistake of the claim file's {@code field:}, not a failure of the check, so
 * the error names the theorem's requirement and not the whole instance drawn.
 */
final class NotApplicableException extends IllegalArgumentException {

    NotApplicableException(String requirement) {
        super(requirement);
    }
}
