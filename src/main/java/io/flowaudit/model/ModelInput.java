package io.flowaudit.model;

import io.flowaudit.field.Certificate;
import io.flowaudit.field.Subject;
import io.flowaudit.flow.DepthStack;
import io.flowaudit.weights.onnx.BertEncoder;
import io.flowaudit.weights.onnx.PreparedEncoder;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.Arbitrary;

/**
 * One input of the real checkpoint as a claim's instance carries it: the token ids (and the sentence they came from,
 * if any), whose initial state is the model's own embedding of them. It stands where other claims have a field, but
 * a checkpoint is a stack of maps, not a vector field: its certificate is the vacuous one, and checks on the model
 * certify what they need from the layers themselves.
 */
public final class ModelInput implements Subject {

    private final PreparedEncoder prepared;
    private final BertEncoder encoder;
    private final int[] tokenIds;
    private final String sentence;

    ModelInput(PreparedEncoder prepared, int[] tokenIds, String sentence) {
        this.prepared = prepared;
        this.encoder = prepared.encoder();
        this.tokenIds = tokenIds.clone();
        this.sentence = sentence;
    }

    /** The model input a claim's instance carries as its field; a claim on the model draws no other kind. */
    public static ModelInput of(Subject subject) {
        if (!(subject instanceof ModelInput input)) {
            throw new IllegalArgumentException("a check on the real checkpoint runs on 'field: {model: "
                    + Checkpoint.NAME + "}', not on " + subject.family());
        }
        return input;
    }

    public BertEncoder encoder() {
        return encoder;
    }

    /** The checkpoint prepared for checks: its layers and certificates, shared by every input. */
    public PreparedEncoder prepared() {
        return prepared;
    }

    /** The checkpoint's layers on this input's tokens. */
    public DepthStack stack() {
        return prepared.stack(tokenIds.length);
    }

    public int[] tokenIds() {
        return tokenIds.clone();
    }

    public int tokens() {
        return tokenIds.length;
    }

    /** x_0: word + position + token-type embeddings of the ids, then the embedding LayerNorm. */
    public double[] initialState() {
        return encoder.embeddings().initialState(tokenIds);
    }

    @Override
    public int dimension() {
        return tokenIds.length * encoder.width();
    }

    @Override
    public Certificate certificate() {
        return Certificate.VACUOUS;
    }

    /** Drawn as for any field, shrinking by size and by the tokens moved ({@link ScaledPerturbations}). */
    @Override
    public Arbitrary<double[]> perturbations(Arbitrary<double[]> drawn, double[] sizes) {
        return new ScaledPerturbations(drawn, encoder.width(), sizes[0]);
    }

    @Override
    public String family() {
        return Checkpoint.NAME;
    }

    /** An input, not a field: {@code all-minilm-l6-v2 on 2 tokens (states of dimension 768)}. */
    @Override
    public String description() {
        return family() + " on " + tokens() + (tokens() == 1 ? " token" : " tokens") + " (states of dimension "
                + dimension() + ")";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        if (sentence != null) {
            parameters.put("sentence", sentence);
        }
        parameters.put("token ids", Arrays.stream(tokenIds).boxed().toList());
        return parameters;
    }
}
