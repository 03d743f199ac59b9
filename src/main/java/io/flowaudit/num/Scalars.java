package io.flowaudit.num;

import java.math.BigDecimal;
import org.apache.commons.math3.Field;
import org.apache.commons.math3.RealFieldElement;

/**
 * Constants for generic code that holds only a scalar of the number system it runs in: a field
 * written once against {@link RealFieldElement} asks here for {@code 0.1} or {@code pi} and gets
 * them exact to the working precision of whatever system it is evaluated in.
 */
public final class Scalars {

    private Scalars() {
    }

    /** Implemented by fields whose elements can hold a decimal literal more exactly than a double. */
    public interface ExactConstants<T> {
        T fromDecimal(String decimalText);

        T fromDouble(double value);

        T pi();
    }

    @SuppressWarnings("unchecked")
    public static <T extends RealFieldElement<T>> T decimal(T like, String decimalText) {
        Field<T> field = like.getField();
        if (field instanceof ExactConstants) {
            return ((ExactConstants<T>) field).fromDecimal(decimalText);
        }
        return field.getZero().add(new BigDecimal(decimalText).doubleValue());
    }

    @SuppressWarnings("unchecked")
    public static <T extends RealFieldElement<T>> T constant(T like, double value) {
        Field<T> field = like.getField();
        if (field instanceof ExactConstants) {
            return ((ExactConstants<T>) field).fromDouble(value);
        }
        return field.getZero().add(value);
    }

    @SuppressWarnings("unchecked")
    public static <T extends RealFieldElement<T>> T pi(T like) {
        Field<T> field = like.getField();
        if (field instanceof ExactConstants) {
            return ((ExactConstants<T>) field).pi();
        }
        return field.getZero().add(Math.PI);
    }
}
