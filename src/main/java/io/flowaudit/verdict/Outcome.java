package io.flowaudit.verdict;

/** What the run found: no counterexample in the tries, a counterexample, or the check could not run. */
public enum Outcome { HOLDS, FALSIFIED, ERROR }
