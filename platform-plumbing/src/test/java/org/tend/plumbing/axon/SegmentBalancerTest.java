package org.tend.plumbing.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tend.plumbing.instance.InstanceId;
import org.tend.plumbing.instance.Leases;
import org.tend.testsupport.EmbeddedMongo;

/**
 * The balancer's decisions, with processors standing in for Axon's and the claims written to a token collection as
 * Axon's Mongo token store writes them (the two-instance run on real processors is ForwarderFailoverTest).
 */
class SegmentBalancerTest {

    static final Duration INTERVAL = Duration.ofMillis(50);
    static final Duration RELEASE_FOR = Duration.ofMillis(100);

    final MongoClient client = MongoClients.create(EmbeddedMongo.connectionString());
    final MongoDatabase database = client.getDatabase("balance-" + UUID.randomUUID().toString().substring(0, 8));
    final MongoCollection<Document> tokens = database.getCollection("trackingtokens");
    final Leases me = new Leases(database, new InstanceId("me"), Clock.systemUTC());
    final Leases other = new Leases(database, new InstanceId("other"), Clock.systemUTC());
    final Map<String, EventProcessor> processors = new LinkedHashMap<>();
    final Map<String, Map<Integer, EventTrackerStatus>> mine = new ConcurrentHashMap<>();
    final SegmentBalancer balancer;

    SegmentBalancerTest() {
        Configuration axon = mock(Configuration.class);
        EventProcessingConfiguration processing = mock(EventProcessingConfiguration.class);
        when(axon.eventProcessingConfiguration()).thenReturn(processing);
        when(processing.eventProcessors()).thenReturn(processors);
        balancer = new SegmentBalancer(() -> axon, tokens, me, INTERVAL, Duration.ofSeconds(5), RELEASE_FOR);
    }

    @AfterEach
    void close() {
        client.close();
    }

    /** A running one-segment processor, claimed by {@code owner}. */
    private StreamingEventProcessor processor(String name, String owner) {
        StreamingEventProcessor processor = mock(StreamingEventProcessor.class);
        when(processor.isRunning()).thenReturn(true);
        mine.put(name, new ConcurrentHashMap<>());
        when(processor.processingStatus()).thenAnswer(invocation -> mine.get(name));
        processors.put(name, processor);
        claim(name, owner);
        return processor;
    }

    private void claim(String name, String owner) {
        tokens.replaceOne(new Document("processorName", name).append("segment", 0), new Document("processorName", name)
                .append("segment", 0).append("owner", owner).append("timestamp", System.currentTimeMillis()),
                new com.mongodb.client.model.ReplaceOptions().upsert(true));
        if (owner.equals("me")) {
            mine.get(name).put(0, mock(EventTrackerStatus.class));
        } else {
            mine.get(name).remove(0);
        }
    }

    @Test
    void aloneItKeepsEverything() {
        StreamingEventProcessor forwarder = processor("kafka-forwarder", "me");
        processor("views", "me");
        assertThat(balancer.balance()).isEmpty();
        verify(forwarder, never()).releaseSegment(anyInt(), anyLong(), any());
    }

    @Test
    void holdingMoreThanItsShareWhileAnotherInstanceHoldsLessItReleasesOneSegmentARound() throws Exception {
        processor("a-views", "me");
        processor("b-views", "me");
        processor("c-views", "me");
        processor("d-views", "me");
        other.acquire(SegmentBalancer.HEARTBEAT + "other", Duration.ofSeconds(5));

        assertThat(balancer.balance()).hasValue("a-views");
        verify((StreamingEventProcessor) processors.get("a-views")).releaseSegment(0, RELEASE_FOR.toMillis(),
                java.util.concurrent.TimeUnit.MILLISECONDS);
        assertThat(balancer.balance()).as("one release at a time, until it has settled").isEmpty();
        claim("a-views", "other");
        Thread.sleep(RELEASE_FOR.plus(INTERVAL).toMillis() + 20);

        assertThat(balancer.balance()).hasValue("b-views");
        claim("b-views", "other");
        Thread.sleep(RELEASE_FOR.plus(INTERVAL).toMillis() + 20);
        assertThat(balancer.balance()).as("two each: balanced").isEmpty();
    }

    @Test
    void itDoesNotCountAnInstanceWhoseHeartbeatRanOut() throws Exception {
        StreamingEventProcessor views = processor("views", "me");
        processor("forwarder", "me");
        other.acquire(SegmentBalancer.HEARTBEAT + "other", Duration.ofMillis(50));
        Thread.sleep(80);
        assertThat(balancer.balance()).isEmpty();
        verify(views, never()).releaseSegment(anyInt(), anyLong(), any());
    }

    @Test
    void aProcessorNobodyElseTakesIsLeftHereRatherThanPausedAgainAndAgain() throws Exception {
        processor("a-only-here", "me");
        processor("b-views", "me");
        processor("c-views", "other");
        processor("d-views", "other");
        processor("e-views", "me");
        other.acquire(SegmentBalancer.HEARTBEAT + "other", Duration.ofSeconds(5));
        claim("c-views", "other");
        // me 3, other 2 of 5: share 3, nothing to do.
        assertThat(balancer.balance()).isEmpty();
        // other gives one up (say it restarts): me 3, other 1 (d-views unclaimed, then taken by me).
        claim("d-views", "me");
        assertThat(balancer.balance()).hasValue("a-only-here");
        // Nobody takes it: it comes back here once the release has run out.
        Thread.sleep(RELEASE_FOR.plus(INTERVAL).toMillis() + 20);
        assertThat(balancer.balance()).as("the next one is tried instead").hasValue("b-views");
        assertThat(balancer.balance()).isEmpty();
        claim("b-views", "other");
        Thread.sleep(RELEASE_FOR.plus(INTERVAL).toMillis() + 20);
        // me 3 (a, d, e), other 2 (b, c) of 5: balanced.
        assertThat(balancer.balance()).isEmpty();
    }
}
