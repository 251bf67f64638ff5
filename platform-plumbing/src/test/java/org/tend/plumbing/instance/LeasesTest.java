package org.tend.plumbing.instance;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tend.plumbing.instance.Leases.Acquisition;
import org.tend.testsupport.EmbeddedMongo;

/** Leases of two (or more) instances sharing one embedded store, with a clock the test moves. */
class LeasesTest {

    static final Duration TTL = Duration.ofSeconds(30);

    final MongoClient client = MongoClients.create(EmbeddedMongo.connectionString());
    final MongoDatabase database = client.getDatabase("leases-" + UUID.randomUUID().toString().substring(0, 8));
    final MovableClock clock = new MovableClock(Instant.parse("2026-03-02T09:00:00Z"));
    final Leases a = new Leases(database, new InstanceId("a"), clock);
    final Leases b = new Leases(database, new InstanceId("b"), clock);

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void onlyOneOfTwoInstancesHoldsALeaseAndItsHolderRenewsIt() {
        assertThat(a.acquire("sweep", TTL)).isEqualTo(Acquisition.ACQUIRED);
        assertThat(b.acquire("sweep", TTL)).isEqualTo(Acquisition.REFUSED);
        clock.advance(TTL.minusSeconds(1));
        assertThat(a.acquire("sweep", TTL)).isEqualTo(Acquisition.RENEWED);
        clock.advance(TTL.minusSeconds(1)); // past the first ttl, within the renewed one
        assertThat(b.acquire("sweep", TTL)).isEqualTo(Acquisition.REFUSED);
        assertThat(a.holder("sweep")).hasValueSatisfying(holder -> assertThat(holder.owner()).isEqualTo("a"));
        assertThat(a.holds("sweep")).isTrue();
        assertThat(b.holds("sweep")).isFalse();
        // Names are independent.
        assertThat(b.acquire("relay", TTL)).isEqualTo(Acquisition.ACQUIRED);
    }

    @Test
    void anExpiredLeaseIsTakenOverAndItsFormerHolderIsRefused() {
        a.acquire("sweep", TTL);
        clock.advance(TTL);
        assertThat(b.acquire("sweep", TTL)).isEqualTo(Acquisition.REFUSED); // expires after, not at, the ttl
        clock.advance(Duration.ofMillis(1));
        assertThat(b.acquire("sweep", TTL)).isEqualTo(Acquisition.ACQUIRED);
        assertThat(a.acquire("sweep", TTL)).isEqualTo(Acquisition.REFUSED);
        // A holder whose own lease lapsed, untaken, gets it back as a new term, not as a renewal.
        clock.advance(TTL.plusSeconds(1));
        assertThat(b.acquire("sweep", TTL)).isEqualTo(Acquisition.ACQUIRED);
    }

    @Test
    void aReleasedLeaseIsFreeAtOnceAndOnlyItsHolderCanReleaseIt() {
        a.acquire("sweep", TTL);
        assertThat(b.release("sweep")).isFalse();
        assertThat(b.acquire("sweep", TTL)).isEqualTo(Acquisition.REFUSED);
        assertThat(a.release("sweep")).isTrue();
        assertThat(a.holder("sweep")).isEmpty();
        assertThat(b.acquire("sweep", TTL)).isEqualTo(Acquisition.ACQUIRED);
    }

    @Test
    void closingReleasesEveryLeaseTheInstanceHolds() {
        a.acquire("one", TTL);
        a.acquire("two", TTL);
        b.acquire("three", TTL);
        a.close();
        assertThat(b.acquire("one", TTL)).isEqualTo(Acquisition.ACQUIRED);
        assertThat(b.acquire("two", TTL)).isEqualTo(Acquisition.ACQUIRED);
        assertThat(a.holder("three")).hasValueSatisfying(holder -> assertThat(holder.owner()).isEqualTo("b"));
    }

    /** A shutdown with the store away is not held up by the releases (the leases expire by themselves). */
    @Test
    void closingWithTheStoreAwayGivesUpAfterAMoment() {
        de.bwaldvogel.mongo.MongoServer server = new de.bwaldvogel.mongo.MongoServer(
                new de.bwaldvogel.mongo.backend.memory.MemoryBackend());
        java.net.InetSocketAddress address = server.bind();
        try (MongoClient own = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
            Leases leases = new Leases(own.getDatabase("away"), new InstanceId("a"), clock);
            leases.acquire("sweep", TTL);
            server.shutdownNow();
            long start = System.nanoTime();
            leases.close();
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .isLessThan(Leases.RELEASE_WAIT.plusSeconds(2));
        } finally {
            server.shutdownNow();
        }
    }

