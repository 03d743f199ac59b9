package io.flowaudit.claim;

import io.flowaudit.claim.Evidence.Judgement;
import io.flowaudit.field.Region;
import io.flowaudit.field.transformer.SphereAttention;
import io.flowaudit.field.transformer.TransformerField;
import io.flowaudit.flow.LayerMap;
import io.flowaudit.flow.LayerStack;
import io.flowaudit.flow.Trajectory;
import io.flowaudit.num.DoubleSystem;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.util.Decimal64;

/**
 * Euler layers of the LayerNorm (sphere) flow leave the sphere by O(h^2) per layer: the step h F_i is
 * orthogonal to x_i, so {@code |x_i + h F_i|^2 = |x_i|^2 + h^2 |F_i|^2} and a token's norm grows by at
 * most {@code h^2 m^2 / 2} per layer (tokens of norm >= 1, |F_i| <= m = M / sqrt(n)), and never shrinks.
 * Tolerance: one layer's rounding ({@link Resolution#ofLayers}) of the token's norm, the two norms' own rounding
 * and h times the component along x_i that the computed projection leaves in F_i ({@link SphereAttention}, "Computed
 * iterates"), which the state's size does not bound: it scales with |y_i| = |A(X)_i| <= m.
 */
final class SphereDriftCheck implements TheoremCheck {

    static final CheckKinds.Kind KIND = new CheckKinds.Kind("sphere-drift", List.of(), (numerics, values) -> new SphereDriftCheck(), CheckKinds.Uses.DOUBLE_ONLY);

    @Override
    public String theorem() {
        return "Structure (Euler drift off the sphere is O(h^2) per layer)";
    }

    @Override
    public String statement() {
        return "For Euler layers of attention on the sphere: 0 <= |x_i^{l+1}| - |x_i^l| <= h^2 m^2 / 2 for every token i"
                + " and layer l, with m = M / sqrt(n) the certified bound of one token's velocity.";
    }

    @Override
    public boolean needsDepth() {
        return true;
    }

    @Override
    public Evidence check(Instance instance) {
        TransformerField field = TokenStructure.require(instance.field(), "sphere drift");
        if (!(field instanceof SphereAttention)) {
            // elsewhere a step is not orthogonal to its token, and the norm moves at first order in h
            throw new NotApplicableException("sphere drift is a claim about Euler layers of attention on the sphere,"
                    + " whose steps are orthogonal to each token: it needs the sphere-attention family, got "
                    + field.family());
        }
        int n = field.tokens();
        int d = field.width();
        int depth = instance.depth();
        double h = instance.horizon() / depth;
        double velocity = field.certificate().bound() / Math.sqrt(n);
        double allowed = h * h * velocity * velocity / 2;
        double epsilon = DoubleSystem.INSTANCE.epsilon();
        Trajectory<Decimal64> layers = LayerStack.run(field, LayerMap.EULER, DoubleSystem.INSTANCE,
                instance.initialIn(DoubleSystem.INSTANCE), instance.horizonIn(DoubleSystem.INSTANCE), depth);
        Judgement judgement = new Judgement();
        for (int l = 0; l < depth; l++) {
            double[] before = layers.stateAsDoubles(l);
            double[] after = layers.stateAsDoubles(l + 1);
            // the computed F_i keeps a component along x_i of at most (2d + 4) u |y_i| = (d + 2) eps |y_i|, y_i = A(X)_i
            // bounded at this state: for a token at rest (y_i parallel to x_i, F_i = 0) with |y_i| = 100 and h = 1/2 it
            // shrank |x_i| by 1e-14, 4.5 times 10 eps |x_i|
            double projectionRounding = h * (d + 2) * epsilon * field.tokenBoundAt(before, instance.horizon());
            for (int i = 0; i < n; i++) {
                double norm = Region.tokenNorm(after, i, d);
                double grown = norm - Region.tokenNorm(before, i, d);
                // the layer's, and each norm's own, (d + 1) u = (d + 1) eps / 2 relative (d squares summed, a root)
                Resolution rounding = Resolution.ofLayers(1, epsilon, norm)
                        .plus(new Resolution((d + 1) * epsilon * norm + projectionRounding));
                String where = "growth of token " + (i + 1) + "'s norm in layer " + (l + 1);
                // the norm never shrinks: judged against rounding alone, as an identity
                if (!judgement.atMost(where, grown, "h^2 m^2 / 2", allowed, rounding)
                        || !judgement.atMost("shrinking of token " + (i + 1) + "'s norm in layer " + (l + 1), -grown,
                                "rounding allowance", rounding.value(), Resolution.NONE)) {
                    return evidence(judgement, velocity);
                }
            }
        }
        return evidence(judgement, velocity);
    }

    private static Evidence evidence(Judgement judgement, double velocity) {
        return Evidence.of(judgement, Map.of("m (token velocity bound)", Judgement.format(velocity)), List.of());
    }
}
