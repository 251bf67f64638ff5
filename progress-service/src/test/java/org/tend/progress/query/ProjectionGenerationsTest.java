package org.tend.progress.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.tend.plumbing.projection.ProjectionGenerations;
import org.tend.plumbing.web.UnavailableException;

class ProjectionGenerationsTest {

    final MongoDatabase db = TestDatabases.fresh();

    @Test
    void aFreshDatabaseServesGenerationOne() {
        ProjectionGenerations generations = ProjectionNames.generations(db, Clock.systemUTC());

        assertThat(generations.active()).isEqualTo(1);
        assertThat(TestDatabases.queries(db).activeGeneration()).isEqualTo(1);
        assertThat(generations.targets()).containsExactly(1);
    }

    @Test
    void aGenerationWrittenInAnOlderLayoutIsOutdatedUntilARebuildReplacesIt() {
        assertThat(ProjectionNames.generations(db, Clock.systemUTC()).servesOutdatedLayout()).isFalse();
        // As an earlier version left it: no layout recorded.
        db.getCollection(ProjectionNames.STATE).updateOne(new Document("_id", ProjectionGenerations.ID),
                new Document("$unset", new Document("layout", "")));
        ProjectionGenerations generations = ProjectionNames.generations(db, Clock.systemUTC());
        assertThat(generations.servesOutdatedLayout()).isTrue();
        // Reads are refused with a retry hint rather than misreading documents of the old layout.
        assertThatThrownBy(() -> TestDatabases.queries(db).readableGeneration())
                .isInstanceOfSatisfying(UnavailableException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(503);
                    assertThat(e.retryAfter()).isPositive();
                });

        // The status an operator reads still answers, naming the generation served.
        assertThat(TestDatabases.queries(db).activeGeneration()).isEqualTo(1);

        generations.activate(generations.beginBuilding());

        assertThat(generations.servesOutdatedLayout()).isFalse();
        assertThat(TestDatabases.queries(db).readableGeneration()).isEqualTo(2);
    }

    @Test
    void whileAGenerationIsBuiltLiveWritesGoToBoth() {
        ProjectionGenerations generations = ProjectionNames.generations(db, Clock.systemUTC());

        int building = generations.beginBuilding();

        assertThat(building).isEqualTo(2);
        assertThat(generations.targets()).containsExactly(1, 2);
        assertThat(TestDatabases.queries(db).activeGeneration()).isEqualTo(1);
        assertThatThrownBy(generations::beginBuilding).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void activatingSwitchesTheServedGenerationInOneStep() {
        ProjectionGenerations generations = ProjectionNames.generations(db, Clock.systemUTC());
        int building = generations.beginBuilding();

        int previous = generations.activate(building);

        assertThat(previous).isEqualTo(1);
        assertThat(TestDatabases.queries(db).activeGeneration()).isEqualTo(2);
        assertThat(generations.targets()).containsExactly(2);
        assertThat(generations.beginBuilding()).isEqualTo(3);
    }

    @Test
    void anAbandonedGenerationIsDroppedAndTheServedOneKept() {
        ProjectionGenerations generations = ProjectionNames.generations(db, Clock.systemUTC());
        db.getCollection(ProjectionNames.journeys(1)).insertOne(new Document("_id", "p_x"));
        int building = generations.beginBuilding();
        db.getCollection(ProjectionNames.journeys(building)).insertOne(new Document("_id", "p_y"));

        generations.abandon(building);

        assertThat(collections()).contains("journeys_g1").doesNotContain("journeys_g2");
        assertThat(generations.targets()).containsExactly(1);
    }

    @Test
    void aGenerationLeftHalfBuiltByAStoppedProcessIsDroppedAtStartOnceItsLeaseHasRunOut() {
        Instant now = Instant.parse("2026-01-05T10:00:00Z");
        ProjectionGenerations first = ProjectionNames.generations(db, Clock.fixed(now, ZoneOffset.UTC));
        int building = first.beginBuilding();
        db.getCollection(ProjectionNames.journeys(building)).insertOne(new Document("_id", "p_y"));
        db.getCollection(ProjectionNames.journeys(1)).insertOne(new Document("_id", "p_x"));
        db.getCollection(ProjectionNames.programmes(7)).insertOne(new Document("_id", "stray"));

        // Another instance starting while the lease is alive leaves the rebuild alone (strays are dropped).
        ProjectionGenerations second = ProjectionNames.generations(db, Clock.fixed(now.plusSeconds(5), ZoneOffset.UTC));
        assertThat(second.building()).isEqualTo(building);
        assertThat(collections()).contains("journeys_g1", "journeys_g2").doesNotContain("programmes_g7");

        ProjectionGenerations restarted = ProjectionNames.generations(db, Clock.fixed(
                now.plus(ProjectionGenerations.DEFAULT_LEASE).plusSeconds(1), ZoneOffset.UTC));

        assertThat(restarted.building()).isNull();
        assertThat(restarted.active()).isEqualTo(1);
        assertThat(collections()).contains("journeys_g1").doesNotContain("journeys_g2", "programmes_g7");
        assertThat(restarted.beginBuilding()).as("a number seen before is never handed out again").isEqualTo(8);
    }

    @Test
    void theServedGenerationCannotBeDropped() {
        ProjectionGenerations generations = ProjectionNames.generations(db, Clock.systemUTC());

        assertThatThrownBy(() -> generations.dropRetired(1)).isInstanceOf(IllegalArgumentException.class);
    }

    private List<String> collections() {
        return db.listCollectionNames().into(new ArrayList<>());
    }
}
