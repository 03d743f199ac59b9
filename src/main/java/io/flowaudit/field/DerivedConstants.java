package io.flowaudit.field;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Constants of a stated system derived on its stated region ({@code constants: derive: true}), proved in
 * interval arithmetic (docs/theory.md, "Constants proved on a region"): each supremum lies in
 * {@code [attained, proved]}.
 *
 * @param suprema by the claim file's key: {@code lipschitz}, {@code one-sided-lipschitz}, {@code bound},
 *                {@code time-lipschitz}, {@code solution-curvature} (M2)
 * @param stated  the keys of the constants the auditor also stated (the claim uses those)
 * @param where   the region and time interval, e.g. {@code |x| <= 3.1, t in [0, 2]}
 * @param boxes   how many sub-boxes the proof covered
 */
public record DerivedConstants(Map<String, Supremum> suprema, List<String> stated, String where, int boxes) {

    /**
     * @param attained a value the field provably reaches at {@code witness}, a point of the region
     * @param proved   an upper bound of the constant over the whole region
     */
    public record Supremum(double attained, double proved, String witness) {
    }

    public DerivedConstants {
        suprema = Map.copyOf(suprema);
        stated = List.copyOf(stated);
    }

    public Optional<Supremum> of(String key) {
        return Optional.ofNullable(suprema.get(key));
    }
}
