package org.tend.progress.reminders;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockingDetails;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tend.plumbing.instance.InstanceId;
import org.tend.plumbing.instance.Leases;
import org.tend.plumbing.outbox.EventOutbox;
import org.tend.progress.TestClock;
import org.tend.progress.query.JourneyQueries;
import org.tend.progress.query.JourneyViews;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances' reminder sweeps on one database: the scheduled sweep reads the journeys on one instance only (the
 * markers would keep a mail from going twice anyway; the lease keeps the second instance from reading everything for
 * nothing), and on the other once the first has died and its lease has run out.
 */
class RemindersAcrossInstancesTest {

    static final Duration INTERVAL = Duration.ofMinutes(15);

    final MongoClient client = MongoClients.create(org.tend.testsupport.EmbeddedMongo.connectionString());
    final MongoDatabase database = client.getDatabase("reminders-" + UUID.randomUUID().toString().substring(0, 8));
    final TestClock clock = new TestClock();

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void theScheduledSweepRunsOnOneInstanceAndMovesToTheOtherWhenItsHolderDies() throws Exception {
        clock.set(Instant.parse("2026-05-04T08:00:00Z"));
        JourneyQueries journeysOfOne = mock(JourneyQueries.class);
        JourneyQueries journeysOfTwo = mock(JourneyQueries.class);
        Reminders one = instance("one", journeysOfOne);
        Reminders two = instance("two", journeysOfTwo);

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CyclicBarrier together = new CyclicBarrier(2);
            Future<?> a = pool.submit(() -> {
                together.await();
                one.scheduled();
                return null;
            });
            Future<?> b = pool.submit(() -> {
                together.await();
                two.scheduled();
                return null;
            });
            a.get();
            b.get();
        } finally {
            pool.shutdownNow();
        }
        assertThat(sweeps(journeysOfOne) + sweeps(journeysOfTwo)).as("one sweep between them").isEqualTo(1);
        boolean oneHolds = sweeps(journeysOfOne) == 1;
        Reminders holder = oneHolds ? one : two;
        Reminders other = oneHolds ? two : one;
        JourneyQueries holderJourneys = oneHolds ? journeysOfOne : journeysOfTwo;
        JourneyQueries otherJourneys = oneHolds ? journeysOfTwo : journeysOfOne;

        // Rounds an interval apart stay with the holder while it lives.
        for (int round = 0; round < 4; round++) {
            clock.set(clock.instant().plus(INTERVAL));
            other.scheduled();
            holder.scheduled();
        }
        assertThat(sweeps(holderJourneys)).isEqualTo(5);
        assertThat(sweeps(otherJourneys)).isZero();

        // The holder dies; once its lease (two intervals) has run out, the other's next round sweeps.
        clock.set(clock.instant().plus(INTERVAL.multipliedBy(2)).plusSeconds(1));
        other.scheduled();
        assertThat(sweeps(otherJourneys)).isEqualTo(1);
        holder.scheduled();
        assertThat(sweeps(holderJourneys)).as("the job is no longer its own").isEqualTo(5);
    }

    /** An instance: its own id and leases on the shared database; the journeys it reads recorded by a mock. */
    private Reminders instance(String name, JourneyQueries journeys) {
        Leases leases = new Leases(database, new InstanceId(name), clock);
        return new Reminders(journeys, mock(JourneyViews.class), mock(ReminderAddresses.class),
                mock(ReminderMail.class), mock(EventOutbox.class), mock(AlertCounts.class), clock,
                leases.job(Reminders.JOB, Leases.jobTtl(INTERVAL)));
    }

    /** Sweeps that read the journeys: each begins by asking which generation is readable. */
    private static long sweeps(JourneyQueries journeys) {
        return mockingDetails(journeys).getInvocations().stream()
                .filter(invocation -> invocation.getMethod().getName().equals("readableGeneration")).count();
    }
}
