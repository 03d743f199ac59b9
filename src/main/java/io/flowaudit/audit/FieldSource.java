package io.flowaudit.audit;

import io.flowaudit.claim.Instance;
import io.flowaudit.claim.InstanceSpace;
import io.flowaudit.claim.StatedHypotheses;
import io.flowaudit.field.Certificate;
import io.flowaudit.field.CertifiedField;
import io.flowaudit.field.Domain;
import io.flowaudit.field.Reach;
import io.flowaudit.field.Region;
import io.flowaudit.field.StatedField;
import io.flowaudit.field.formula.FormulaSystem;
import io.flowaudit.field.formula.SystemFile;
import io.flowaudit.input.InputPaths;
import io.flowaudit.input.YamlNode;
import io.flowaudit.model.ModelInputs;
import io.flowaudit.num.DoubleSystem;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import org.apache.commons.math3.util.Decimal64;

/**
 * Where a claim's fields come from: a certified random family ({@code family: mlp} with its settings),
 * one formula system file ({@code system: path}) with constants the auditor states, a real layer's
 * weights from a safetensors file ({@code weights: path}), or the real checkpoint ({@code model: name}).
 */
interface FieldSource {

    /**
     * Fields with initial states and horizons inside their certified domains, each field certified for
     * the solutions within {@code reach} of its start's.
     */
    Arbitrary<InstanceSpace.Start> starts(Reach reach);

    /** The hypothesis space in words, for the report. */
    Map<String, String> describe();

    static FieldSource read(YamlNode node, Path claimFile) {
        node.requireMapping();
        if (node.optional("model").isPresent()) {
            return new ModelSource(ModelInputs.read(node));
        }
        if (node.optional("system").isPresent()) {
            return SystemSource.read(node, claimFile);
        }
        // a family's own "weights" setting (a range of entries) is not a weights file
        if (node.optional("weights").isPresent() && node.optional("family").isEmpty()) {
            return WeightsSource.read(node, claimFile);
        }
        return FamilySource.read(node);
    }

    /** The real checkpoint on the inputs a claim file names ({@link ModelInputs}). */
    record ModelSource(ModelInputs inputs) implements FieldSource {

        @Override
        public Arbitrary<InstanceSpace.Start> starts(Reach reach) {
            return inputs.starts();
        }

        @Override
        public Map<String, String> describe() {
            return inputs.describe();
        }
    }

    /**
     * A formula system file with constants stated by the auditor or derived on the stated region: one
     * field, one initial state, one horizon.
     */
    record SystemSource(FormulaSystem system, Path file, SystemConstants constants) implements FieldSource {

        static final List<String> KEYS = List.of("system", "constants");

        static SystemSource read(YamlNode node, Path claimFile) {
            node.requireKeysAmong(KEYS);
            YamlNode path = node.require("system", "the path of a system file, relative to the claim file");
            Path file = InputPaths.resolveConfined(path, claimFile, "system file");
            FormulaSystem system = SystemFile.load(file);
            YamlNode constants = node.require("constants", "the field's constants stated by the auditor ("
                    + String.join(", ", SystemConstants.STATED) + ", region-radius), or derive: true on the region")
                    .requireMapping();
            return new SystemSource(system, file, SystemConstants.read(constants, system));
        }

        /**
         * The auditor's constants are tested against the field before the claim runs (at the first try);
         * the checks also verify that the solutions stay in their region.
         */
        @Override
        public Arbitrary<InstanceSpace.Start> starts(Reach reach) {
            double[] initial = Arrays.stream(system.initialState(DoubleSystem.INSTANCE)).mapToDouble(Decimal64::getReal)
                    .toArray();
            double horizon = system.horizon().doubleValue();
            Certificate stated = constants.certificate();
            StatedField field = new StatedField(system, stated, system.name() + " (" + file.getFileName() + ")",
                    initial, () -> StatedHypotheses.check(system, stated, initial, horizon), constants.derived());
            // the checks start from the file's decimals, exactly; the doubles serve generation and display
            Instance.ExactStart exact = new Instance.ExactStart(system.initialValues(), system.horizon());
            double radius = Region.euclideanNorm(initial);
            CertifiedField certified = field.certifiedFor(new Domain(radius, horizon).reaching(reach));
            return field.initialStates(radius).map(x0 -> new InstanceSpace.Start(certified, x0, horizon, exact));
        }

        @Override
        public Map<String, String> describe() {
            Map<String, String> space = new LinkedHashMap<>();
            space.put("field", "the system " + system.name() + " from " + file.getFileName() + ": " + system);
            space.put("constants", constants.describe());
            return space;
        }
    }
}
