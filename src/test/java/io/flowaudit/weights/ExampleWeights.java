package io.flowaudit.weights;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates {@code examples/weights/block.safetensors}, the small pre-LN transformer block the
 * catalogue audits: 4-wide tokens, 2 attention heads of width 2, an FFN of 8 hidden units, LayerNorm
 * with affine parameters, stored as F32 the way checkpoints ship. Weights are Gaussian over
 * sqrt(fan-in), halved, from a fixed seed. Run {@code main} to rewrite the file; {@code
 * ExampleWeightsTest} checks the committed file is exactly what this code writes.
 */
public final class ExampleWeights {

    static final Path FILE = Path.of("examples/weights/block.safetensors");
    private static final long SEED = 2026_11_23L;
    private static final int WIDTH = 4;
    private static final int HIDDEN = 8;

    private ExampleWeights() {
    }

    static byte[] bytes() {
        Random random = new Random(SEED);
        List<Tensor> tensors = new ArrayList<>();
        for (String projection : List.of("q", "k", "v", "o")) {
            tensors.add(Tensor.matrix("block.attn.w" + projection, DType.F32, gaussian(random, WIDTH, WIDTH)));
        }
        tensors.add(Tensor.matrix("block.mlp.w1", DType.F32, gaussian(random, HIDDEN, WIDTH)));
        tensors.add(Tensor.vector("block.mlp.b1", DType.F32, gaussian(random, 1, HIDDEN)[0]));
        tensors.add(Tensor.matrix("block.mlp.w2", DType.F32, gaussian(random, WIDTH, HIDDEN)));
        tensors.add(Tensor.vector("block.mlp.b2", DType.F32, gaussian(random, 1, WIDTH)[0]));
        for (String norm : List.of("ln1", "ln2")) {
            double[] gamma = gaussian(random, 1, WIDTH)[0];
            for (int k = 0; k < WIDTH; k++) {
                gamma[k] = 1 + gamma[k] / 4;
            }
            tensors.add(Tensor.vector("block." + norm + ".weight", DType.F32, gamma));
            tensors.add(Tensor.vector("block." + norm + ".bias", DType.F32, gaussian(random, 1, WIDTH)[0]));
        }
        return SafetensorsWriter.toBytes(tensors, Map.of("generator", "flowaudit ExampleWeights, seed " + SEED));
    }

    private static double[][] gaussian(Random random, int rows, int columns) {
        double[][] matrix = new double[rows][columns];
        for (double[] row : matrix) {
            for (int k = 0; k < columns; k++) {
                row[k] = random.nextGaussian() / (2 * Math.sqrt(columns));
            }
        }
        return matrix;
    }

    public static void main(String[] args) throws IOException {
        Files.createDirectories(FILE.getParent());
        Files.write(FILE, bytes());
        System.out.println("wrote " + FILE);
    }
}
