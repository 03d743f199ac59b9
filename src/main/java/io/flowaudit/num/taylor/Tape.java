package io.flowaudit.num.taylor;

import static io.flowaudit.num.HashSpread.spread;

import io.flowaudit.num.Scalars;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.math3.Field;
import org.apache.commons.math3.FieldElement;
import org.apache.commons.math3.RealFieldElement;
import org.apache.commons.math3.util.MathArrays;

/**
 * A recording of one evaluation of a vector field as a list of elementary operations, in the order
 * they were performed (a topological order). Evaluating a field on {@link TapeVariable}s records it;
 * {@link TaylorEvaluator} then replays the tape in any number system to compute Taylor coefficients
 * of the solution by automatic differentiation. Fields are pure and do not branch on values, so one
 * recording serves every state. The tape is hash-consed: an operation already recorded on the same
 * arguments (or a constant already recorded) is not recorded again, so a subexpression a field or a
 * formula repeats — each softmax weight's exp in a hand-written attention formula — costs once.
 */
public final class Tape implements Field<TapeVariable>, Scalars.ExactConstants<TapeVariable>,
        Scalars.ShiftMaximum<TapeVariable> {

    /** A constant's value before it is converted to the number system the tape is replayed in. */
    record ConstantValue(String decimal, double binary, boolean isPi) {
    }

    /**
     * What makes two nodes the same: the operation, its argument nodes, and a constant's value. Hashed with every
     * argument's bits spread (a list's 31-polynomial of nearby node numbers repeats, {@code 31 a + b} for many pairs,
     * and the table's buckets became trees); equality is the record's.
     */
    private record NodeKey(Op op, List<Integer> arguments, ConstantValue constant) {

        @Override
        public int hashCode() {
            int h = op.ordinal();
            for (int argument : arguments) {
                h = spread(h * 0x9e3779b9 + argument);
            }
            return spread(h * 0x9e3779b9 + Objects.hashCode(constant));
        }
    }

    final List<Op> ops = new ArrayList<>();
    final List<int[]> args = new ArrayList<>();
    final List<ConstantValue> constants = new ArrayList<>();
    final List<Boolean> constantNodes = new ArrayList<>();
    /** For a SIN node its COS partner and vice versa; -1 otherwise. */
    final List<Integer> partners = new ArrayList<>();
    /** Node index of each state variable x_i, of the time variable, and of each field output. */
    final int[] stateNodes;
    final int timeNode;
    int[] outputNodes;

    private final Map<NodeKey, Integer> recorded = new HashMap<>();
    private final TapeVariable zero;
    private final TapeVariable one;

    private Tape(int dimension) {
        stateNodes = new int[dimension];
        for (int i = 0; i < dimension; i++) {
            stateNodes[i] = addNode(Op.STATE, new int[] {i}, null, false);
        }
        timeNode = addNode(Op.TIME, new int[0], null, false);
        zero = fromDouble(0);
        one = fromDouble(1);
    }

    /** A right-hand side F(t, x) to record: a vector field's evaluation, taken on tape variables. */
    @FunctionalInterface
    public interface Recordable {
        TapeVariable[] evaluate(TapeVariable t, TapeVariable[] x);
    }

    /** Records {@code field} of the given dimension evaluated at symbolic (t, x). */
    public static Tape record(int dimension, Recordable field) {
        Tape tape = new Tape(dimension);
        TapeVariable[] state = MathArrays.buildArray(tape, dimension);
        for (int i = 0; i < state.length; i++) {
            state[i] = new TapeVariable(tape, tape.stateNodes[i]);
        }
        TapeVariable[] out = field.evaluate(new TapeVariable(tape, tape.timeNode), state);
        if (out.length != dimension) {
            throw new IllegalStateException("field returned " + out.length + " components, expected " + dimension);
        }
        tape.outputNodes = new int[out.length];
        for (int i = 0; i < out.length; i++) {
            if (out[i].tape() != tape) {
                throw new IllegalStateException("field output " + i + " was not computed from its inputs");
            }
            tape.outputNodes[i] = out[i].node();
        }
        return tape;
    }

    public int dimension() {
        return stateNodes.length;
    }

    public int size() {
        return ops.size();
    }

    int addNode(Op op, int[] arguments, ConstantValue constant, boolean isConstant) {
        NodeKey key = new NodeKey(op, Arrays.stream(arguments).boxed().toList(), constant);
        Integer existing = recorded.get(key);
        if (existing != null) {
            return existing;
        }
        recorded.put(key, ops.size());
        ops.add(op);
        args.add(arguments);
        constants.add(constant);
        constantNodes.add(isConstant);
        partners.add(-1);
        return ops.size() - 1;
    }

    boolean isConstant(int node) {
        return constantNodes.get(node);
    }

    TapeVariable apply(Op op, TapeVariable... operands) {
        int[] nodes = new int[operands.length];
        boolean constant = true;
        for (int i = 0; i < operands.length; i++) {
            if (operands[i].tape() != this) {
                throw new IllegalArgumentException("operands recorded on different tapes");
            }
            nodes[i] = operands[i].node();
            constant &= isConstant(nodes[i]);
        }
        return new TapeVariable(this, addNode(op, nodes, null, constant));
    }

    /** sin and cos are computed together: each one's recurrence needs the other's coefficients. */
    TapeVariable[] sinCos(TapeVariable angle) {
        TapeVariable sin = apply(Op.SIN, angle);
        TapeVariable cos = apply(Op.COS, angle);
        partners.set(sin.node(), cos.node());
        partners.set(cos.node(), sin.node());
        return new TapeVariable[] {sin, cos};
    }

    @Override
    public TapeVariable maximumAsShift(TapeVariable[] values, int from, int to) {
        return apply(Op.SHIFT_MAXIMUM, Arrays.copyOfRange(values, from, to));
    }

    @Override
    public TapeVariable fromDecimal(String decimalText) {
        return new TapeVariable(this, addNode(Op.CONSTANT, new int[0], new ConstantValue(decimalText, 0, false), true));
    }

    @Override
    public TapeVariable fromDouble(double value) {
        return new TapeVariable(this, addNode(Op.CONSTANT, new int[0], new ConstantValue(null, value, false), true));
    }

    @Override
    public TapeVariable pi() {
        return new TapeVariable(this, addNode(Op.CONSTANT, new int[0], new ConstantValue(null, 0, true), true));
    }

    @Override
    public TapeVariable getZero() {
        return zero;
    }

    @Override
    public TapeVariable getOne() {
        return one;
    }

    @Override
    public Class<? extends FieldElement<TapeVariable>> getRuntimeClass() {
        return TapeVariable.class;
    }

    static <S extends RealFieldElement<S>> S valueOf(ConstantValue constant, S zero) {
        if (constant.isPi()) {
            return Scalars.pi(zero);
        }
        return constant.decimal() != null ? Scalars.decimal(zero, constant.decimal())
                : Scalars.constant(zero, constant.binary());
    }
}
