package io.flowaudit.verdict;

/**
 * What the run found: no counterexample in the tries, a counterexample, a stated hypothesis (a
 * constant the auditor gave) that the field exceeds — so the claim was not tested as stated — or the
 * check could not run.
 */
public enum Outcome { HOLDS, FALSIFIED, HYPOTHESIS_REFUTED, ERROR }
