package io.flowaudit.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.flowaudit.audit.ClaimCatalogue;
import io.flowaudit.model.Checkpoint;
import io.flowaudit.verdict.ClaimVerdict;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What a claim's replay command must hold to reproduce its run from a fresh shell in the project. */
class ReplayCommandTest {

    /**
     * The tests read the checkpoint from the class path; the jar a replay runs reads it from target/models only, so
     * a replay printed here fetches it first. Until 2026-11-30 mvn verify printed 'java -jar target/flowaudit.jar
     * audit properties/false-model-layer-lipschitz-just-below.yaml --seed 20261123 --tries 4', which in a clone
     * without target/models reports the claim not run and exits 0.
     */
    @Test
    void aClaimOnTheCheckpointReadFromTheClassPathFetchesItBeforeItsReplay() {
        assertEquals("the class path", Checkpoint.source().orElseThrow(), "the tests' checkpoint");
        Claim onModel = ClaimCatalogue.read(Path.of("properties/false-model-layer-updates-at-most-its-size.yaml"));

        ClaimVerdict verdict = new Scheduler(20261123, null, 1, new PrintStream(OutputStream.nullOutputStream()))
                .check(onModel, 1, 1);

        assertEquals("./flowaudit fetch-model && java -jar target/flowaudit.jar audit"
                + " properties/false-model-layer-updates-at-most-its-size.yaml --seed 20261123 --tries 1",
                verdict.replayCommand());
    }
}
