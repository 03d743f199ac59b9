package io.flowaudit.claim;

import io.flowaudit.field.CertifiedField;
import io.flowaudit.field.Subject;
import io.flowaudit.num.NumberSystem;
import io.flowaudit.verdict.ValueText;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.commons.math3.RealFieldElement;

/**
 * One generated case a claim is checked on: its subject (a certified field, or an input of the real checkpoint), an
 * initial state, a perturbation of it (for the perturbation theorems), the horizon T and a depth (for claims at a
 * single depth).
 *
 * @param exact x0 and T as the decimals a file wrote, or null when the doubles are the values (drawn by
 *              a generator): the checks start every number system from {@link #initialIn} and
 *              {@link #horizonIn}, so 0.1 in a system file is one tenth at any precision
 */
public record Instance(Subject subject, double[] initial, double[] perturbation, double horizon, int depth,
        ExactStart exact) {

    /** x0 and T exactly as written in a file. */
    public record ExactStart(List<BigDecimal> initial, BigDecimal horizon) {
    }

    /** An instance whose doubles are its values. */
    public Instance(Subject subject, double[] initial, double[] perturbation, double horizon, int depth) {
        this(subject, initial, perturbation, horizon, depth, null);
    }

    /**
     * The vector field the tries run on: the subject of every claim but those on the real checkpoint, whose checks
     * alone run on its inputs and read them with {@code ModelInput.of} ({@code Claim.read} pairs them so).
     */
    public CertifiedField field() {
        if (subject instanceof CertifiedField field) {
            return field;
        }
        throw new IllegalStateException(subject.family() + " is not a vector field; only the checks on the model run"
                + " on it");
    }

    /**
     * A smaller instance for shrinking: {@code smaller} in place of this one's subject, with x0 and the
     * perturbation cut down by {@code reduce} (which drops the components or tokens the subject lost).
     */
    Instance reducedTo(Subject smaller, UnaryOperator<double[]> reduce) {
        return new Instance(smaller, reduce.apply(initial), perturbation == null ? null : reduce.apply(perturbation),
                horizon, depth);
    }

    /** The perturbed initial state y_0 = x_0 + delta. */
    public double[] perturbedInitial() {
        double[] y = initial.clone();
        for (int i = 0; i < y.length; i++) {
            y[i] += perturbation[i];
        }
        return y;
    }

    /** x0 in a number system: from the file's decimals when there are some, else from the doubles. */
    <T extends RealFieldElement<T>> T[] initialIn(NumberSystem<T> numbers) {
        if (exact == null) {
            return numbers.fromDoubles(initial);
        }
        T[] x = numbers.array(initial.length);
        for (int i = 0; i < x.length; i++) {
            x[i] = numbers.fromDecimal(exact.initial().get(i).toString());
        }
        return x;
    }

    /** x0 as exact decimals: the file's, or each double's exact value. */
    BigDecimal[] exactInitial() {
        BigDecimal[] x = new BigDecimal[initial.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = exact == null ? new BigDecimal(initial[i]) : exact.initial().get(i);
        }
        return x;
    }

    /** T as an exact decimal: the file's, or the double's exact value. */
    BigDecimal exactHorizon() {
        return exact == null ? new BigDecimal(horizon) : exact.horizon();
    }

    /** y0 = x0 + delta in a number system, x0 as in {@link #initialIn}. */
    <T extends RealFieldElement<T>> T[] perturbedInitialIn(NumberSystem<T> numbers) {
        T[] y = initialIn(numbers);
        for (int i = 0; i < y.length; i++) {
            y[i] = y[i].add(numbers.fromDouble(perturbation[i]));
        }
        return y;
    }

    /** T in a number system: from the file's decimal when there is one, else from the double. */
    <T extends RealFieldElement<T>> T horizonIn(NumberSystem<T> numbers) {
        return exact == null ? numbers.fromDouble(horizon) : numbers.fromDecimal(exact.horizon().toString());
    }

    @Override
    public String toString() {
        return subject.family() + " " + ValueText.text(subject.parameters()) + ", x0 = " + ValueText.text(initial)
                + (perturbation == null ? "" : ", delta = " + ValueText.text(perturbation))
                + ", T = " + ValueText.number(horizon) + (depth > 0 ? ", L = " + depth : "");
    }
}
