package io.flowaudit.claim;

import io.flowaudit.field.Reach;
import io.flowaudit.model.ModelInputs;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitrary;

/**
 * Where a claim's fields come from, as the claim file's reader ({@code audit.ClaimCatalogue}) found them in its
 * {@code field:}: a certified random family ({@code family: mlp} with its settings), one formula system file
 * ({@code system: path}) with constants the auditor states, a real layer's weights from a safetensors file
 * ({@code weights: path}), or the real checkpoint ({@code model: name}, {@link ModelSource}).
 */
public interface FieldSource {

    /**
     * Fields with initial states and horizons inside their certified domains, each field certified for
     * the solutions within {@code reach} of its start's.
     */
    Arbitrary<Claim.Start> starts(Reach reach);

    /** The hypothesis space in words, for the report. */
    Map<String, String> describe();

    /** Whether the fields are the real checkpoint's inputs, on which only the checks on the model run. */
    default boolean isCheckpoint() {
        return false;
    }

    /** Why the fields cannot be drawn on this machine (an input absent), or empty when they can. */
    default Optional<String> absence() {
        return Optional.empty();
    }

    /** The real checkpoint on the inputs a claim file names ({@link ModelInputs}). */
    record ModelSource(ModelInputs inputs) implements FieldSource {

        /** Each input starts at its embedding, over t in [0, 1] (depth's unit interval). */
        @Override
        public Arbitrary<Claim.Start> starts(Reach reach) {
            return inputs.inputs().map(input -> new Claim.Start(input, input.initialState(), 1));
        }

        @Override
        public Map<String, String> describe() {
            return inputs.describe();
        }

        @Override
        public boolean isCheckpoint() {
            return true;
        }

        @Override
        public Optional<String> absence() {
            return inputs.absence();
        }
    }
}