    /** Many instances upsert a new lease at the same moment: the store's unique _id lets exactly one in. */
    @Test
    void ofConcurrentFirstUpsertsExactlyOneAcquiresTheOthersAreRefused() throws Exception {
        int instances = 6;
        List<Leases> racers = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            racers.add(new Leases(database, new InstanceId("racer-" + i), clock));
        }
        ExecutorService pool = Executors.newFixedThreadPool(instances);
        try {
            for (int round = 0; round < 20; round++) {
                String name = "race-" + round;
                CyclicBarrier start = new CyclicBarrier(instances);
                List<Future<Acquisition>> results = new ArrayList<>();
                for (Leases racer : racers) {
                    results.add(pool.submit(() -> {
                        start.await();
                        return racer.acquire(name, TTL);
                    }));
                }
                List<String> winners = new ArrayList<>();
                for (int i = 0; i < instances; i++) {
                    Acquisition result = results.get(i).get(); // no exception escapes: a lost race is REFUSED
                    if (result.held()) {
                        winners.add("racer-" + i);
                    }
                }
                assertThat(winners).as("round %d", round).hasSize(1);
                assertThat(a.holder(name)).hasValueSatisfying(h -> assertThat(h.owner()).isEqualTo(winners.get(0)));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aLeasedJobRunsOnItsHolderOnlyAndIsToldWhenItsTermBegins() {
        LeasedJob onA = a.job("expiry-sweep", TTL);
        LeasedJob onB = b.job("expiry-sweep", TTL);
        List<String> runs = new ArrayList<>();
        assertThat(onA.run(acquisition -> runs.add("a " + acquisition))).isTrue();
        assertThat(onB.run(acquisition -> runs.add("b " + acquisition))).isFalse();
        clock.advance(TTL.minusSeconds(1));
        assertThat(onA.run(acquisition -> runs.add("a " + acquisition))).isTrue();
        assertThat(onB.run(acquisition -> runs.add("b " + acquisition))).isFalse();
        // a dies: its lease runs out one ttl after its last run, and b's next run takes the job over.
        clock.advance(TTL.plusMillis(1));
        assertThat(onB.run(acquisition -> runs.add("b " + acquisition))).isTrue();
        assertThat(runs).containsExactly("a ACQUIRED", "a RENEWED", "b ACQUIRED");
    }

    /** A run longer than the ttl keeps its lease: it is renewed while the run lasts. */
    @Test
    void aLongRunRenewsItsLeaseSoNoOtherInstanceStartsTheJobMeanwhile() {
        Clock system = Clock.systemUTC();
        Leases first = new Leases(database, new InstanceId("first"), system);
        Leases second = new Leases(database, new InstanceId("second"), system);
        Duration ttl = Duration.ofMillis(600);
        AtomicInteger secondRuns = new AtomicInteger();
        List<Boolean> attempts = new CopyOnWriteArrayList<>();
        boolean ran = first.job("long", ttl).run(() -> {
            for (int i = 0; i < 6; i++) {
                sleep(300);
                attempts.add(second.job("long", ttl).run(secondRuns::incrementAndGet));
            }
        });
        assertThat(ran).isTrue();
        assertThat(attempts).hasSize(6).containsOnly(false);
        assertThat(secondRuns).hasValue(0);
        assertThat(first.holds("long")).isTrue(); // renewed once more as the run ended
    }

    @Test
    void aJobsTtlOutlastsTwoIntervalsAndNeverLessThanTenSeconds() {
        assertThat(Leases.jobTtl(Duration.ofMinutes(5))).isEqualTo(Duration.ofMinutes(10));
        assertThat(Leases.jobTtl(Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void anEmptyConfiguredIdMakesAUniqueOne() {
        assertThat(InstanceId.of("pod-7").value()).isEqualTo("pod-7");
        InstanceId one = InstanceId.of("");
        InstanceId two = InstanceId.of(null);
        assertThat(one).isNotEqualTo(two);
        assertThat(one.value()).contains(":" + ProcessHandle.current().pid() + ":");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
