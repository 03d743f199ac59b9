package io.flowaudit.audit;

import io.flowaudit.claim.Claim.FieldSource;
import io.flowaudit.claim.Instance;
import io.flowaudit.claim.StatedHypotheses;
import io.flowaudit.field.Certificate;
import io.flowaudit.field.StatedField;
import io.flowaudit.field.formula.FormulaSystem;
import io.flowaudit.field.formula.SystemFile;
import io.flowaudit.input.InputPaths;
import io.flowaudit.input.YamlNode;
import io.flowaudit.num.DoubleSystem;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.util.Decimal64;

/**
 * Reads a claim file's {@code field: {system: path, constants: ...}}: a formula system file with constants stated by
 * the auditor or derived on the stated region; one field, one initial state, one horizon.
 */
final class SystemSource {

    static final List<String> KEYS = List.of("system", "constants");

    private SystemSource() {
    }

    /**
     * The system's one field: the auditor's constants are tested against it before the claim runs (at the first try),
     * and the checks also verify that the solutions stay in their region.
     */
    static FieldSource read(YamlNode node, Path claimFile) {
        node.requireKeysAmong(KEYS);
        YamlNode path = node.require("system", "the path of a system file, relative to the claim file");
        Path file = InputPaths.resolveConfined(path, claimFile, "system file");
        FormulaSystem system = SystemFile.load(file);
        YamlNode stated = node.require("constants", "the field's constants stated by the auditor ("
                + String.join(", ", SystemConstants.STATED) + ", region-radius), or derive: true on the region")
                .requireMapping();
        SystemConstants constants = SystemConstants.read(stated, system);
        double[] initial = Arrays.stream(system.initialState(DoubleSystem.INSTANCE)).mapToDouble(Decimal64::getReal)
                .toArray();
        double horizon = system.horizon().doubleValue();
        Certificate certificate = constants.certificate();
        StatedField field = new StatedField(system, certificate, system.name() + " (" + file.getFileName() + ")",
                initial, () -> StatedHypotheses.check(system, certificate, initial, horizon), constants.derived(),
                constants.written());
        Map<String, String> space = new LinkedHashMap<>();
        space.put("field", "the system " + system.name() + " from " + file.getFileName() + ": " + system);
        space.put("constants", constants.describe());
        return FieldSource.stated(field, initial, new Instance.ExactStart(system.initialValues(), system.horizon()),
                file, space);
    }
}
