package org.tend.assessment.query;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Safety alerts as an operator sees them: counts only, never who or which programme.
 * <ul>
 *   <li>{@code tend.safety.alerts.open} [{@code tend_safety_alerts_open}]: alerts no practitioner has acknowledged;</li>
 *   <li>{@code tend.safety.alerts.overdue} [{@code tend_safety_alerts_overdue}]: those of them raised longer than
 *       {@code tend.safety.acknowledge-within} ago: someone must act now (deploy/README.md, TendSafetyAlertsOverdue).</li>
 * </ul>
 * The counts are read from the store at most once per {@code refresh} (a scrape of every instance every few seconds
 * must not scan the alerts each time); while the store cannot be read, the last counts are shown.
 */
public class SafetyAlertMetrics implements MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(SafetyAlertMetrics.class);

    private final SafetyAlerts alerts;
    private final Clock clock;
    private final Duration acknowledgeWithin;
    private final long refreshNanos;
    private SafetyAlerts.OpenCounts counts;
    private long readAt;

    public SafetyAlertMetrics(SafetyAlerts alerts, Clock clock, Duration acknowledgeWithin, Duration refresh) {
        this.alerts = alerts;
        this.clock = clock;
        this.acknowledgeWithin = acknowledgeWithin;
        this.refreshNanos = refresh.toNanos();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("tend.safety.alerts.open", this, m -> m.counts().open())
                .description("Safety alerts no practitioner has acknowledged").register(registry);
        Gauge.builder("tend.safety.alerts.overdue", this, m -> m.counts().overdue())
                .description("Open safety alerts past their acknowledgement deadline").register(registry);
    }

    synchronized SafetyAlerts.OpenCounts counts() {
        long now = System.nanoTime();
        if (counts == null || now - readAt >= refreshNanos) {
            try {
                counts = alerts.openCounts(clock.instant().minus(acknowledgeWithin));
                readAt = now;
            } catch (RuntimeException e) {
                log.warn("the safety alert counts could not be read ({}); showing the last ones", e.toString());
                if (counts == null) {
                    return new SafetyAlerts.OpenCounts(0, 0);
                }
            }
        }
        return counts;
    }
}
