package io.flowaudit.model;

import io.flowaudit.claim.TheoremCheck;

/**
 * A check that runs on the real checkpoint ({@link ModelInput}s), and only there: the catalogue pairs a theorem of
 * this kind with {@code field: {model: ...}} and refuses every other pairing.
 */
public interface ModelCheck extends TheoremCheck {
}
