package io.flowaudit.num.interval;

import io.flowaudit.num.DifferentiableOnly;
import io.flowaudit.num.LinearCombinations;
import io.flowaudit.num.Scalars;
import java.util.Arrays;
import java.util.function.IntFunction;
import org.apache.commons.math3.Field;
import org.apache.commons.math3.FieldElement;

/**
 * Forward-mode first derivatives over intervals: a value enclosure and enclosures of its partial
 * derivatives with respect to the {@link Variables}' inputs, propagated by the chain rule in interval
 * arithmetic. Evaluated on a box, the partials enclose the derivative at every point of the box
 * (commons-math3's DerivativeStructure holds doubles only, so it cannot carry intervals).
 *
 * <p>abs is Lipschitz but not differentiable at 0: across 0 its derivative is enclosed by [-1, 1], the
 * hull of Clarke's generalized gradient, which is what the mean-value inequalities the constants rest
 * on need. Functions with jumps (floor, ceil, rint, signum, remainder) have no derivative enclosure and
 * are refused.
 */
public final class Dual implements LinearCombinations<Dual>, DifferentiableOnly<Dual> {

    /** The field of duals over {@code count} variables at one interval precision. */
    public static final class Variables implements Field<Dual>, Scalars.ExactConstants<Dual> {
        private final IntervalSystem numbers;
        private final int count;

        public Variables(IntervalSystem numbers, int count) {
            this.numbers = numbers;
            this.count = count;
        }

        public IntervalSystem numbers() {
            return numbers;
        }

        /** The i-th input: value {@code x}, partial derivative 1 with respect to itself. */
        public Dual variable(int i, Interval x) {
            Interval[] gradient = zeros();
            gradient[i] = numbers.getOne();
            return new Dual(this, x, gradient);
        }

        public Dual constant(Interval x) {
            return new Dual(this, x, zeros());
        }

        /** Decimal literals of formulas enter exactly (as intervals), never through a double. */
        @Override
        public Dual fromDecimal(String decimalText) {
            return constant(numbers.fromDecimal(decimalText));
        }

        @Override
        public Dual fromDouble(double value) {
            return constant(numbers.fromDouble(value));
        }

        @Override
        public Dual pi() {
            return constant(numbers.pi());
        }

        private Interval[] zeros() {
            Interval[] gradient = new Interval[count];
            Arrays.fill(gradient, numbers.getZero());
            return gradient;
        }

        @Override
        public Dual getZero() {
            return constant(numbers.getZero());
        }

        @Override
        public Dual getOne() {
            return constant(numbers.getOne());
        }

        @Override
        public Class<? extends FieldElement<Dual>> getRuntimeClass() {
            return Dual.class;
        }
    }

    private final Variables variables;
    private final Interval value;
    private final Interval[] gradient;

    private Dual(Variables variables, Interval value, Interval[] gradient) {
        this.variables = variables;
        this.value = value;
        this.gradient = gradient;
    }

    public Interval value() {
        return value;
    }

    /** The enclosure of the partial derivative with respect to variable i. */
    public Interval partial(int i) {
        return gradient[i];
    }

    /** {@code f(this)} with {@code f'(this)} enclosed by {@code derivative}. */
    private Dual chain(Interval newValue, Interval derivative) {
        Interval[] out = new Interval[gradient.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = gradient[i].multiply(derivative);
        }
        return new Dual(variables, newValue, out);
    }

    @Override
    public ArithmeticException refused(String operation) {
        return new ArithmeticException(operation + " has jumps: no derivative enclosure for " + value);
    }

    @Override
    public Field<Dual> getField() {
        return variables;
    }

    @Override
    public double getReal() {
        return value.getReal();
    }

    @Override
    public Dual add(Dual a) {
        Interval[] out = new Interval[gradient.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = gradient[i].add(a.gradient[i]);
        }
        return new Dual(variables, value.add(a.value), out);
    }

    @Override
    public Dual subtract(Dual a) {
        return add(a.negate());
    }

    @Override
    public Dual negate() {
        return chain(value.negate(), variables.numbers().fromInt(-1));
    }

    @Override
    public Dual multiply(int n) {
        return chain(value.multiply(n), variables.numbers().fromInt(n));
    }

    @Override
    public Dual multiply(Dual a) {
        if (a == this) {
            return chain(value.multiply(value), value.multiply(2));
        }
        Interval[] out = new Interval[gradient.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = gradient[i].multiply(a.value).add(a.gradient[i].multiply(value));
        }
        return new Dual(variables, value.multiply(a.value), out);
    }

    @Override
    public Dual divide(Dual a) {
        return multiply(a.reciprocal());
    }

    @Override
    public Dual reciprocal() {
        Interval inverse = value.reciprocal();
        return chain(inverse, inverse.multiply(inverse).negate());
    }

    @Override
    public Dual add(double a) {
        return new Dual(variables, value.add(a), gradient);
    }

    @Override
    public Dual subtract(double a) {
        return new Dual(variables, value.subtract(a), gradient);
    }

    @Override
    public Dual multiply(double a) {
        return chain(value.multiply(a), variables.numbers().fromDouble(a));
    }

    @Override
    public Dual divide(double a) {
        Interval inverse = variables.numbers().getOne().divide(a);
        return chain(value.multiply(inverse), inverse);
    }

