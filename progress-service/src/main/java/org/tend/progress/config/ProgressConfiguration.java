package org.tend.progress.config;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tend.progress.messaging.JourneyProjectionListener;
import org.tend.contracts.ContractValidator;
import org.tend.progress.query.JourneyQueries;
import org.tend.plumbing.projection.ProjectionGenerations;
import org.tend.plumbing.projection.RebuildRunner;
import org.tend.plumbing.projection.RebuildService;
import org.tend.progress.query.JourneyProjection;
import org.tend.progress.query.ProjectionEvents;
import org.tend.progress.query.ProjectionWriter;

/** Wires the projection: its database, writer, generations, live listener, queries and rebuilds. */
@Configuration(proxyBeanMethods = false)
public class ProgressConfiguration {

    @Bean
    ProjectionWriter projectionWriter(MongoDatabase progressDatabase) {
        return new ProjectionWriter(progressDatabase);
    }

    @Bean
    JourneyProjection journeyProjection(ProjectionWriter writer, ProjectionEvents events) {
        return new JourneyProjection(writer, events);
    }

    @Bean
    ProjectionGenerations projectionGenerations(MongoDatabase progressDatabase, Clock clock,
                                                JourneyProjection projection) {
        return new ProjectionGenerations(progressDatabase, clock, projection);
    }

    @Bean
    ProjectionEvents projectionEvents(ContractValidator contracts) {
        return new ProjectionEvents(contracts);
    }

    @Bean
    JourneyProjectionListener journeyProjectionListener(JourneyProjection projection,
                                                        ProjectionGenerations generations,
                                                        @Value("${tend.progress.store-outage:PT2M}") Duration outage) {
        // Below Kafka's max.poll.interval.ms (5 min): a consumer blocked longer would be evicted from its group.
        return new JourneyProjectionListener(projection, generations, outage);
    }

    @Bean
    JourneyQueries journeyQueries(MongoDatabase progressDatabase, ProjectionEvents events) {
        return new JourneyQueries(progressDatabase, events);
    }

    @Bean
    RebuildRunner rebuildRunner(KafkaProperties kafka, JourneyProjection projection,
                                @Value("${tend.progress.rebuild.max-poll-records:5000}") int maxPollRecords,
                                @Value("${tend.progress.rebuild.fold-events:50000}") int foldEvents) {
        // The connection settings (bootstrap servers, security) of the service's own consumers.
        Map<String, Object> connection = kafka.buildConsumerProperties();
        RebuildRunner.Options defaults = RebuildRunner.Options.defaults();
        return new RebuildRunner(connection, projection, new RebuildRunner.Options(maxPollRecords, foldEvents,
                defaults.pollTimeout(), defaults.fetchMinBytes(), defaults.fetchMaxWait()));
    }

    /** A projection written by an older version in another layout is rebuilt from the log as the service starts. */
    @Bean
    ApplicationRunner rebuildOutdatedLayout(ProjectionGenerations generations, RebuildService rebuilds) {
        return arguments -> {
            if (generations.servesOutdatedLayout()) {
                rebuilds.start();
            }
        };
    }

    @Bean(destroyMethod = "close")
    RebuildService rebuildService(ProjectionGenerations generations, RebuildRunner runner,
                                  MongoDatabase progressDatabase, Clock clock,
                                  @Value("${tend.progress.rebuild.drop-grace:PT2S}") Duration dropGrace) {
        return new RebuildService(generations, runner::run, progressDatabase, clock, dropGrace);
    }
}
