package org.tend.assessment;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.tend.assessment.domain.assessment.ExpireAssessment;
import org.tend.assessment.expiry.ExpirySweep;
import org.tend.assessment.query.AssessmentViews;
import org.tend.plumbing.instance.InstanceId;
import org.tend.plumbing.instance.Leases;

/**
 * Two instances of the expiry sweep on one database (the service's own, with its real read model and command bus):
 * the scheduled sweep runs on one of them, and on the other once the first has died and its lease has run out.
 */
class ScheduledJobsAcrossInstancesTest extends ServiceTestSupport {

    static final Duration INTERVAL = Duration.ofMinutes(5);

    @Autowired
    AssessmentViews views;
    @Autowired
    CommandGateway commands;
    @Autowired
    MongoDatabase serviceDatabase;

    @BeforeEach
    void freeTheLease() {
        serviceDatabase.getCollection(Leases.COLLECTION).deleteOne(eq("_id", ExpirySweep.JOB));
    }

    @Test
    void theScheduledExpirySweepRunsOnOneInstanceAndIsTakenOverWhenItsHolderDies() throws Exception {
        List<String> expiredByFirst = new CopyOnWriteArrayList<>();
        List<String> expiredBySecond = new CopyOnWriteArrayList<>();
        ExpirySweep first = instance("first", expiredByFirst);
        ExpirySweep second = instance("second", expiredBySecond);

        String token = enrolled(unique("ola"), newProgramme());
        String due = start(token);
        clock.advance(Duration.ofDays(7).plusMinutes(1));

        // Both instances' schedules fire at the same moment: one sweeps, the other finds the job taken.
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CyclicBarrier together = new CyclicBarrier(2);
            Future<?> a = pool.submit(() -> {
                await(together);
                first.run();
            });
            Future<?> b = pool.submit(() -> {
                await(together);
                second.run();
            });
            a.get();
            b.get();
        } finally {
            pool.shutdownNow();
        }
        List<String> swept = expiredByFirst.isEmpty() ? expiredBySecond : expiredByFirst;
        List<String> idle = expiredByFirst.isEmpty() ? expiredByFirst : expiredBySecond;
        ExpirySweep holder = swept == expiredByFirst ? first : second;
        ExpirySweep other = swept == expiredByFirst ? second : first;
        assertThat(swept).contains(due);
        assertThat(idle).isEmpty();

        // The next rounds, an interval apart, stay with the holder while it lives: it renews its lease at each run,
        // so it holds it long past the first ttl.
        String holderId = owner().orElseThrow();
        for (int round = 0; round < 6; round++) {
            clock.advance(INTERVAL);
            other.run();
            holder.run();
            assertThat(owner()).hasValue(holderId);
        }
        assertThat(idle).isEmpty();

        // The holder dies: no more runs, no renewal. One ttl later the other instance's next run takes the job over.
        String orphan = start(token);
        clock.advance(Duration.ofDays(7).plusMinutes(1)); // far beyond the lease's ttl (twice the interval)
        int sweptBefore = swept.size();
        other.run();
        assertThat(idle).contains(orphan);
        assertThat(owner()).isPresent().get().isNotEqualTo(holderId);
        assertThat(swept).hasSize(sweptBefore);
        // And should the old holder come back, the job is no longer its own.
        holder.run();
        assertThat(swept).hasSize(sweptBefore);
    }

    private java.util.Optional<String> owner() {
        return java.util.Optional.ofNullable(serviceDatabase.getCollection(Leases.COLLECTION)
                .find(eq("_id", ExpirySweep.JOB)).first()).map(lease -> lease.getString("owner"));
    }

    private String start(String token) {
        return post("/api/assessments", token, Map.of("instrumentId", "gad-2")).expect(201).json()
                .path("assessmentId").asText();
    }

    /** An instance of the sweep: its own id and leases on the shared database, its commands recorded. */
    private ExpirySweep instance(String name, List<String> expired) {
        Leases leases = new Leases(serviceDatabase, new InstanceId(name + "-" + UUID.randomUUID()), clock);
        CommandGateway recording = (CommandGateway) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {CommandGateway.class}, (proxy, method, args) -> {
                    if (args != null && args.length > 0 && args[0] instanceof ExpireAssessment command) {
                        expired.add(command.assessmentId());
                    }
                    try {
                        return method.invoke(commands, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return new ExpirySweep(views, recording, clock, leases, INTERVAL);
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
