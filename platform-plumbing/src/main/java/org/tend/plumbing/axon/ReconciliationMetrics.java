package org.tend.plumbing.axon;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.tend.plumbing.messaging.KafkaForwarder;

/**
 * The reconciler's figures, as Micrometer meters (Prometheus names in brackets):
 * <ul>
 *   <li>{@code tend.forwarder.events.pending} [{@code tend_forwarder_events_pending}]: what the forwarder has not
 *       handled yet, as defined by {@link EventReconciler}; {@code tend.events.pending} [{@code tend_events_pending}]
 *       the same per processor (tag {@code processor});</li>
 *   <li>{@code tend.reconciliation.last.redelivered} [{@code tend_reconciliation_last_redelivered}] per processor:
 *       how many skipped events the last run redelivered; {@code tend.reconciliation.redelivered}
 *       [{@code tend_reconciliation_redelivered_total}] the running count;</li>
 *   <li>{@code tend.reconciliation.last.duration} [{@code tend_reconciliation_last_duration_seconds}],
 *       {@code tend.reconciliation.last.run} [{@code tend_reconciliation_last_run_seconds}, epoch seconds],
 *       {@code tend.reconciliation.last.succeeded} [{@code tend_reconciliation_last_succeeded}, 1 or 0] and
 *       {@code tend.reconciliation.failures} [{@code tend_reconciliation_failures_total}].</li>
 * </ul>
 * Per-processor meters appear at the first run that sees the processor.
 */
public class ReconciliationMetrics {

    private final MeterRegistry registry;
    private final Map<String, AtomicLong> pending = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> lastRedelivered = new ConcurrentHashMap<>();
    private final Map<String, Counter> redelivered = new ConcurrentHashMap<>();
    private final AtomicLong lastDurationNanos = new AtomicLong();
    private final AtomicLong lastRunEpochMillis = new AtomicLong();
    private final AtomicLong lastSucceeded = new AtomicLong();
    private final Counter failures;

    public ReconciliationMetrics(MeterRegistry registry) {
        this.registry = registry;
        TimeGauge.builder("tend.reconciliation.last.duration", lastDurationNanos, TimeUnit.NANOSECONDS,
                        AtomicLong::doubleValue)
                .description("How long the last reconciliation of the event processors took").register(registry);
        TimeGauge.builder("tend.reconciliation.last.run", lastRunEpochMillis, TimeUnit.MILLISECONDS,
                        AtomicLong::doubleValue)
                .description("When the last reconciliation ran (since the epoch)").register(registry);
        Gauge.builder("tend.reconciliation.last.succeeded", lastSucceeded, AtomicLong::doubleValue)
                .description("1 when the last reconciliation redelivered everything it found, else 0")
                .register(registry);
        this.failures = Counter.builder("tend.reconciliation.failures")
                .description("Reconciliations that failed or could not redeliver something").register(registry);
    }

    /** Meters kept in memory only, for code that runs without a registry. */
    public static ReconciliationMetrics unregistered() {
        return new ReconciliationMetrics(new SimpleMeterRegistry());
    }

    void recorded(EventReconciler.Reconciliation reconciliation) {
        lastDurationNanos.set(reconciliation.took().toNanos());
        lastRunEpochMillis.set(reconciliation.at().toEpochMilli());
        lastSucceeded.set(reconciliation.succeeded() ? 1 : 0);
        if (!reconciliation.succeeded()) {
            failures.increment();
        }
        reconciliation.processors().forEach((processor, result) -> {
            pendingOf(processor).set(result.pending());
            lastRedelivered.computeIfAbsent(processor, p -> {
                AtomicLong value = new AtomicLong();
                Gauge.builder("tend.reconciliation.last.redelivered", value, AtomicLong::doubleValue)
                        .tag("processor", p)
                        .description("Skipped events the last reconciliation redelivered to the processor")
                        .register(registry);
                return value;
            }).set(result.redelivered());
            redelivered.computeIfAbsent(processor, p -> Counter.builder("tend.reconciliation.redelivered")
                    .tag("processor", p).description("Skipped events redelivered to the processor")
                    .register(registry)).increment(result.redelivered());
        });
    }

    void failed() {
        lastSucceeded.set(0);
        failures.increment();
    }

    private AtomicLong pendingOf(String processor) {
        return pending.computeIfAbsent(processor, p -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("tend.events.pending", value, AtomicLong::doubleValue).tag("processor", p)
                    .description("Events the processor has not handled yet (see EventReconciler)")
                    .register(registry);
            if (KafkaForwarder.PROCESSING_GROUP.equals(p)) {
                Gauge.builder("tend.forwarder.events.pending", value, AtomicLong::doubleValue)
                        .description("Events the Kafka forwarder has not handled yet (see EventReconciler)")
                        .register(registry);
            }
            return value;
        });
    }
}
