package org.tend.insights.query;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every few seconds, forgets the cached plans that hold people another instance has erased since they were made
 * ({@link InsightsQueries#forgetPlansMadeBeforeErasures()}: one read of one document). Questions never get such plans
 * (their stamp shows the erasure); this is so that they are not kept in memory either, asked about or not.
 */
public final class ErasedPlansSweep implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ErasedPlansSweep.class);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "insights-erased-plans-sweep");
        thread.setDaemon(true);
        return thread;
    });

    public ErasedPlansSweep(InsightsQueries queries, Duration every) {
        long millis = Math.max(1, every.toMillis());
        timer.scheduleWithFixedDelay(() -> {
            try {
                int forgotten = queries.forgetPlansMadeBeforeErasures();
                if (forgotten > 0) {
                    log.info("forgot the plans of {} programme(s) made before an erasure", forgotten);
                }
            } catch (RuntimeException e) {
                // The store is away (or serves an outdated layout): the next round tries again.
                log.warn("could not look for erasures: {}", e.toString());
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
