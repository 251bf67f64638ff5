package org.tend.insights.privacy;

import java.util.Collections;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The decision for every figure of one measure of one programme: for each value, released (with its value, exact or
 * noisy) or withheld (with its rule). The service computes it when the data changes and answers every query from it,
 * so the same question always gets the same answer and no order of questions reaches anything the plan did not
 * consider.
 */
public final class DisclosurePlan {

    private final String programme;
    private final String measure;
    private final Observation.Kind kind;
    private final PrivacySettings settings;
    private final NavigableMap<FigureKey, FigureRelease> releases;
    private final NoiseState noiseState;
    private final java.util.SortedSet<FigureKey> reachedBack;

    DisclosurePlan(String programme, String measure, Observation.Kind kind, PrivacySettings settings,
                   NavigableMap<FigureKey, FigureRelease> releases, NoiseState noiseState,
                   java.util.Set<FigureKey> reachedBack) {
        this.reachedBack = Collections.unmodifiableSortedSet(new java.util.TreeSet<>(reachedBack));
        this.programme = Objects.requireNonNull(programme, "programme");
        this.measure = Objects.requireNonNull(measure, "measure");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.releases = Collections.unmodifiableNavigableMap(new TreeMap<>(releases));
        this.noiseState = Objects.requireNonNull(noiseState, "noiseState");
    }

    public String programme() {
        return programme;
    }

    public String measure() {
        return measure;
    }

    public Observation.Kind kind() {
        return kind;
    }

    public PrivacySettings settings() {
        return settings;
    }

    /** What may be shown of the figure; empty for a figure that is not in the lattice (the API does not offer it). */
    public Optional<FigureRelease> release(FigureKey key) {
        return Optional.ofNullable(releases.get(key));
    }

    /** Every figure, in release order. */
    public NavigableMap<FigureKey, FigureRelease> releases() {
        return releases;
    }

    /** The ε an HR user spends to see the figure: noise mode's ε per figure if anything of it is released, else 0. */
    public Epsilon cost(FigureKey key) {
        FigureRelease release = releases.get(key);
        return settings.noiseMode() && release != null && release.anyReleased()
                ? settings.noise().perFigure() : Epsilon.ZERO;
    }

    /**
     * Figures of an earlier period that this plan withholds because of a later one. The planner avoids it (each step
     * withholds values of its own period), but along rare chains of relations through sums no value of the later
     * period breaks the chain. A plan made before that period may have released these figures: the service should
     * compare with the plan it replaces and alert rather than assume the past stays as it was (docs, open questions).
     */
    public java.util.SortedSet<FigureKey> reachedBack() {
        return reachedBack;
    }

    /**
     * This plan with some figures answered as they were released before: each of {@code kept} replaces the plan's
     * own decision for its key, or is added where the plan no longer has the figure. Used for the figures of closed
     * periods that were released while an erased participant still counted: they are shown as HR first saw them,
     * not recomputed without the person (which would reveal the change).
     */
    public DisclosurePlan withKept(java.util.Map<FigureKey, FigureRelease> kept) {
        if (kept.isEmpty()) {
            return this;
        }
        NavigableMap<FigureKey, FigureRelease> merged = new TreeMap<>(releases);
        merged.putAll(kept);
        return new DisclosurePlan(programme, measure, kind, settings, merged, noiseState, reachedBack);
    }

    /** The noise drawn for this plan, to keep for the next ({@link NoiseState}); empty outside noise mode. */
    public NoiseState noiseState() {
        return noiseState;
    }
}
