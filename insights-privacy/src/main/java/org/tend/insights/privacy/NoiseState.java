package org.tend.insights.privacy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The noise a plan drew, for the service to keep with the plan and hand to the next one. A value whose truth and
 * scale have not changed keeps its noise, so recomputing a plan never gives an HR user a second noisy look at the same
 * number (two independent draws could be averaged). It holds true values: store it as the service stores its raw
 * figures, never show it.
 */
public final class NoiseState {

    /** One drawn noise: the value it was added to, the scale it was drawn at ({@code Δ/ε}), and the noise. */
    public record Draw(long trueValue, String scale, long noise) {
        public Draw {
            Objects.requireNonNull(scale, "scale");
        }
    }

    private static final NoiseState EMPTY = new NoiseState(Map.of());

    private final Map<String, Draw> draws;

    private NoiseState(Map<String, Draw> draws) {
        this.draws = Collections.unmodifiableMap(new LinkedHashMap<>(draws));
    }

    public static NoiseState empty() {
        return EMPTY;
    }

    /** Draws by the id of the value they belong to ({@code <scope>/<period>/<part>}), as {@link #draws()} gave them. */
    public static NoiseState of(Map<String, Draw> draws) {
        return new NoiseState(draws);
    }

    public Map<String, Draw> draws() {
        return draws;
    }

    Draw get(String id) {
        return draws.get(id);
    }
}
