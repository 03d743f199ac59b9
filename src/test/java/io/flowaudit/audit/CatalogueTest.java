package io.flowaudit.audit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.claim.Scheduler;
import io.flowaudit.claim.Claim;
import io.flowaudit.report.ReportWriter;
import io.flowaudit.report.SummaryJson;
import io.flowaudit.verdict.ClaimVerdict;
import io.flowaudit.verdict.Outcome;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The claim catalogue under {@code mvn verify}: one test per file in {@code properties/}, passing
 * exactly when the claim met its expectation (a true claim held, a false-on-purpose claim was
 * falsified). Each claim is a container named by its id with the claim file as its source, holding
 * one test: Surefire's XML then reads {@code classname="<claim id>" name="meets its expectation"},
 * so CI dashboards group results by claim. The claims run as {@code ./flowaudit audit} runs them (side by
 * side, longest first by the last report), each test awaiting its own. The report is written after the last
 * claim, so a failing claim still gets a full report before the build fails. {@code -Dflowaudit.seed=S} and {@code -Dflowaudit.tries=N} replay or extend
 * the run.
 */
class CatalogueTest {

    private static final List<ClaimVerdict> VERDICTS = Collections.synchronizedList(new ArrayList<>());
    private static final Instant STARTED = Instant.now();
    private static final long SEED = Long.getLong("flowaudit.seed", Scheduler.DEFAULT_SEED);
    private static final Integer TRIES = Integer.getInteger("flowaudit.tries");
    private static final Path REPORTS = Path.of("reports");
    private static final Scheduler AUDIT = new Scheduler(SEED, TRIES, System.out)
            .startingLongestFirst(SummaryJson.claimDurations(REPORTS));

    @TestFactory
    Stream<DynamicContainer> everyClaimMeetsItsExpectation() {
        List<Claim> claims = Claim.readAll(ClaimCatalogue.read(List.of(Path.of("properties"))));
        AUDIT.announce(claims);
        List<Future<ClaimVerdict>> verdicts = AUDIT.start(claims);
        return IntStream.range(0, claims.size()).mapToObj(i -> {
            Claim claim = claims.get(i);
            return DynamicContainer.dynamicContainer(claim.id(), claim.file().toUri(), Stream.of(
                    DynamicTest.dynamicTest("meets its expectation", claim.file().toUri(),
                            () -> meetsItsExpectation(claim, verdicts.get(i)))));
        });
    }

    private static void meetsItsExpectation(Claim claim, Future<ClaimVerdict> checked) throws Throwable {
        ClaimVerdict verdict;
        try {
            verdict = checked.get();
        } catch (ExecutionException e) {
            throw e.getCause();
        }
        VERDICTS.add(verdict);
        System.out.println(verdict.line());
        assertTrue(verdict.metExpectation(), () -> claim.file() + ": " + verdict.missedExpectation());
        // a false claim must be falsified by being false: a generated field that leaves the region its certificate
        // promises to hold it in (claim.Evidence.leftRegion's words) also falsifies, and would hide a certificate defect
        assertFalse(verdict.outcome() == Outcome.FALSIFIED && verdict.counterexample() != null
                        && verdict.counterexample().observed().contains("left the region where the constants are certified"),
                () -> claim.file() + " was falsified by a solution leaving its certified region, not by the claim: "
                        + verdict.counterexample().observed());
    }

    @AfterAll
    static void writeReport() throws IOException {
        if (VERDICTS.isEmpty()) {
            return;
        }
        String command = "mvn verify -Dflowaudit.seed=" + SEED + (TRIES == null ? "" : " -Dflowaudit.tries=" + TRIES);
        ReportWriter.write(AUDIT.finish(VERDICTS, STARTED, command), REPORTS, System.out);
    }
}
