package org.tend.plumbing.axon;

import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Completeness of every streaming event processor (engineering notes §8): the ledger of handled events, its
 * interceptor on every processor, and the reconciler that redelivers what a processor's timestamp token skipped.
 * {@code tend.reconciliation.window} (default 30 min) is how far back by the events' own timestamps each run looks,
 * {@code tend.reconciliation.grace} (30 s) how long an event is left to its processor, {@code
 * tend.reconciliation.interval} (1 min) how often it runs ({@code 0} or less: only when called).
 */
@AutoConfiguration(beforeName = "org.axonframework.springboot.autoconfig.AxonAutoConfiguration",
        afterName = {"org.tend.plumbing.store.StoreAutoConfiguration",
                "org.tend.plumbing.instance.InstanceAutoConfiguration"})
@ConditionalOnClass(MongoEventStorageEngine.class)
@ConditionalOnProperty(name = "tend.reconciliation.enabled", matchIfMissing = true)
public class ReconciliationAutoConfiguration {

    /**
     * The clock of the events' own timestamps (Axon stamps events with the system clock), not the service's
     * {@code Clock} bean, which tests move.
     */
    private static final Clock EVENT_CLOCK = Clock.systemUTC();

    @Bean
    public HandledEventLedger handledEventLedger(MongoDatabase serviceDatabase,
                                                 @Value("${tend.reconciliation.window:PT30M}") Duration window) {
        return new HandledEventLedger(serviceDatabase, window.multipliedBy(2), EVENT_CLOCK);
    }

    @Bean
    public ConfigurerModule recordHandledEvents(HandledEventLedger ledger) {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerDefaultHandlerInterceptor((configuration, processor) ->
                        new LedgerInterceptor(processor, ledger)));
    }

    @Bean
    public ReconciliationMetrics reconciliationMetrics(ObjectProvider<MeterRegistry> registry) {
        MeterRegistry meters = registry.getIfAvailable();
        return meters == null ? ReconciliationMetrics.unregistered() : new ReconciliationMetrics(meters);
    }

    @Bean
    public EventReconciler eventReconciler(ObjectProvider<Configuration> axon, MongoTemplate axonMongoTemplate,
                                           HandledEventLedger ledger, ReconciliationMetrics metrics,
                                           @Value("${tend.reconciliation.window:PT30M}") Duration window,
                                           @Value("${tend.reconciliation.grace:PT30S}") Duration grace,
                                           @Value("${tend.axon.token-look-back:PT5S}") Duration lookBack) {
        return new EventReconciler(axon::getObject, axonMongoTemplate.eventCollection(), ledger,
                new EventReconciler.Settings(window, grace, lookBack), EVENT_CLOCK, metrics);
    }

    /**
     * Spreads the processors over the service's live instances ({@link SegmentBalancer}); {@code
     * tend.axon.balance-interval} (2 s) how often it looks, {@code 0}: never.
     */
    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnBean(org.tend.plumbing.instance.Leases.class)
    public SegmentBalancer segmentBalancer(ObjectProvider<Configuration> axon, MongoTemplate axonMongoTemplate,
                                           org.tend.plumbing.instance.Leases leases,
                                           @Value("${tend.axon.balance-interval:PT2S}") Duration every,
                                           @Value("${tend.axon.claim-timeout:PT5S}") Duration claimTimeout) {
        return new SegmentBalancer(axon::getObject, axonMongoTemplate.trackingTokensCollection(), leases, every,
                claimTimeout, claimTimeout);
    }

    @Bean
    public ReconciliationSchedule reconciliationSchedule(EventReconciler reconciler, ReconciliationMetrics metrics,
                                                         @Value("${tend.reconciliation.interval:PT1M}") Duration every) {
        return new ReconciliationSchedule(reconciler, metrics, every);
    }
}
