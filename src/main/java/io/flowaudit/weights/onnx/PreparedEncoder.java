package io.flowaudit.weights.onnx;

import io.flowaudit.field.transformer.PostLnLayer;
import io.flowaudit.flow.DepthStack;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An encoder with what its checks compute from the weights alone, each computed once and shared by every try: its
 * layers as post-LN maps (the weights transposed once; {@link PostLnLayer#withTokens} shares them, and the FFN norms
 * of their bounds), the embeddings' variance floor by sequence length, certificates by sequence length and
 * perturbation allowance, and the states of recent inputs. A certificate takes seconds and a layer stack 0.4 GB of
 * doubles, so a claim's tries and its shrinking must not each build their own. Thread-safe.
 */
public final class PreparedEncoder {

    private static final int KEPT_RUNS = 32;

    private final BertEncoder encoder;
    private final List<PostLnLayer> layers;
    private final Map<Integer, Double> varianceFloors = new ConcurrentHashMap<>();
    private final Map<String, EncoderCertificate> certificates = new ConcurrentHashMap<>();
    private final Map<String, List<double[]>> runs = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, List<double[]>> eldest) {
                    return size() > KEPT_RUNS;
                }
            });

    public PreparedEncoder(BertEncoder encoder) {
        this.encoder = encoder;
        this.layers = encoder.layers().stream().map(layer -> layer.onTokens(1)).toList();
    }

    public BertEncoder encoder() {
        return encoder;
    }

    /** The layers on {@code tokens} tokens, as {@link BertEncoder#stack} builds them, from the shared weights. */
    public DepthStack stack(int tokens) {
        return new DepthStack(List.copyOf(layers(tokens)));
    }

    List<PostLnLayer> layers(int tokens) {
        return layers.stream().map(layer -> layer.withTokens(tokens)).toList();
    }

    /**
     * The states x_0 (the embeddings of {@code tokenIds}) to x_K through the layers, as {@code stack(n).states}
     * gives them, kept for the last {@link #KEPT_RUNS} inputs: a claim's sentences recur from try to try. Read only.
     */
    public List<double[]> states(int[] tokenIds) {
        String key = Arrays.toString(tokenIds);
        List<double[]> states = runs.get(key);
        if (states == null) {
            // computed outside the lock: tries on other threads go on; a race computes the same states twice
            states = Collections.unmodifiableList(stack(tokenIds.length).states(
                    encoder.embeddings().initialState(tokenIds)));
            runs.put(key, states);
        }
        return states;
    }

    /** {@link EncoderCertificate#of} for these arguments, computed at the first request. */
    public EncoderCertificate certificate(int tokens, double perturbationRadius) {
        return certificates.computeIfAbsent(tokens + "/" + perturbationRadius,
                key -> EncoderCertificate.of(this, tokens, perturbationRadius));
    }

    /** The embeddings' pre-LN variance floor over every word and the positions below {@code tokens}. */
    double embeddingVarianceFloor(int tokens) {
        return varianceFloors.computeIfAbsent(tokens,
                key -> EncoderCertificate.embeddingVarianceFloor(encoder.embeddings(), tokens));
    }
}
