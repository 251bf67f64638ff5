package org.tend.assessment.config;

import java.time.Duration;

/**
 * The service's tunable rules, from configuration.
 *
 * @param defaultCrisisSignposting shown to a participant whose answers raise a safety concern when their programme
 *     set none ({@code tend.safety.default-crisis-signposting})
 * @param acknowledgeWithin how long a safety alert may stay unacknowledged before it shows as overdue
 *     ({@code tend.safety.acknowledge-within}, PT4H)
 * @param expireAfter how long an unfinished assessment stays open ({@code tend.assessment.expire-after}, P7D)
 * @param readModelWait how long a write waits for the read models to show it (read-your-writes), at most
 *     ({@code tend.read-models.await}, PT2S)
 * @param dailyLimit how many assessments one participant may start in any 24 hours ({@code
 *     tend.assessment.daily-limit}, 20): far above what a programme asks of anyone, low enough that one account
 *     cannot grow a journey without bound
 */
public record AssessmentSettings(String defaultCrisisSignposting, Duration acknowledgeWithin, Duration expireAfter,
                                 Duration readModelWait, int dailyLimit) {

    public AssessmentSettings {
        if (defaultCrisisSignposting == null || defaultCrisisSignposting.isBlank()) {
            throw new IllegalStateException("tend.safety.default-crisis-signposting must be set: a participant whose"
                    + " answers raise a safety concern must always be told where to find help");
        }
        if (acknowledgeWithin.isNegative() || acknowledgeWithin.isZero()) {
            throw new IllegalStateException("tend.safety.acknowledge-within must be positive");
        }
        if (expireAfter.isNegative() || expireAfter.isZero()) {
            throw new IllegalStateException("tend.assessment.expire-after must be positive");
        }
        if (dailyLimit < 1) {
            throw new IllegalStateException("tend.assessment.daily-limit must be at least 1");
        }
    }
}
