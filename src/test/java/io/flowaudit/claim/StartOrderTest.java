package io.flowaudit.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.flowaudit.audit.ClaimCatalogue;
import io.flowaudit.audit.ClaimFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Claims start longest first by the previous run's durations; claims it did not run start before them. */
class StartOrderTest {

    @TempDir
    Path dir;

    /** Claims a (holds), b (falsified), c (holds), in catalogue order. */
    private List<Claim> claims() throws IOException {
        Path a = Files.writeString(dir.resolve("a.yaml"), ClaimFixtures.SMALL_MLP);
        Path b = Files.writeString(dir.resolve("b.yaml"), ClaimFixtures.SMALL_MLP.replace("expect: holds",
                "expect: falsified"));
        Path c = Files.writeString(dir.resolve("c.yaml"), ClaimFixtures.SMALL_MLP);
        return Claim.readAll(ClaimCatalogue.read(List.of(a, b, c)));
    }

    @Test
    void longestOfThePreviousRunStartsFirst() throws IOException {
        assertEquals(List.of(1, 2, 0), StartOrder.of(claims(), Map.of("a", 1.0, "b", 5.0, "c", 3.0)));
        assertEquals(List.of(0, 1, 2), StartOrder.of(claims(), Map.of("a", 2.0, "b", 2.0, "c", 2.0)),
                "ties keep catalogue order");
    }

    @Test
    void claimsWithoutADurationStartFirstThoseExpectedFalsifiedBeforeTheOthers() throws IOException {
        assertEquals(List.of(1, 2, 0), StartOrder.of(claims(), Map.of("a", 9.0)));
        assertEquals(List.of(1, 0, 2), StartOrder.of(claims(), Map.of()), "no previous run");
    }
}
