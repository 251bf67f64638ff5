package org.tend.progress.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
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
    void aGenerationLeftHalfBuiltByAStoppedProcessIsDroppedAtStart() {
        ProjectionGenerations first = ProjectionNames.generations(db, Clock.systemUTC());
        int building = first.beginBuilding();
        db.getCollection(ProjectionNames.journeys(building)).insertOne(new Document("_id", "p_y"));
        db.getCollection(ProjectionNames.journeys(1)).insertOne(new Document("_id", "p_x"));
        db.getCollection(ProjectionNames.programmes(7)).insertOne(new Document("_id", "stray"));

        ProjectionGenerations restarted = ProjectionNames.generations(db, Clock.systemUTC());

        assertThat(restarted.building()).isNull();
        assertThat(restarted.active()).isEqualTo(1);
        assertThat(collections()).contains("journeys_g1").doesNotContain("journeys_g2", "programmes_g7");
        assertThat(restarted.beginBuilding()).isEqualTo(2);
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
