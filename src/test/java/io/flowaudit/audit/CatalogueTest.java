package io.flowaudit.audit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.report.ReportWriter;
import io.flowaudit.verdict.AuditRun;
import io.flowaudit.verdict.ClaimVerdict;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The claim catalogue under {@code mvn verify}: one test per file in {@code properties/}, passing
 * exactly when the claim met its expectation (a true claim held, a false-on-purpose claim was
 * falsified). The report is written after the last claim, so a failing claim still gets a full report
 * before the build fails. {@code -Dflowaudit.seed=S} and {@code -Dflowaudit.tries=N} replay or extend
 * the run.
 */
class CatalogueTest {

    private static final List<ClaimVerdict> VERDICTS = Collections.synchronizedList(new ArrayList<>());
    private static final Instant STARTED = Instant.now();
    private static final long SEED = Long.getLong("flowaudit.seed", Audit.DEFAULT_SEED);
    private static final Integer TRIES = Integer.getInteger("flowaudit.tries");

    @TestFactory
    Stream<DynamicTest> everyClaimMeetsItsExpectation() {
        List<ClaimSpec> claims = ClaimCatalogue.load(List.of(Path.of("properties")));
        Audit audit = new Audit(SEED, TRIES, System.out);
        System.out.println("flowaudit: " + claims.size() + " claims, seed " + SEED);
        int[] index = {0};
        return claims.stream().map(claim -> DynamicTest.dynamicTest(claim.id(), claim.file().toUri(), () -> {
            ClaimVerdict verdict = audit.check(claim, ++index[0], claims.size());
            VERDICTS.add(verdict);
            System.out.println(Audit.line(verdict));
            assertTrue(verdict.metExpectation(), () -> claim.file() + ": expected the claim to "
                    + (verdict.expected().name().equals("HOLDS") ? "hold" : "be falsified") + " but it "
                    + verdict.outcome().name().toLowerCase() + (verdict.error() == null ? "" : ": " + verdict.error())
                    + (verdict.counterexample() == null ? "" : "; counterexample: " + verdict.counterexample())
                    + "; replay: " + verdict.replayCommand());
        }));
    }

    @AfterAll
    static void writeReport() throws IOException {
        if (VERDICTS.isEmpty()) {
            return;
        }
        String command = "mvn verify -Dflowaudit.seed=" + SEED + (TRIES == null ? "" : " -Dflowaudit.tries=" + TRIES);
        AuditRun run = new AuditRun(command, SEED, STARTED, Duration.between(STARTED, Instant.now()),
                RunEnvironment.machine(), RunEnvironment.versions(), List.copyOf(VERDICTS));
        System.out.println("flowaudit: report written to " + ReportWriter.write(run, Path.of("reports")));
    }
}
