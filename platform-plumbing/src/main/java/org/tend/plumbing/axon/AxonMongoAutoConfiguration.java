package org.tend.plumbing.axon;

import com.mongodb.client.MongoClient;
import java.time.Clock;
import java.time.Duration;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
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
import java.util.concurrent.TimeUnit;
import org.axonframework.springboot.EventProcessorProperties;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.env.Environment;
import org.tend.plumbing.instance.InstanceId;
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

    /**
     * Tokens in the service's database, claimed in this instance's name ({@link InstanceId}, also when two
     * application contexts share one JVM). A claim not extended for {@code tend.axon.claim-timeout} (5 s) is free to
     * be taken: what lets another instance take a processor over from one that died without releasing it (a kill -9,
     * a lost host). The owner extends its claims every second while idle ({@code eventAvailabilityTimeout}) and at each
     * batch; a batch slower than the timeout may be taken over and handled again by the other instance (at least
     * once: the forwarder's records carry their {@code ce_id}, every handler is idempotent). Instances' clocks must
     * agree to well within the timeout.
     */
    @Bean
    public TokenStore tokenStore(MongoTemplate template, Serializer serializer, ObjectProvider<InstanceId> instance,
                                 @Value("${tend.axon.claim-timeout:PT5S}") Duration claimTimeout) {
        MongoTokenStore.Builder builder = MongoTokenStore.builder().mongoTemplate(template).serializer(serializer)
                .claimTimeout(claimTimeout);
        InstanceId id = instance.getIfAvailable();
        if (id != null) {
            builder.nodeId(id.value());
        }
        return builder.build();
    }

    /**
     * How often a tracking processor tries to claim the segments no live instance holds ({@code
     * tend.axon.token-claim-interval}, 1 s; Axon's default is 5 s): with the claim timeout, what bounds the time a
     * processor whose owner died waits for another instance (at most the timeout plus this interval). Applied to every
     * processor configured under {@code axon.eventhandling.processors} that leaves Axon's default, and to those
     * configured nowhere (Axon's default tracking processor, one thread, batches of one).
     */
    @Bean
    public static BeanPostProcessor tendTokenClaimInterval(Environment environment) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
                if (bean instanceof EventProcessorProperties properties) {
                    long interval = tokenClaimInterval(environment).toMillis();
                    properties.getProcessors().values().forEach(settings -> {
                        if (settings.getTokenClaimInterval() == AXON_DEFAULT_CLAIM_INTERVAL_MS
                                && settings.getTokenClaimIntervalTimeUnit() == TimeUnit.MILLISECONDS) {
                            settings.setTokenClaimInterval(interval);
                        }
                    });
                }
                return bean;
            }
        };
    }

    @Bean
    public ConfigurerModule tendDefaultTrackingConfiguration(Environment environment) {
        long interval = tokenClaimInterval(environment).toMillis();
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerTrackingEventProcessorConfiguration(c -> TrackingEventProcessorConfiguration
                        .forSingleThreadedProcessing().andTokenClaimInterval(interval, TimeUnit.MILLISECONDS)));
    }

    static final long AXON_DEFAULT_CLAIM_INTERVAL_MS = 5000;

    static Duration tokenClaimInterval(Environment environment) {
        return environment.getProperty("tend.axon.token-claim-interval", Duration.class, Duration.ofSeconds(1));
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
