package io.flowaudit.claim;

import io.flowaudit.claim.CheckKinds.Numerics;
import io.flowaudit.verdict.Rigour;
import java.util.Map;

/** A theorem of docs/theory.md as a check: hypotheses certified by the instance, conclusion tested. */
public interface TheoremCheck {

    /** Which theorem, e.g. {@code Theorem 1 (uniform O(1/L) convergence)}. */
    String theorem();

    /** The conclusion as checked, with its constants and tolerances. */
    String statement();

    /** Whether this check needs a perturbation of the initial state. */
    default boolean needsPerturbation() {
        return false;
    }

    /**
     * The size of a perturbation this check adds to the field itself ({@code sup |F~ - F|}, Theorem 5),
     * 0 if none: the certified region must hold the perturbed field's solutions too.
     */
    default double fieldPerturbation() {
        return 0;
    }

    /** Whether this check runs at a single generated depth rather than a ladder. */
    default boolean needsDepth() {
        return false;
    }

    /** How this check computes with the claim's numerics, as hypothesis-space lines. */
    default Map<String, String> describe(Numerics numerics) {
        return numerics.describe();
    }

    /**
     * Whether the check runs on the real checkpoint's inputs ({@code field: {model: ...}}), and only there: the
     * catalogue refuses every other pairing.
     */
    default boolean runsOnModel() {
        return false;
    }

    /** Whether the check decides from enclosures (a held instance is then proved) or from observed values. */
    default Rigour rigour() {
        return Rigour.OBSERVED;
    }

    /**
     * The instance as far as this check tells instances apart: two with equal views get the same finding to the bit,
     * so the shrinker checks only one of them ({@code PropertyRunner}). The instance itself, unless the check reads
     * less of it.
     */
    default Instance asSeen(Instance instance) {
        return instance;
    }

    /**
     * This check as one of the {@code runTries} tries a run makes of its claim. A check whose finding is a statistical
     * test splits the claim's chance of a false refutation over them; a check decided from computed values within
     * their resolution is the same check whatever the tries.
     */
    default TheoremCheck asOneOf(int runTries) {
        return this;
    }

    Evidence check(Instance instance);

    /**
     * A shrink candidate's evidence, of which the shrinker reads whether it refutes, and keeps it only then: {@link
     * #check}'s where the instance refutes; where it does not, a check may return a stand-in that does not refute
     * either, found with less work (the same predicate, tested so). A check whose {@link #counterexampleEvidence}
     * checks the counterexample afresh may also stand in for a refuting candidate's evidence with a refuting one.
     */
    default Evidence checkCandidate(Instance instance) {
        return check(instance);
    }

    /**
     * The evidence the report gives for the shrunk counterexample, {@code found} by {@link #checkCandidate} (or by
     * the try, when nothing shrank): that, unless this check's candidates refute with stand-ins.
     */
    default Evidence counterexampleEvidence(Instance counterexample, Evidence found) {
        return found;
    }
}
