package org.tend.progress.domain.review;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which review flags a practitioner has dealt with. A flag is resolved by the latest adjustment or review of the care
 * plan a practitioner made since it was raised (the caller passes only those); a review that continues the plan holds for one review period, after which a flag
 * whose rule still holds is open again (from the end of that period). An open flag nobody resolves within the
 * programme's review period is overdue.
 */
public final class FlagResolutions {

    /** How a flag was dealt with: {@code adjusted} (with the change) or {@code reviewed}, by whom, why. */
    public record Resolution(Instant at, String by, String byRole, String how, String change, String reason) {
    }

    /** A flag the rules raise that an adjustment or review has resolved until {@code holdsUntil}. */
    public record ResolvedFlag(ReviewFlag flag, Resolution resolution, Instant holdsUntil) {

        /** The same, without who resolved it (the participant's own view shows the role only). */
        public ResolvedFlag withoutWho() {
            return new ResolvedFlag(flag, new Resolution(resolution.at(), null, resolution.byRole(),
                    resolution.how(), resolution.change(), resolution.reason()), holdsUntil);
        }
    }

    public record Outcome(List<ReviewFlag> open, List<ResolvedFlag> resolved) {
        public Outcome {
            open = List.copyOf(open);
            resolved = List.copyOf(resolved);
        }
    }

    private FlagResolutions() {
    }

    /**
     * @param flags       what the rules raise now
     * @param resolutions every adjustment and review of the plan
     */
    public static Outcome apply(List<ReviewFlag> flags, List<Resolution> resolutions, Period reviewPeriod,
                                Instant now) {
        Duration period = Duration.ofDays(reviewPeriod.getDays());
        List<ReviewFlag> open = new ArrayList<>();
        List<ResolvedFlag> resolved = new ArrayList<>();
        for (ReviewFlag flag : flags) {
            Resolution latest = resolutions.stream()
                    .filter(r -> !r.at().isBefore(flag.since()) && !r.at().isAfter(now))
                    .max(Comparator.comparing(Resolution::at)).orElse(null);
            if (latest == null) {
                open.add(flag.open(flag.since(), reviewPeriod, now));
            } else if (now.isBefore(latest.at().plus(period))) {
                resolved.add(new ResolvedFlag(flag, latest, latest.at().plus(period)));
            } else {
                open.add(flag.open(latest.at().plus(period), reviewPeriod, now));
            }
        }
        return new Outcome(open, resolved);
    }
}