    @Override
    public Dual abs() {
        return chain(value.abs(), value.signum());
    }

    @Override
    public long round() {
        return value.round();
    }

    /** Refused unless the sign of {@code sign} is decided, as {@link Interval#copySign(Interval)}. */
    @Override
    public Dual copySign(Dual sign) {
        value.copySign(sign.value);  // refuses a sign that is not decided
        return sign.value.lo().signum() >= 0 ? abs() : abs().negate();
    }

    @Override
    public Dual copySign(double sign) {
        boolean negative = sign < 0 || (sign == 0 && 1 / sign < 0);
        return negative ? abs().negate() : abs();
    }

    @Override
    public Dual scalb(int n) {
        Interval factor = variables.numbers().getOne().scalb(n);
        return chain(value.multiply(factor), factor);
    }

    @Override
    public Dual hypot(Dual y) {
        return multiply(this).add(y.multiply(y)).sqrt();
    }

    @Override
    public Dual sqrt() {
        Interval root = value.sqrt();
        return chain(root, root.multiply(2).reciprocal());
    }

    @Override
    public Dual cbrt() {
        return rootN(3);
    }

    /** d/dx x^(1/n) = x^(1/n) / (n x): refused at 0, where it is unbounded. */
    @Override
    public Dual rootN(int n) {
        Interval root = value.rootN(n);
        return chain(root, root.divide(value.multiply(n)));
    }

    /**
     * A whole p as {@link #pow(int)}; any other as {@link #pow(Dual)} of p's exact value, so that the derivative
     * {@code p x^(p-1)} never uses the double {@code p - 1}, which is rounded (0.1 - 1 gives -0.9000000000000000222,
     * not -0.8999999999999999944: a derivative off by 3e-17 |log x|, far outside a 20-digit enclosure).
     */
    @Override
    public Dual pow(double p) {
        if (p == Math.rint(p) && Math.abs(p) < Integer.MAX_VALUE) {
            return pow((int) p);
        }
        return pow(variables.fromDouble(p));
    }

    @Override
    public Dual pow(int n) {
        if (n == 0) {
            return variables.getOne();
        }
        return chain(value.pow(n), value.pow(n - 1).multiply(n));
    }

    @Override
    public Dual pow(Dual e) {
        return e.multiply(log()).exp();
    }

    @Override
    public Dual exp() {
        Interval e = value.exp();
        return chain(e, e);
    }

    @Override
    public Dual expm1() {
        return chain(value.expm1(), value.exp());
    }

    @Override
    public Dual log() {
        return chain(value.log(), value.reciprocal());
    }

    @Override
    public Dual log1p() {
        return chain(value.log1p(), value.add(1).reciprocal());
    }

    @Override
    public Dual cos() {
        return chain(value.cos(), value.sin().negate());
    }

    @Override
    public Dual sin() {
        return chain(value.sin(), value.cos());
    }

    @Override
    public Dual tan() {
        Interval tan = value.tan();
        return chain(tan, tan.multiply(tan).add(1));
    }

    @Override
    public Dual acos() {
        return chain(value.acos(), inverseSqrtOfOneMinusSquare().negate());
    }

    @Override
    public Dual asin() {
        return chain(value.asin(), inverseSqrtOfOneMinusSquare());
    }

    private Interval inverseSqrtOfOneMinusSquare() {
        Interval one = variables.numbers().getOne();
        return one.subtract(value).multiply(value.add(1)).sqrt().reciprocal();
    }

    @Override
    public Dual atan() {
        return chain(value.atan(), value.multiply(value).add(1).reciprocal());
    }

    /** atan(y/x) for x > 0, as {@link Interval#atan2}. */
    @Override
    public Dual atan2(Dual x) {
        value.atan2(x.value);  // refuses x not above 0
        return divide(x).atan();
    }

    @Override
    public Dual cosh() {
        return chain(value.cosh(), value.sinh());
    }

    @Override
    public Dual sinh() {
        return chain(value.sinh(), value.cosh());
    }

    @Override
    public Dual tanh() {
        Interval tanh = value.tanh();
        return chain(tanh, variables.numbers().getOne().subtract(tanh.multiply(tanh)));
    }

    @Override
    public Dual acosh() {
        return chain(value.acosh(), value.subtract(1).multiply(value.add(1)).sqrt().reciprocal());
    }

    @Override
    public Dual asinh() {
        return chain(value.asinh(), value.multiply(value).add(1).sqrt().reciprocal());
    }

    @Override
    public Dual atanh() {
        Interval one = variables.numbers().getOne();
        return chain(value.atanh(), one.subtract(value).multiply(value.add(1)).reciprocal());
    }

    private static Dual sum(Dual zero, int length, IntFunction<Dual> term) {
        Dual total = zero;
        for (int i = 0; i < length; i++) {
            total = total.add(term.apply(i));
        }
        return total;
    }

    @Override
    public Dual linearCombination(Dual[] a, Dual[] b) {
        return sum(variables.getZero(), a.length, i -> a[i].multiply(b[i]));
    }

    @Override
    public Dual linearCombination(double[] a, Dual[] b) {
        return sum(variables.getZero(), a.length, i -> b[i].multiply(a[i]));
    }

    @Override
    public String toString() {
        return value + " d" + Arrays.toString(gradient);
    }
}
