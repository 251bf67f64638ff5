package org.tend.insights.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.tend.insights.privacy.NoiseState;

/**
 * The noise states as two instances share them: a state is replaced only by a plan made from it, and never by a plan
 * made from older data than the stored one, so two instances never answer the same value with two draws.
 */
class NoiseStatesTest {

    static final MongoClient CLIENT = MongoClients.create(org.tend.testsupport.EmbeddedMongo.connectionString());

    final MongoDatabase db = CLIENT.getDatabase("unit-" + UUID.randomUUID().toString().substring(0, 8));
    final NoiseStates a = new NoiseStates(db);
    final NoiseStates b = new NoiseStates(db);
    final String programme = UUID.randomUUID().toString();

    @AfterAll
    static void close() {
        CLIENT.close();
    }

    static final YearMonth FEBRUARY = YearMonth.of(2025, 2);

    static NoiseStates.MadeFrom from(int generation, long facts, long settings) {
        return new NoiseStates.MadeFrom(generation, facts, settings, FEBRUARY);
    }

    static NoiseState drawn(long trueValue, long noise) {
        return NoiseState.of(Map.of("programme/2025-01/count", new NoiseState.Draw(trueValue, "10", noise)));
    }

    @Test
    void ofTwoInstancesDrawingForTheSameValueAtOnceOnlyTheFirstToSaveIsKeptAndTheOtherPlansAgainFromIt() {
        NoiseStates.MadeFrom from = from(1, 3, 0);
        NoiseStates.Read readByA = a.read(programme, "enrolled");
        NoiseStates.Read readByB = b.read(programme, "enrolled");

        assertThat(a.save(programme, "enrolled", drawn(6, 2), readByA, from)).isEqualTo(NoiseStates.Saved.SAVED);
        assertThat(b.save(programme, "enrolled", drawn(6, -4), readByB, from))
                .isEqualTo(NoiseStates.Saved.CHANGED_MEANWHILE);
        assertThat(b.of(programme, "enrolled").draws()).isEqualTo(drawn(6, 2).draws());

        // Replacing a stored state works the same way: the version read must still be there.
        NoiseStates.Read again = a.read(programme, "enrolled");
        NoiseStates.Read againByB = b.read(programme, "enrolled");
        assertThat(a.save(programme, "enrolled", drawn(7, 1), again, from(1, 4, 0)))
                .isEqualTo(NoiseStates.Saved.SAVED);
        assertThat(b.save(programme, "enrolled", drawn(7, 5), againByB, from(1, 4, 0)))
                .isEqualTo(NoiseStates.Saved.CHANGED_MEANWHILE);
        assertThat(b.of(programme, "enrolled").draws()).isEqualTo(drawn(7, 1).draws());
    }

    @Test
    void aPlanMadeFromOlderDataThanTheStoredStateDoesNotReplaceItsDraws() {
        a.save(programme, "enrolled", drawn(7, 1), a.read(programme, "enrolled"), from(1, 8, 2));
        NoiseStates.Read read = b.read(programme, "enrolled");

        assertThat(b.save(programme, "enrolled", drawn(6, 3), read, from(1, 5, 2)))
                .as("older records").isEqualTo(NoiseStates.Saved.MADE_FROM_NEWER);
        assertThat(b.save(programme, "enrolled", drawn(6, 3), read, from(1, 9, 1)))
                .as("older settings").isEqualTo(NoiseStates.Saved.MADE_FROM_NEWER);
        assertThat(b.save(programme, "enrolled", drawn(6, 3), read, from(0, 99, 2)))
                .as("an older generation").isEqualTo(NoiseStates.Saved.MADE_FROM_NEWER);
        assertThat(b.of(programme, "enrolled").draws()).isEqualTo(drawn(7, 1).draws());

        assertThat(b.save(programme, "enrolled", drawn(6, 3), read,
                new NoiseStates.MadeFrom(1, 9, 2, FEBRUARY.minusMonths(1))))
                .as("fewer closed months").isEqualTo(NoiseStates.Saved.MADE_FROM_NEWER);
        assertThat(b.of(programme, "enrolled").draws()).isEqualTo(drawn(7, 1).draws());

        assertThat(b.save(programme, "enrolled", drawn(8, 3), read, from(2, 0, 2)))
                .as("a newer generation").isEqualTo(NoiseStates.Saved.SAVED);
        assertThat(a.of(programme, "enrolled").draws()).isEqualTo(drawn(8, 3).draws());
    }

    @Test
    void aStateStoredBeforeVersionsExistedIsReplacedOnce() {
        db.getCollection(NoiseStates.COLLECTION).insertOne(new Document("_id", programme + "/enrolled")
                .append("draws", List.of(new Document("id", "programme/2025-01/count").append("trueValue", 6L)
                        .append("scale", "10").append("noise", 2L))));
        NoiseStates.Read readByA = a.read(programme, "enrolled");
        NoiseStates.Read readByB = b.read(programme, "enrolled");
        assertThat(readByA.state().draws()).isEqualTo(drawn(6, 2).draws());

        NoiseStates.MadeFrom from = from(1, 1, 0);
        assertThat(a.save(programme, "enrolled", drawn(7, 1), readByA, from)).isEqualTo(NoiseStates.Saved.SAVED);
        assertThat(b.save(programme, "enrolled", drawn(7, 5), readByB, from))
                .isEqualTo(NoiseStates.Saved.CHANGED_MEANWHILE);
        assertThat(b.of(programme, "enrolled").draws()).isEqualTo(drawn(7, 1).draws());
    }
}
