package org.tend.plumbing.axon;

import com.mongodb.client.MongoClient;
import java.time.Clock;
import java.time.Duration;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.DocumentPerEventStorageStrategy;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.EventEntryConfiguration;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Axon's event store and token store on the service's own MongoDB database. There is no Boot starter for
 * axon-mongo 4.12, so the beans are declared here once for every service.
 */
@AutoConfiguration(beforeName = "org.axonframework.springboot.autoconfig.AxonAutoConfiguration")
@ConditionalOnClass(MongoEventStorageEngine.class)
public class AxonMongoAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public MongoTemplate axonMongoTemplate(MongoClient client,
                                           @Value("${tend.mongodb.database}") String database) {
        return DefaultMongoTemplate.builder().mongoDatabase(client, database).build();
    }

    /**
     * Event storage with its unique (aggregateIdentifier, sequenceNumber) index ensured: without it two
     * concurrent commands on one aggregate could both append (engineering notes §6). The look-back window of the
     * tracking token is widened from Axon's 1 s so that a slow commit is not skipped by the forwarder
     * (engineering notes §8).
     */
    @Bean
    public EventStorageEngine eventStorageEngine(MongoTemplate template,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 Serializer serializer,
                                                 @Value("${tend.axon.token-look-back:PT5S}") Duration lookBack) {
        MongoEventStorageEngine engine = MongoEventStorageEngine.builder()
                .mongoTemplate(template)
                .eventSerializer(eventSerializer)
                .snapshotSerializer(serializer)
                .storageStrategy(new DocumentPerEventStorageStrategy(EventEntryConfiguration.getDefault(), lookBack))
                .build();
        engine.ensureIndexes();
        return engine;
    }

    @Bean
    public TokenStore tokenStore(MongoTemplate template, Serializer serializer) {
        return MongoTokenStore.builder().mongoTemplate(template).serializer(serializer).build();
    }

    @Bean
    @ConditionalOnMissingBean
    public Commands commands(CommandGateway gateway, Clock clock) {
        return new Commands(gateway, clock);
    }

    @Bean
    @ConditionalOnMissingBean
    public AggregateStates aggregateStates(EventStore events) {
        return new AggregateStates(events);
    }

    /**
     * No event processor of Tend may skip an event: not the Kafka forwarder (a skipped event would never reach the
     * other services), not a projection (a skipped safety concern would be an alert nobody sees). Axon's default
     * logs a failing handler and moves its token on; here the exception propagates, the processor backs off and
     * retries from the same token (engineering notes §7).
     */
    @Bean
    public ConfigurerModule neverSkipEvents() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance()));
    }
}
