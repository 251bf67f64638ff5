package org.tend.plumbing.axon;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The reconciler's figures under the names the issue asks for, as Prometheus scrapes them. */
class ReconciliationMetricsTest {

    @Test
    void theLastRunIsExposedPerProcessorAndThePendingEventsOfTheForwarderByName() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ReconciliationMetrics metrics = new ReconciliationMetrics(registry);
        Map<String, EventReconciler.ProcessorResult> processors = new LinkedHashMap<>();
        processors.put("kafka-forwarder", new EventReconciler.ProcessorResult(2, 7, null));
        processors.put("safety-alerts", new EventReconciler.ProcessorResult(1, 0, null));

        metrics.recorded(new EventReconciler.Reconciliation(Instant.ofEpochSecond(1_800_000_000),
                Duration.ofMillis(250), processors));
        metrics.recorded(new EventReconciler.Reconciliation(Instant.ofEpochSecond(1_800_000_060),
                Duration.ofMillis(125), Map.of("safety-alerts", new EventReconciler.ProcessorResult(0, 0, "down"))));

        String scrape = registry.scrape();
        assertThat(scrape).contains("tend_forwarder_events_pending 7.0")
                .contains("tend_events_pending{processor=\"kafka-forwarder\"} 7.0")
                .contains("tend_reconciliation_last_redelivered{processor=\"safety-alerts\"} 0.0")
                .contains("tend_reconciliation_last_redelivered{processor=\"kafka-forwarder\"} 2.0")
                .contains("tend_reconciliation_redelivered_total{processor=\"safety-alerts\"} 1.0")
                .contains("tend_reconciliation_last_duration_seconds 0.125")
                .contains("tend_reconciliation_last_run_seconds 1.80000006E9")
                .contains("tend_reconciliation_last_succeeded 0.0")
                .contains("tend_reconciliation_failures_total 1.0");
    }
}
