package io.flowaudit.cli;

import io.flowaudit.weights.FetchedModel;
import io.flowaudit.weights.WordPieceTokenizer;
import io.flowaudit.weights.onnx.BertEncoder;
import io.flowaudit.weights.onnx.OnnxModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code model [MODEL.onnx] [--tokenizer FILE]}: what an auditor checks first about a checkpoint, its hash and
 * the architecture recovered from its graph. {@code ./flowaudit fetch-model} runs it on the files it fetched.
 */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "Read an ONNX model and print its SHA-256, producer and the post-LN BERT encoder recovered from"
                + " its graph, with the time the loading took; with a tokenizer.json, check it too. Without arguments,"
                + " the model './flowaudit fetch-model' put in target/models/. Exit 2 on a file that is absent,"
                + " malformed or of an unsupported architecture.")
final class ModelCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "MODEL.onnx", arity = "0..1",
            description = "The model (default: all-MiniLM-L6-v2 in target/models/, with its tokenizer).")
    private Path model;

    @Option(names = "--tokenizer", paramLabel = "FILE", description = "A HuggingFace tokenizer.json (BERT WordPiece).")
    private Path tokenizer;

    @Override
    public Integer call() throws IOException {
        if (model == null) {
            model = FetchedModel.require(FetchedModel.MINILM);
            tokenizer = tokenizer != null ? tokenizer : FetchedModel.require(FetchedModel.MINILM_TOKENIZER);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long wallStart = System.nanoTime();
        long cpuStart = threads.getCurrentThreadCpuTime();
        OnnxModel onnx = OnnxModel.read(model);
        BertEncoder encoder = BertEncoder.recover(onnx);
        double wall = (System.nanoTime() - wallStart) / 1e9;
        double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        BertEncoder.Layer first = encoder.layers().get(0);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%s%n  %d bytes, SHA-256 %s, %s, opset %d%n", model.toAbsolutePath().normalize(),
                Files.size(model), onnx.sha256(), onnx.producer(), onnx.opset());
        out.printf(Locale.ROOT, "  post-LN BERT encoder: %d layers, width %d, %d heads of %d, FFN %d, vocabulary %d,"
                        + " %d positions; read, checked and recovered in %.2f s (%.2f s of this thread's CPU)%n",
                encoder.layers().size(), encoder.width(), first.heads(), first.headWidth(), first.ffnIn().out(),
                encoder.embeddings().words().shape()[0], encoder.embeddings().positions().shape()[0], wall, cpu);
        if (tokenizer != null) {
            WordPieceTokenizer words = WordPieceTokenizer.read(tokenizer);
            out.printf(Locale.ROOT, "%s%n  SHA-256 %s, WordPiece, %d entries%n",
                    tokenizer.toAbsolutePath().normalize(), words.sha256(), words.vocabularySize());
        }
        return 0;
    }
}
