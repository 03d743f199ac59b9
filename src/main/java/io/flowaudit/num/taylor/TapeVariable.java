package io.flowaudit.num.taylor;

import io.flowaudit.num.DifferentiableOnly;
import io.flowaudit.num.ExactDoubleOperands;
import io.flowaudit.num.LinearCombinations;
import org.apache.commons.math3.Field;

/**
 * A value on a {@link Tape}: each arithmetic operation appends a node. Operations without a Taylor
 * recurrence here (inverse trigonometric functions, rounding) are rejected with a message, since a
 * field that uses them cannot be solved by the Taylor reference method.
 */
public final class TapeVariable
        implements LinearCombinations<TapeVariable>, ExactDoubleOperands<TapeVariable>, DifferentiableOnly<TapeVariable> {

    private final Tape tape;
    private final int node;

    TapeVariable(Tape tape, int node) {
        this.tape = tape;
        this.node = node;
    }

    Tape tape() {
        return tape;
    }

    int node() {
        return node;
    }

    @Override
    public UnsupportedOperationException refused(String operation) {
        return new UnsupportedOperationException(operation
                + " is not supported by the Taylor reference solver (no coefficient recurrence)");
    }

    @Override
    public Field<TapeVariable> getField() {
        return tape;
    }

    /** Recording has no values: a field must not branch on them. */
    @Override
    public double getReal() {
        throw new UnsupportedOperationException(
                "a vector field read a numeric value while being recorded for Taylor coefficients;"
                        + " fields must not branch on values (use abs() for piecewise definitions)");
    }

    @Override
    public TapeVariable add(TapeVariable a) {
        return tape.apply(Op.ADD, this, a);
    }

    @Override
    public TapeVariable subtract(TapeVariable a) {
        return tape.apply(Op.SUBTRACT, this, a);
    }

    @Override
    public TapeVariable negate() {
        return tape.apply(Op.NEGATE, this);
    }

    @Override
    public TapeVariable multiply(int n) {
        return multiply(tape.fromDouble(n));
    }

    @Override
    public TapeVariable multiply(TapeVariable a) {
        return tape.apply(Op.MULTIPLY, this, a);
    }

    @Override
    public TapeVariable divide(TapeVariable a) {
        return tape.apply(Op.DIVIDE, this, a);
    }

    /** A constant of the tape. */
    @Override
    public TapeVariable fromDouble(double value) {
        return tape.fromDouble(value);
    }

    @Override
    public TapeVariable reciprocal() {
        return tape.getOne().divide(this);
    }

    @Override
    public TapeVariable abs() {
        return tape.apply(Op.ABS, this);
    }

    @Override
    public TapeVariable hypot(TapeVariable y) {
        return multiply(this).add(y.multiply(y)).sqrt();
    }

    @Override
    public TapeVariable sqrt() {
        return tape.apply(Op.SQRT, this);
    }

    @Override
    public TapeVariable cbrt() {
        return rootN(3);
    }

    @Override
    public TapeVariable rootN(int n) {
        return tape.apply(Op.POWER_CONSTANT, this, tape.getOne().divide(tape.fromDouble(n)));
    }

    @Override
    public TapeVariable pow(double p) {
        if (p == Math.rint(p) && Math.abs(p) <= Integer.MAX_VALUE) {
            return pow((int) p);
        }
        return tape.apply(Op.POWER_CONSTANT, this, tape.fromDouble(p));
    }

    /** Integer powers by repeated squaring, which stays valid where the base is zero. */
    @Override
    public TapeVariable pow(int n) {
        TapeVariable result = tape.getOne();
        TapeVariable square = this;
        // the magnitude as a long: -Integer.MIN_VALUE overflows an int
        for (long e = Math.abs((long) n); e > 0; e >>= 1) {
            if ((e & 1) != 0) {
                result = result == tape.getOne() ? square : result.multiply(square);
            }
            if (e > 1) {
                square = square.multiply(square);
            }
        }
        return n < 0 ? result.reciprocal() : result;
    }

    @Override
    public TapeVariable pow(TapeVariable e) {
        if (tape.isConstant(e.node)) {
            return tape.apply(Op.POWER_CONSTANT, this, e);
        }
        return e.multiply(log()).exp();
    }

    @Override
    public TapeVariable exp() {
        return tape.apply(Op.EXP, this);
    }

    @Override
    public TapeVariable expm1() {
        return exp().subtract(tape.getOne());
    }

    @Override
    public TapeVariable log() {
        return tape.apply(Op.LOG, this);
    }

    @Override
    public TapeVariable log1p() {
        return add(tape.getOne()).log();
    }

    @Override
    public TapeVariable cos() {
        return tape.sinCos(this)[1];
    }

    @Override
    public TapeVariable sin() {
        return tape.sinCos(this)[0];
    }

    @Override
    public TapeVariable tan() {
        TapeVariable[] sinCos = tape.sinCos(this);
        return sinCos[0].divide(sinCos[1]);
    }

    @Override
    public TapeVariable cosh() {
        TapeVariable e = exp();
        return e.add(e.reciprocal()).divide(2.0);
    }

    @Override
    public TapeVariable sinh() {
        TapeVariable e = exp();
        return e.subtract(e.reciprocal()).divide(2.0);
    }

    @Override
    public TapeVariable tanh() {
        return tape.apply(Op.TANH, this);
    }

    @Override
    public TapeVariable acos() {
        throw refused("acos");
    }

    @Override
    public TapeVariable asin() {
        throw refused("asin");
    }

    @Override
    public TapeVariable atan() {
        throw refused("atan");
    }

    @Override
    public TapeVariable atan2(TapeVariable x) {
        throw refused("atan2");
    }

    @Override
    public TapeVariable acosh() {
        throw refused("acosh");
    }

    @Override
    public TapeVariable asinh() {
        throw refused("asinh");
    }

    @Override
    public TapeVariable atanh() {
        throw refused("atanh");
    }

    @Override
    public long round() {
        throw refused("round");
    }

    @Override
    public TapeVariable copySign(TapeVariable sign) {
        throw refused("copySign");
    }

    @Override
    public TapeVariable copySign(double sign) {
        throw refused("copySign");
    }

    @Override
    public TapeVariable scalb(int n) {
        return multiply(Math.scalb(1.0, n));
    }

    @Override
    public TapeVariable linearCombination(TapeVariable[] a, TapeVariable[] b) {
        TapeVariable sum = a[0].multiply(b[0]);
        for (int i = 1; i < a.length; i++) {
            sum = sum.add(a[i].multiply(b[i]));
        }
        return sum;
    }

    @Override
    public TapeVariable linearCombination(double[] a, TapeVariable[] b) {
        TapeVariable sum = b[0].multiply(a[0]);
        for (int i = 1; i < a.length; i++) {
            sum = sum.add(b[i].multiply(a[i]));
        }
        return sum;
    }
}
