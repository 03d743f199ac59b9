package io.flowaudit.field;

/**
 * How far the solutions a claim compares may get from those of its drawn start: a perturbed initial
 * state within {@code initial} of x_0, and a field perturbed by at most {@code field} everywhere
 * (Theorem 5). Certifying for initial states {@link #radius}(T) further out covers both: a field
 * perturbed by eps adds eps to every growth bound, and for a token growth {@code m' <= a m + b + eps}
 * gives {@code m(t) <= e^{at}(m_0 + eps t) + b (e^{at} - 1)/a}, the bound from {@code m_0 + eps t}; for
 * the linear-growth ball of {@code FamilyField.regionFor}, whose leading constant c is at least 1,
 * starting {@code 2 eps T} further out covers the added {@code eps (c (e^{KT} - 1)/K + T e^{KT})}. A
 * centred floor of the starts ({@link Domain#centredFloor}) falls by the same widening: a perturbed start's
 * token lies within {@code initial} of the drawn one's, and the perturbed field moves a token at most
 * {@code eps T} further than the field does.
 */
public record Reach(double initial, double field) {

    /** Only the drawn starts themselves. */
    public static final Reach NONE = new Reach(0, 0);

    /** How much further out than x_0 the compared solutions may start, over {@code [0, horizon]}. */
    public double radius(double horizon) {
        return initial + 2 * field * horizon;
    }
}
