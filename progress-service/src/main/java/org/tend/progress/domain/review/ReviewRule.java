package org.tend.progress.domain.review;

import java.util.List;
import java.util.Objects;

/**
 * One "is it working?" rule of the review data. Each kind says which placeholders its reason may use; every flag
 * names the rule that raised it.
 */
public sealed interface ReviewRule {

    String NO_RELIABLE_IMPROVEMENT = "no-reliable-improvement";
    String RELIABLE_DETERIORATION = "reliable-deterioration";
    String NO_CHECK_IN = "no-check-in";
    List<String> KINDS = List.of(NO_RELIABLE_IMPROVEMENT, RELIABLE_DETERIORATION, NO_CHECK_IN);

    String id();

    String kind();

    ReasonTemplate reason();

    /** The placeholders a reason of this kind may use. */
    static List<String> placeholders(String kind) {
        return switch (kind) {
            case NO_RELIABLE_IMPROVEMENT -> NoReliableImprovement.PLACEHOLDERS;
            case RELIABLE_DETERIORATION -> ReliableDeterioration.PLACEHOLDERS;
            case NO_CHECK_IN -> NoCheckIn.PLACEHOLDERS;
            default -> List.of();
        };
    }

    /**
     * A plan (an intervention, from the first goal set for it) with no reliable improvement on {@code instrumentId}
     * once {@code afterWeeks} weeks have passed since it started or {@code afterMeasures} measures were taken since,
     * from the baseline (the last measure at or before the start, else the first after it) to the latest measure.
     *
     * @param requireCaseAtBaseline only judge plans whose baseline is at or above the instrument's caseness (a
     *                              baseline below it leaves little room for a reliable fall)
     */
    record NoReliableImprovement(String id, String instrumentId, int afterWeeks, int afterMeasures,
                                 boolean requireCaseAtBaseline, ReasonTemplate reason) implements ReviewRule {
        public static final List<String> PLACEHOLDERS = List.of("instrument", "intervention", "planStart", "weeks",
                "measures", "weeksSincePlan", "measuresSincePlan", "baseline", "baselineDate", "latest", "latestDate",
                "change", "needed", "classification");

        public NoReliableImprovement {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(instrumentId, "instrumentId");
            Objects.requireNonNull(reason, "reason");
            if (afterWeeks < 1 || afterMeasures < 1) {
                throw new IllegalArgumentException("afterWeeks and afterMeasures must be at least 1");
            }
        }

        @Override
        public String kind() {
            return NO_RELIABLE_IMPROVEMENT;
        }
    }

    /** Any instrument whose change from the first to the latest measure is reliable deterioration. */
    record ReliableDeterioration(String id, ReasonTemplate reason) implements ReviewRule {
        public static final List<String> PLACEHOLDERS = List.of("instrument", "first", "firstDate", "latest",
                "latestDate", "change", "rule");

        public ReliableDeterioration {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String kind() {
            return RELIABLE_DETERIORATION;
        }
    }

    /** No assessment, goal rating or attainment rating for {@code afterWeeks} weeks while a plan is active. */
    record NoCheckIn(String id, int afterWeeks, ReasonTemplate reason) implements ReviewRule {
        public static final List<String> PLACEHOLDERS = List.of("weeks", "weeksSince", "lastCheckIn",
                "lastCheckInKind");

        public NoCheckIn {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(reason, "reason");
            if (afterWeeks < 1) {
                throw new IllegalArgumentException("afterWeeks must be at least 1");
            }
        }

        @Override
        public String kind() {
            return NO_CHECK_IN;
        }
    }
}
