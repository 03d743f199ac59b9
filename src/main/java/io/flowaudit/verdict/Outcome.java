package io.flowaudit.verdict;

import java.util.Locale;

/**
 * What the run found: no counterexample in the tries, a counterexample, a stated hypothesis (a
 * constant the auditor gave) that the field exceeds — so the claim was not tested as stated — the
 * check could not run, or the claim was not run because an input it names is absent from this machine (the
 * real checkpoint before {@code ./flowaudit fetch-model}): never a pass, counted apart from the others.
 */
public enum Outcome {
    HOLDS, FALSIFIED, HYPOTHESIS_REFUTED, ERROR, NOT_RUN;

    /**
     * {@code holds}, {@code falsified}, {@code hypothesis-refuted}, {@code error}, {@code not-run}: the word the report
     * (a word and a CSS class), summary.json, JUnit XML and baseline files use.
     */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
