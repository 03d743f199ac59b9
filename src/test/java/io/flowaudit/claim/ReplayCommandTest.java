package io.flowaudit.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.flowaudit.audit.ClaimCatalogue;
import io.flowaudit.model.Checkpoint;
import io.flowaudit.verdict.ClaimVerdict;
import io.flowaudit.weights.FetchedModel;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a claim's replay command must hold to reproduce its run from a fresh shell in the project. */
class ReplayCommandTest {

    /**
     * The tests read the checkpoint from the class path; the jar a replay runs reads it from target/models only, so
     * a replay printed from the class path fetches it first, and one printed where target/models holds it does not.
     * Until 2026-11-30 mvn verify printed 'java -jar target/flowaudit.jar audit
     * properties/false-model-layer-lipschitz-just-below.yaml --seed 20261123 --tries 4', which in a clone without
     * target/models reports the claim not run and exits 0; and the test of it failed mvn verify in a clone where
     * ./flowaudit fetch-model had run (the README's third command), which it took for the class path.
     */
    @Test
    void aClaimOnTheCheckpointReadFromTheClassPathFetchesItBeforeItsReplay() {
        Claim onModel = ClaimCatalogue.read(Path.of("properties/false-model-layer-updates-at-most-its-size.yaml"));
        String command = "java -jar target/flowaudit.jar audit properties/false-model-layer-updates-at-most-its-size.yaml"
                + " --seed 20261123 --tries 1";

        assertEquals("./flowaudit fetch-model && " + command,
                Scheduler.replayCommand(onModel, 20261123, 1, Optional.of("the class path")));
        assertEquals(command, Scheduler.replayCommand(onModel, 20261123, 1, Optional.of(FetchedModel.DIRECTORY.toString())));
        // and a run prints the one of where this process reads the checkpoint from (the class path, or target/models)
        ClaimVerdict verdict = new Scheduler(20261123, null, 1, new PrintStream(OutputStream.nullOutputStream()))
                .check(onModel, 1, 1);
        assertEquals(Scheduler.replayCommand(onModel, 20261123, 1, Checkpoint.source()), verdict.replayCommand());
    }
}
