package org.tend.progress.config;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.tend.progress.messaging.JourneyProjectionListener;
import org.tend.contracts.ContractValidator;
import org.tend.progress.query.JourneyQueries;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.kafka.core.KafkaTemplate;
import org.tend.contracts.ErasureStores;
import org.tend.contracts.EventTypes;
import org.tend.plumbing.erasure.ErasureConfirmations;
import org.tend.plumbing.messaging.CloudEventRecords;
import org.tend.plumbing.messaging.MessagingAutoConfiguration;
import org.tend.plumbing.outbox.EventOutbox;
import org.tend.progress.query.JourneyViews;
import org.tend.progress.reminders.AlertCounts;
import org.tend.progress.reminders.AlertCountsListener;
import org.tend.progress.reminders.AlertCountsReader;
import org.tend.progress.reminders.ReminderAddresses;
import org.tend.progress.reminders.ReminderMail;
import org.tend.progress.reminders.Reminders;
import org.tend.plumbing.outbox.OutboxPublisher;
import org.tend.plumbing.outbox.OutboxRelay;
import org.tend.plumbing.instance.InstanceId;
import org.tend.plumbing.projection.ProjectionGenerations;
import org.tend.progress.data.OutcomeData;
import org.tend.progress.messaging.OutcomePublications;
import org.tend.plumbing.projection.RebuildRunner;
import org.tend.plumbing.projection.RebuildService;
import org.tend.progress.query.JourneyProjection;
import org.tend.progress.query.ProjectionEvents;
import org.tend.progress.query.ProjectionWriter;

