package org.tend.plumbing.axon;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the {@link EventReconciler} on its own thread every {@code interval} (the first run one interval after start,
 * when the processors have claimed their segments). It stops before the processors do.
 */
public class ReconciliationSchedule implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReconciliationSchedule.class);

    private final EventReconciler reconciler;
    private final ReconciliationMetrics metrics;
    private final Duration interval;
    private volatile ScheduledExecutorService executor;

    public ReconciliationSchedule(EventReconciler reconciler, ReconciliationMetrics metrics, Duration interval) {
        this.reconciler = reconciler;
        this.metrics = metrics;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        if (executor != null || interval.isZero() || interval.isNegative()) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "tend-event-reconciler");
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        executor.scheduleWithFixedDelay(this::runOnce, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void runOnce() {
        try {
            EventReconciler.Reconciliation result = reconciler.reconcile();
            result.processors().forEach((processor, outcome) -> {
                if (outcome.redelivered() > 0) {
                    log.warn("reconciliation redelivered {} skipped events to processor {}", outcome.redelivered(),
                            processor);
                }
            });
        } catch (RuntimeException e) {
            // The store is away, most likely; the next run tries again.
            metrics.failed();
            log.warn("reconciliation of the event processors failed; retrying in {}: {}", interval, e.toString());
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
