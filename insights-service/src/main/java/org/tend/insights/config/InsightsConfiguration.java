package org.tend.insights.config;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tend.contracts.ContractValidator;
import org.tend.contracts.ErasureStores;
import org.tend.insights.messaging.InsightsListener;
import org.tend.insights.query.ErasedPlansSweep;
import org.tend.insights.query.FactStore;
import org.tend.insights.query.InsightEvents;
import org.tend.insights.query.InsightsProjection;
import org.tend.insights.query.InsightsQueries;
import org.tend.insights.query.NoiseStates;
import org.tend.insights.query.SettingsStore;
import org.tend.insights.query.StoredPrivacyBudget;
import org.tend.plumbing.erasure.ErasureConfirmations;
import org.tend.plumbing.instance.InstanceId;
import org.tend.plumbing.projection.ProjectionGenerations;
import org.tend.plumbing.projection.RebuildRunner;
import org.tend.plumbing.projection.RebuildService;

/**
 * Wires the kept events as a projection of the plumbing (its generations, live listener and rebuilds), the settings,
 * the noise and budget ledgers, and the queries.
 */
@Configuration(proxyBeanMethods = false)
public class InsightsConfiguration {

    @Bean
    InsightEvents insightEvents(ContractValidator contracts, org.tend.keys.ParticipantKeys keys) {
        return new InsightEvents(contracts, keys);
    }

    @Bean
    FactStore factStore(MongoDatabase serviceDatabase, InsightEvents events) {
        return new FactStore(serviceDatabase, events);
    }

    @Bean
    InsightsProjection insightsProjection(FactStore facts, InsightEvents events, InsightsQueries queries,
                                          ErasureConfirmations confirmations) {
        return new InsightsProjection(facts, events, queries::keepReleasedFiguresOf,
                erasureId -> confirmations.confirm(erasureId, ErasureStores.INSIGHTS_FACTS));
    }

    @Bean
    ProjectionGenerations projectionGenerations(MongoDatabase serviceDatabase, Clock clock,
                                                InsightsProjection projection) {
        return new ProjectionGenerations(serviceDatabase, clock, projection);
    }

    @Bean
    SettingsStore settingsStore(MongoDatabase serviceDatabase) {
        return new SettingsStore(serviceDatabase);
    }

    @Bean
    InsightsListener insightsListener(InsightsProjection projection, ProjectionGenerations generations,
                                      @Value("${tend.insights.store-outage:PT2M}") Duration outage) {
        // Below Kafka's max.poll.interval.ms (5 min): a consumer blocked longer would be evicted from its group.
        return new InsightsListener(projection, generations, outage);
    }

    @Bean
    InsightsQueries insightsQueries(FactStore facts, SettingsStore settings, MongoDatabase serviceDatabase,
                                    Clock clock,
                                    @Value("${tend.insights.plans.refresh-after:PT5S}") Duration refreshAfter,
                                    @Value("${tend.insights.plans.answer-within:PT10S}") Duration answerWithin) {
        // One thread makes plans, one programme at a time, away from the request threads; a daemon, so that it
        // never holds the JVM up at shutdown (the plans are a cache: nothing is lost with an unfinished one).
        java.util.concurrent.ExecutorService refresher = java.util.concurrent.Executors.newSingleThreadExecutor(
                runnable -> {
                    Thread thread = new Thread(runnable, "insights-plans-refresh");
                    thread.setDaemon(true);
                    return thread;
                });
        return new InsightsQueries(facts, serviceDatabase, settings, new NoiseStates(serviceDatabase),
                new StoredPrivacyBudget(serviceDatabase), clock, refreshAfter, refresher, answerWithin);
    }

    /** Plans holding people another instance erased are forgotten within this long, whether asked about or not. */
    @Bean(destroyMethod = "close")
    ErasedPlansSweep erasedPlansSweep(InsightsQueries queries,
                                      @Value("${tend.insights.plans.erasure-sweep:PT5S}") Duration every) {
        return new ErasedPlansSweep(queries, every);
    }

    @Bean
    RebuildRunner rebuildRunner(KafkaProperties kafka, InsightsProjection projection,
                                @Value("${tend.insights.rebuild.max-poll-records:5000}") int maxPollRecords,
                                @Value("${tend.insights.rebuild.fold-events:50000}") int foldEvents) {
        // The connection settings (bootstrap servers, security) of the service's own consumers.
        RebuildRunner.Options defaults = RebuildRunner.Options.defaults();
        return new RebuildRunner(kafka.buildConsumerProperties(), projection, new RebuildRunner.Options(
                maxPollRecords, foldEvents, defaults.pollTimeout(), defaults.fetchMinBytes(), defaults.fetchMaxWait()));
    }

    /** What fills a generation from the log: the rebuild runner (a test may hold it back to read meanwhile). */
    @Bean
    RebuildService.Engine rebuildEngine(RebuildRunner runner) {
        return runner::run;
    }

    @Bean(destroyMethod = "close")
    RebuildService rebuildService(ProjectionGenerations generations, RebuildService.Engine engine,
                                  MongoDatabase serviceDatabase, Clock clock,
                                  @Value("${tend.insights.rebuild.drop-grace:PT2S}") Duration dropGrace,
                                  @Value("${tend.insights.rebuild.lease:PT30S}") Duration lease,
                                  @Value("${tend.insights.rebuild.heartbeat:PT5S}") Duration heartbeat,
                                  InstanceId instance) {
        // Several instances share the projection: the rebuild is held under a lease in the store (platform-plumbing's
        // README, "Several instances").
        return new RebuildService(generations, engine, serviceDatabase, clock, dropGrace,
                new RebuildService.Coordination(instance.value(), lease, heartbeat));
    }

    /** Kept events written by an older version in another layout are rebuilt from the log as the service starts. */
    @Bean
    ApplicationRunner rebuildOutdatedLayout(ProjectionGenerations generations, RebuildService rebuilds) {
        return arguments -> {
            if (generations.servesOutdatedLayout()) {
                rebuilds.startUnlessRunning();
            }
        };
    }
}
