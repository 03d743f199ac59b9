package io.flowaudit.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.field.Certificate;
import io.flowaudit.field.CertifiedField;
import io.flowaudit.field.Subject;
import io.flowaudit.gen.Fields;
import io.flowaudit.num.ApfloatElement;
import io.flowaudit.num.ApfloatSystem;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A file's decimals reach every number system exactly; a generator's doubles are their own values; a subject that is
 * no vector field (the checkpoint's input) is never read as one.
 */
class InstanceTest {

    private final ApfloatSystem digits40 = new ApfloatSystem(40);

    @Test
    void aFilesDecimalsAreExactAtAnyPrecision() {
        Instance fromFile = new Instance(null, new double[] {0.1}, new double[] {0.25}, 0.3, 0,
                new Instance.ExactStart(List.of(new BigDecimal("0.1")), new BigDecimal("0.3")));
        assertEquals(0.0, fromFile.initialIn(digits40)[0].subtract(digits40.fromDecimal("0.1")).getReal());
        assertEquals(0.0, fromFile.horizonIn(digits40).subtract(digits40.fromDecimal("0.3")).getReal());
        assertEquals(0.0, fromFile.perturbedInitialIn(digits40)[0].subtract(digits40.fromDecimal("0.35")).getReal());
    }

    @Test
    void aGeneratorsDoublesAreTheirOwnValues() {
        ApfloatElement x0 = new Instance(null, new double[] {0.1}, null, 0.3, 0).initialIn(digits40)[0];
        assertNotEquals(0.0, x0.subtract(digits40.fromDecimal("0.1")).getReal());
        assertEquals(0.0, x0.subtract(digits40.fromDouble(0.1)).getReal());
    }

    @Test
    void aSubjectThatIsNoVectorFieldIsNotReadAsOne() {
        Subject stackOfMaps = new Subject() {
            @Override
            public int dimension() {
                return 1;
            }

            @Override
            public Certificate certificate() {
                return Certificate.VACUOUS;
            }

            @Override
            public String family() {
                return "stack-of-maps";
            }

            @Override
            public Map<String, Object> parameters() {
                return Map.of();
            }
        };
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> new Instance(stackOfMaps, new double[] {0}, null, 1, 0).field());
        assertTrue(refused.getMessage().startsWith("stack-of-maps is not a vector field"), refused.getMessage());
        CertifiedField field = Fields.affine().dimension(1, 1).sample();
        assertSame(field, new Instance(field, new double[] {0}, null, 1, 0).field());
    }
}
