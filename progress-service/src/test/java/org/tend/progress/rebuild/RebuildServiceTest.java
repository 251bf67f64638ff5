package org.tend.progress.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tend.plumbing.web.ConflictException;
import org.tend.progress.query.JourneyQueries;
import org.tend.plumbing.projection.ProjectionGenerations;
import org.tend.plumbing.projection.RebuildService;
import org.tend.plumbing.projection.RebuildStatus;
import org.tend.progress.query.ProjectionNames;
import org.tend.progress.query.TestDatabases;
import org.tend.plumbing.projection.RebuildStatus.State;

class RebuildServiceTest {

    final MongoDatabase db = TestDatabases.fresh();
    final ProjectionGenerations generations = ProjectionNames.generations(db, Clock.systemUTC());
    final CountDownLatch release = new CountDownLatch(1);
    final List<Integer> builtGenerations = new ArrayList<>();
    RebuildService service;

    /** An engine that writes one document into the generation it builds, then waits until released. */
    RebuildService.Engine blockingEngine() {
        return (generation, progress, stop) -> {
            builtGenerations.add(generation);
            db.getCollection(ProjectionNames.journeys(generation)).insertOne(new Document("_id", "p_rebuilt"));
            progress.wrote(1, 1);
            try {
                while (!release.await(20, TimeUnit.MILLISECONDS)) {
                    if (stop.getAsBoolean()) {
                        throw new java.util.concurrent.CancellationException("stopped");
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void aRebuildFillsTheNextGenerationAndSwitchesToItOnceCaughtUp() {
        db.getCollection(ProjectionNames.journeys(1)).insertOne(new Document("_id", "p_old"));
        service = new RebuildService(generations, blockingEngine(), db, Clock.systemUTC(), Duration.ZERO);

        RebuildStatus started = service.start();

        assertThat(started.state()).isEqualTo(State.RUNNING);
        assertThat(started.generation()).isEqualTo(2);
        assertThat(TestDatabases.queries(db).activeGeneration()).isEqualTo(1);
        release.countDown();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(service.find(started.rebuildId()).orElseThrow().state()).isEqualTo(State.CAUGHT_UP));
        assertThat(TestDatabases.queries(db).activeGeneration()).isEqualTo(2);
        assertThat(service.find(started.rebuildId()).orElseThrow().finishedAt()).isNotNull();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(db.listCollectionNames().into(new ArrayList<>())).doesNotContain("journeys_g1"));
        assertThat(service.current()).isEmpty();
    }

    @Test
    void onlyOneRebuildRunsAtATime() {
        service = new RebuildService(generations, blockingEngine(), db, Clock.systemUTC(), Duration.ZERO);
        RebuildStatus first = service.start();

        assertThatThrownBy(service::start).isInstanceOf(ConflictException.class)
                .hasMessageContaining(first.rebuildId());

        release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> service.current().isEmpty());
        assertThat(service.start().generation()).isEqualTo(3);
    }

    @Test
    void aFailedRebuildLeavesTheServedGenerationAlone() {
        db.getCollection(ProjectionNames.journeys(1)).insertOne(new Document("_id", "p_old"));
        service = new RebuildService(generations, (generation, progress, stop) -> {
            db.getCollection(ProjectionNames.journeys(generation)).insertOne(new Document("_id", "p_half"));
            throw new IllegalStateException("broker unreachable");
        }, db, Clock.systemUTC(), Duration.ZERO);

        String id = service.start().rebuildId();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(service.find(id).orElseThrow().state()).isEqualTo(State.FAILED));
        assertThat(service.find(id).orElseThrow().failure()).contains("broker unreachable");
        assertThat(TestDatabases.queries(db).activeGeneration()).isEqualTo(1);
        assertThat(db.listCollectionNames().into(new ArrayList<>())).contains("journeys_g1")
                .doesNotContain("journeys_g2");
        assertThat(generations.targets()).containsExactly(1);
    }

    @Test
    void aRebuildIsRecordedAndOneCutShortByAStopIsReportedFailedAfterARestart() {
        service = new RebuildService(generations, blockingEngine(), db, Clock.systemUTC(), Duration.ZERO);
        String id = service.start().rebuildId();

        service.close();
        service = null;
        ProjectionGenerations restartedGenerations = ProjectionNames.generations(db, Clock.systemUTC());
        RebuildService restarted = new RebuildService(restartedGenerations, blockingEngine(), db, Clock.systemUTC(),
                Duration.ZERO);
        try {
            RebuildStatus status = restarted.find(id).orElseThrow();
            assertThat(status.state()).isEqualTo(State.FAILED);
            assertThat(status.generation()).isEqualTo(2);
            assertThat(restartedGenerations.active()).isEqualTo(1);
            assertThat(restarted.find("00000000-0000-4000-8000-000000000000")).isEmpty();
        } finally {
            restarted.close();
        }
    }
}
