package org.tend.plumbing.audit;

import java.time.Duration;
import java.util.Objects;

/**
 * How the audit trail is kept ({@code tend.audit.*}).
 *
 * @param service         the service recording entries ({@code spring.application.name}, e.g. {@code goal-service})
 * @param retention       how long the trail keeps an entry ({@code tend.audit.retention}, default P400D): assessment-service
 *                        purges older entries, and the topic keeps records this long
 * @param outboxRetention how long a service keeps an entry in its outbox after it was sent
 *                        ({@code tend.audit.outbox-retention}, default P7D; at most {@code retention})
 * @param publishInterval pause between two publishing rounds of the outbox ({@code tend.audit.publish-interval}, PT1S)
 * @param publishBatch    entries sent in one round at most ({@code tend.audit.publish-batch}, 500)
 * @param sendTimeout     how long a round waits for the broker's acknowledgements ({@code tend.messaging.send-timeout})
 * @param purgeInterval   pause between two purges of what retention lets go ({@code tend.audit.purge-interval}, PT1H)
 */
public record AuditSettings(String service, Duration retention, Duration outboxRetention, Duration publishInterval,
                            int publishBatch, Duration sendTimeout, Duration purgeInterval) {

    public AuditSettings {
        Objects.requireNonNull(service, "spring.application.name");
        if (!service.matches("[a-z]+-service")) {
            throw new IllegalStateException("spring.application.name must be <name>-service for the audit trail, not '"
                    + service + "'");
        }
        positive("tend.audit.retention", retention);
        positive("tend.audit.outbox-retention", outboxRetention);
        positive("tend.audit.publish-interval", publishInterval);
        positive("tend.messaging.send-timeout", sendTimeout);
        positive("tend.audit.purge-interval", purgeInterval);
        if (outboxRetention.compareTo(retention) > 0) {
            throw new IllegalStateException("tend.audit.outbox-retention (" + outboxRetention
                    + ") must not be longer than tend.audit.retention (" + retention + ")");
        }
        if (publishBatch < 1) {
            throw new IllegalStateException("tend.audit.publish-batch must be at least 1");
        }
    }

    private static void positive(String name, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalStateException(name + " must be a positive ISO-8601 duration");
        }
    }
}
