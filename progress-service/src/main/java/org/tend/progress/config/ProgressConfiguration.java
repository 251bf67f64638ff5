package org.tend.progress.config;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tend.progress.messaging.EventTranslator;
import org.tend.progress.messaging.JourneyProjectionListener;
import org.tend.progress.query.JourneyQueries;
import org.tend.progress.query.ProjectionGenerations;
import org.tend.progress.query.ProjectionWriter;
import org.tend.progress.rebuild.RebuildRunner;
import org.tend.progress.rebuild.RebuildService;

/** Wires the projection: its database, writer, generations, live listener, queries and rebuilds. */
@Configuration(proxyBeanMethods = false)
public class ProgressConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    MongoDatabase progressDatabase(MongoClient client, @Value("${tend.mongodb.database}") String database) {
        return client.getDatabase(database);
    }

    @Bean
    ProjectionWriter projectionWriter(MongoDatabase progressDatabase) {
        return new ProjectionWriter(progressDatabase);
    }

    @Bean
    ProjectionGenerations projectionGenerations(MongoDatabase progressDatabase, Clock clock) {
        return new ProjectionGenerations(progressDatabase, clock);
    }

    @Bean
    EventTranslator eventTranslator() {
        return new EventTranslator();
    }

    @Bean
    JourneyProjectionListener journeyProjectionListener(EventTranslator translator, ProjectionWriter writer,
                                                        ProjectionGenerations generations,
                                                        @Value("${tend.progress.store-outage:PT2M}") Duration outage) {
        // Below Kafka's max.poll.interval.ms (5 min): a consumer blocked longer would be evicted from its group.
        return new JourneyProjectionListener(translator, writer, generations, outage);
    }

    @Bean
    JourneyQueries journeyQueries(MongoDatabase progressDatabase) {
        return new JourneyQueries(progressDatabase);
    }

    @Bean
    RebuildRunner rebuildRunner(KafkaProperties kafka, ProjectionWriter writer, EventTranslator translator,
                                @Value("${tend.progress.rebuild.max-poll-records:5000}") int maxPollRecords,
                                @Value("${tend.progress.rebuild.fold-events:50000}") int foldEvents) {
        // The connection settings (bootstrap servers, security) of the service's own consumers.
        Map<String, Object> connection = kafka.buildConsumerProperties();
        RebuildRunner.Options defaults = RebuildRunner.Options.defaults();
        return new RebuildRunner(connection, EventTranslator.TOPICS, writer, translator,
                new RebuildRunner.Options(maxPollRecords, foldEvents, defaults.pollTimeout(),
                        defaults.fetchMinBytes(), defaults.fetchMaxWait()));
    }

    @Bean(destroyMethod = "close")
    RebuildService rebuildService(ProjectionGenerations generations, RebuildRunner runner,
                                  MongoDatabase progressDatabase, Clock clock,
                                  @Value("${tend.progress.rebuild.drop-grace:PT2S}") Duration dropGrace) {
        return new RebuildService(generations, runner::run, progressDatabase, clock, dropGrace);
    }
}