/** Wires the projection: its database, writer, generations, live listener, queries and rebuilds. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class ProgressConfiguration {

    @Bean
    ProjectionWriter projectionWriter(MongoDatabase progressDatabase, EventOutbox outcomeOutbox,
                                      ErasureConfirmations confirmations, ReminderAddresses reminderAddresses) {
        // An erased participant's outcome classifications not sent yet (or kept after sending) go with them, and so
        // do their reminder address and the markers of their reminders.
        return new ProjectionWriter(progressDatabase, (participantId, erasureId) -> {
            outcomeOutbox.deleteKeyed(participantId);
            reminderAddresses.forget(participantId);
            confirmations.confirm(erasureId, ErasureStores.PROGRESS_JOURNEYS);
        });
    }

    /** The journeys as their readers see them (the API and the reminders alike). */
    @Bean
    JourneyViews journeyViews(JourneyQueries journeyQueries, OutcomeData outcomeData) {
        return new JourneyViews(journeyQueries, outcomeData);
    }

    @Bean
    ReminderAddresses reminderAddresses(MongoDatabase progressDatabase, org.tend.keys.ParticipantKeys keys,
                                        org.tend.keys.MasterKey master) {
        return new ReminderAddresses(progressDatabase, keys, master);
    }

    @Bean
    ReminderMail reminderMail(org.springframework.mail.javamail.JavaMailSender sender,
                              @Value("${tend.reminders.from:Tend <tend@localhost>}") String from,
                              @Value("${tend.public-url:http://localhost:8080}") String publicUrl) {
        return new ReminderMail(sender, from, publicUrl);
    }

    @Bean
    Reminders reminders(JourneyQueries journeyQueries, JourneyViews journeyViews, ReminderAddresses addresses,
                        ReminderMail mail, EventOutbox outcomeOutbox, AlertCounts alertCounts, Clock clock,
                        org.tend.plumbing.instance.Leases leases,
                        @Value("${tend.reminders.sweep-interval:PT15M}") Duration interval) {
        return new Reminders(journeyQueries, journeyViews, addresses, mail, outcomeOutbox, alertCounts, clock,
                leases.job(Reminders.JOB, org.tend.plumbing.instance.Leases.jobTtl(interval)));
    }

    /** Each programme's overdue safety alerts as assessment-service counts them (for the digest). */
    @Bean
    AlertCounts alertCounts(MongoDatabase progressDatabase) {
        return new AlertCounts(progressDatabase);
    }

    @Bean
    AlertCountsListener alertCountsListener(AlertCounts alertCounts, org.tend.contracts.ContractValidator contracts) {
        return new AlertCountsListener(alertCounts, contracts);
    }

    /**
     * The alert-counts topic, declared (found under ACLs) as assessment-service declares it: compacted. Were it made
     * here as an event topic (kept forever, not compacted), each start would read every count ever sent.
     */
    @Bean
    NewTopic alertCountsTopic(@Value("${tend.messaging.partitions:3}") int partitions,
                              @Value("${tend.messaging.replication-factor:1}") short replicas) {
        return org.springframework.kafka.config.TopicBuilder.name(EventTypes.ALERT_COUNTS_TOPIC)
                .partitions(partitions).replicas(replicas).compact().build();
    }

    /**
     * The alert counts, read whole on every instance outside the {@code tend-progress} group (no rebalance of the
     * journeys' consumers when it starts or stops), through a container configured as Boot configures the service's
     * own: the same error handler (dead letters, outage retries) and interceptors.
     */
    @Bean
    AlertCountsReader alertCountsReader(ConcurrentKafkaListenerContainerFactoryConfigurer configurer,
                                        ConsumerFactory<Object, Object> consumers, AlertCountsListener listener,
                                        org.springframework.context.ApplicationContext context,
                                        @Value("${tend.progress.alert-counts.lookup-timeout:PT10S}") Duration lookup) {
        ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
        configurer.configure(factory, consumers);
        factory.setApplicationContext(context);
        factory.setApplicationEventPublisher(context);
        return new AlertCountsReader(factory, consumers, listener, EventTypes.ALERT_COUNTS_TOPIC, lookup);
    }

    @Bean
    JourneyProjection journeyProjection(ProjectionWriter writer, ProjectionEvents events,
                                        OutcomePublications outcomes) {
        return new JourneyProjection(writer, events, outcomes);
    }

    /** The classifications waiting for the broker ({@code outcome_outbox}). */
    @Bean
    EventOutbox outcomeOutbox(MongoDatabase progressDatabase) {
        return new EventOutbox(progressDatabase, OutcomePublications.OUTBOX);
    }

    @Bean
    OutcomePublications outcomePublications(MongoDatabase progressDatabase, ProjectionEvents events,
                                            OutcomeData outcomeData, EventOutbox outcomeOutbox) {
        return new OutcomePublications(new JourneyQueries(progressDatabase, events), outcomeData.measures(),
                outcomeOutbox);
    }

    /** Sends the outbox to {@code tend.progress.events}: at least once, in order per participant (the key). */
    @Bean
    OutboxPublisher outcomePublisher(EventOutbox outcomeOutbox, KafkaTemplate<String, byte[]> kafka, Clock clock,
                                     org.tend.plumbing.keys.ParticipantKeysAutoConfiguration.RecordSealing sealing,
                                     @Value("${tend.messaging.source}") String source,
                                     @Value("${tend.messaging.send-timeout:PT15S}") Duration sendTimeout,
                                     @Value("${tend.progress.outcomes.publish-interval:PT1S}") Duration interval,
                                     @Value("${tend.progress.outcomes.publish-batch:500}") int batch,
                                     @Value("${tend.progress.outcomes.outbox-retention:P7D}") Duration retention,
                                     org.tend.plumbing.instance.Leases leases) {
        // Outcomes are about one participant: sealed with their key on the topic (docs/erasure.md).
        OutboxRelay relay = new OutboxRelay(outcomeOutbox, kafka,
                sealing.of(new CloudEventRecords(MessagingAutoConfiguration.integrationJson(), source)), clock,
                sendTimeout, batch);
        // One instance relays at a time (the outbox's lease), in the outbox's time order.
        return new OutboxPublisher(outcomeOutbox, relay, clock, interval, retention, Duration.ofHours(1))
                .exclusive(leases);
    }

    /** progress-service's own published topic, declared like every service's (found, not created, under ACLs). */
    @Bean
    NewTopic progressEventsTopic(@Value("${tend.messaging.partitions:3}") int partitions,
                                 @Value("${tend.messaging.replication-factor:1}") short replicas) {
        return MessagingAutoConfiguration.eventTopic(EventTypes.PROGRESS_TOPIC, partitions, replicas);
    }

    @Bean
    ProjectionGenerations projectionGenerations(MongoDatabase progressDatabase, Clock clock,
                                                JourneyProjection projection) {
        return new ProjectionGenerations(progressDatabase, clock, projection);
    }

    @Bean
    ProjectionEvents projectionEvents(ContractValidator contracts, org.tend.keys.ParticipantKeys keys) {
        return new ProjectionEvents(contracts, keys);
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
                rebuilds.startUnlessRunning();
            }
        };
    }

    @Bean(destroyMethod = "close")
    RebuildService rebuildService(ProjectionGenerations generations, RebuildRunner runner,
                                  MongoDatabase progressDatabase, Clock clock,
                                  @Value("${tend.progress.rebuild.drop-grace:PT2S}") Duration dropGrace,
                                  @Value("${tend.progress.rebuild.lease:PT30S}") Duration lease,
                                  @Value("${tend.progress.rebuild.heartbeat:PT5S}") Duration heartbeat,
                                  InstanceId instance) {
        // Several instances share the projection: the rebuild is held under a lease in the store (platform-plumbing's
        // README, "Several instances").
        return new RebuildService(generations, runner::run, progressDatabase, clock, dropGrace,
                new RebuildService.Coordination(instance.value(), lease, heartbeat));
    }
}
