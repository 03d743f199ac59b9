package io.flowaudit.verdict;

/**
 * How a claim decides each instance: from computed values within their resolution (observed), or from
 * enclosures only, so that an instance it counts as holding is proved (docs/theory.md, "Proved verdicts").
 */
public enum Rigour { OBSERVED, PROVED }
