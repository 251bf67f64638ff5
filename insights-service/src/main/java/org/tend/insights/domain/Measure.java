package org.tend.insights.domain;

import java.util.Objects;
import org.tend.insights.privacy.Observation;

/**
 * One measure of the figures: its id (as the API and the audit trail name it), the group it is shown in, the kind
 * of observation the privacy planner plans it as, and how its values read.
 *
 * @param id      a slug, e.g. {@code who5-mean}, {@code chosen-cbt}
 * @param group   {@code uptake}, {@code engagement}, {@code wellbeing}, {@code outcomes} or {@code interventions}
 * @param kind    count, sum (shown as a mean and, where it means something, a total), rate or distribution
 * @param label   what it is, in a sentence's words
 * @param divisor a sum's values are stored multiplied by this (the GBO change in tenths: 10), 1 otherwise
 * @param total   whether a sum's total is worth showing (assessments completed) or only its mean (WHO-5)
 * @param subject the intervention a per-intervention measure is about, else null
 */
public record Measure(String id, String group, Observation.Kind kind, String label, int divisor, boolean total,
                      String subject) {

    public Measure {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(label, "label");
        if (divisor < 1) {
            throw new IllegalArgumentException("divisor ≥ 1");
        }
    }

    static Measure of(String id, String group, Observation.Kind kind, String label) {
        return new Measure(id, group, kind, label, 1, false, null);
    }
}
