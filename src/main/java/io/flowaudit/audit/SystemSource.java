package io.flowaudit.audit;

import io.flowaudit.claim.Claim;
import io.flowaudit.claim.Claim.FieldSource;
import io.flowaudit.claim.Instance;
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
import io.flowaudit.num.DoubleSystem;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import org.apache.commons.math3.util.Decimal64;

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
    public Arbitrary<Claim.Start> starts(Reach reach) {
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
        return field.initialStates(radius).map(x0 -> new Claim.Start(certified, x0, horizon, exact));
    }

    @Override
    public List<Path> files() {
        return List.of(file);
    }

    @Override
    public Map<String, String> describe() {
        Map<String, String> space = new LinkedHashMap<>();
        space.put("field", "the system " + system.name() + " from " + file.getFileName() + ": " + system);
        space.put("constants", constants.describe());
        return space;
    }
}
