package org.tend.assessment.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.tend.assessment.query.SafetyAlerts;
import org.tend.contracts.EventTypes;
import org.tend.plumbing.instance.LeasedJob;
import org.tend.plumbing.instance.Leases;
import org.tend.plumbing.messaging.CloudEventRecords;
import org.tend.plumbing.messaging.IntegrationEvent;

/**
 * Tells progress-service, which sends the practitioners' daily digest, how many of each programme's safety alerts are
 * overdue: a count per programme on the internal, compacted topic {@code tend.assessment.alert-counts}, each time it
 * changes (after a start, every programme that has alerts once, so no count read before is left standing). Never which
 * participant, instrument, answer or rule: safety concerns themselves are published nowhere.
 *
 * <p>With several instances one of them publishes (the lease {@value #JOB}). What was sent is remembered in memory, so
 * an instance that takes the job over (first, or back after another held it) starts afresh and sends every count once,
 * as after a start: a count another instance sent meanwhile is never left standing.
 */
public class AlertCountsPublisher {

    private static final Logger log = LoggerFactory.getLogger(AlertCountsPublisher.class);
    /** The lease that gives the publishing to one instance. */
    public static final String JOB = "alert-counts";

    private final SafetyAlerts alerts;
    private final KafkaTemplate<String, byte[]> kafka;
    private final CloudEventRecords records;
    private final Clock clock;
    private final Duration acknowledgeWithin;
    private final Duration sendTimeout;
    /** The count last sent per programme; a programme not here was last sent 0 (or nothing: then it has no alert). */
    private final Map<String, Long> sent = new ConcurrentHashMap<>();
    private volatile boolean started;
    private final LeasedJob job;

    public AlertCountsPublisher(SafetyAlerts alerts, KafkaTemplate<String, byte[]> kafka, CloudEventRecords records,
                                Clock clock, Duration acknowledgeWithin, Duration sendTimeout, Leases leases,
                                Duration interval) {
        this.job = leases.job(JOB, Leases.jobTtl(interval));
        this.alerts = alerts;
        this.kafka = kafka;
        this.records = records;
        this.clock = clock;
        this.acknowledgeWithin = acknowledgeWithin;
        this.sendTimeout = sendTimeout;
    }

    @Scheduled(initialDelayString = "${tend.safety.alert-counts-interval:PT1M}",
            fixedDelayString = "${tend.safety.alert-counts-interval:PT1M}")
    public void scheduled() {
        try {
            job.run(acquisition -> {
                if (acquisition == Leases.Acquisition.ACQUIRED) {
                    restart();
                }
                publish();
            });
        } catch (RuntimeException e) {
            log.warn("overdue safety alert counts not sent ({}); the next round tries again", e.toString());
        }
    }

    /** Forgets what was sent: the next round sends every count, as the first round after a start does. */
    public synchronized void restart() {
        started = false;
    }

    /** Sends every count that changed since the last one sent; returns how many were sent. */
    public synchronized int publish() {
        Instant now = clock.instant();
        Map<String, Long> overdue = alerts.overdueByProgramme(now.minus(acknowledgeWithin), !started);
        Map<String, Long> changed = new LinkedHashMap<>();
        for (String programmeId : new TreeSet<>(union(overdue, sent))) {
            long count = overdue.getOrDefault(programmeId, 0L);
            if (!started || sent.getOrDefault(programmeId, 0L) != count) {
                changed.put(programmeId, count);
            }
        }
        for (Map.Entry<String, Long> count : changed.entrySet()) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("programmeId", count.getKey());
            data.put("overdueAlerts", count.getValue());
            data.put("countedAt", now.toString());
            try {
                kafka.send(records.toRecord(EventTypes.ALERT_COUNTS_TOPIC, UUID.randomUUID().toString(), now,
                        new IntegrationEvent(EventTypes.SAFETY_ALERTS_OVERDUE_V1, count.getKey(), data)))
                        .get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("cannot send an overdue alert count", e);
            }
            if (count.getValue() == 0) {
                sent.remove(count.getKey());
            } else {
                sent.put(count.getKey(), count.getValue());
            }
        }
        started = true;
        return changed.size();
    }

    private static java.util.Set<String> union(Map<String, Long> a, Map<String, Long> b) {
        java.util.Set<String> keys = new java.util.HashSet<>(a.keySet());
        keys.addAll(b.keySet());
        return keys;
    }
}
