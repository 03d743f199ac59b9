package io.flowaudit.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.flowaudit.audit.ClaimCatalogue;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Longest first: by the previous run's seconds, and before them, in a fresh clone, checkpoint claims first. */
class StartOrderTest {

    private static final List<Claim> CLAIMS = Claim.readAll(ClaimCatalogue.read(List.of(
            Path.of("properties/uniform-bound-euler-mlp.yaml"), Path.of("properties/false-euler-order-2.yaml"),
            Path.of("properties/observed-order-euler.yaml"), Path.of("properties/model-depth-refinement.yaml"))));

    private static List<String> order(Map<String, Double> previousSeconds) {
        return StartOrder.of(CLAIMS, previousSeconds).stream().map(i -> CLAIMS.get(i).id()).toList();
    }

    @Test
    void withoutAPreviousRunTheCheckpointClaimsStartFirstThenTheFalseOnesThenTheRestInCatalogueOrder() {
        assertEquals(List.of("model-depth-refinement", "false-euler-order-2", "uniform-bound-euler-mlp",
                "observed-order-euler"), order(Map.of()));
    }

    @Test
    void aPreviousRunsSecondsOrderTheClaimsItRanAfterThoseItDidNot() {
        assertEquals(List.of("false-euler-order-2", "observed-order-euler", "model-depth-refinement",
                "uniform-bound-euler-mlp"), order(Map.of("uniform-bound-euler-mlp", 0.1, "model-depth-refinement", 9.0,
                "observed-order-euler", 12.0)));
    }
}
