package io.flowaudit.verdict;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RunEnvironmentTest {

    /**
     * The build is identified by its classes, not "unknown": were every build unknown, parts of any two builds would
     * merge as one (the jar's branch is run by the launcher: `audit --shard` writes it, `merge` compares it).
     */
    @Test
    void theBuildIsNamedByADigestOfItsClasses() {
        assertTrue(RunEnvironment.build().matches("[0-9a-f]{16}"), RunEnvironment.build());
    }
}
