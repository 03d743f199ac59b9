package io.flowaudit.verdict;

/** What a claim file expects of its claim: the theorem holds, or the (false on purpose) claim is falsified. */
public enum Expectation { HOLDS, FALSIFIED }
