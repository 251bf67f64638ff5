package org.tend.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.tend.kernel.PersonalData;
import org.junit.jupiter.api.Test;

class SealedFieldsTest {

    record Completed(String assessmentId, String participantId, String instrumentId,
                     @PersonalData Map<String, Integer> answers, @PersonalData int score,
                     @PersonalData String band, @PersonalData List<String> withdrawn) {
    }

    record Anonymous(String programmeId, @PersonalData String cohort) {
    }

    record Plain(String participantId, String programmeId) {
    }

    static final String ALICE = ParticipantKeysTest.ALICE;
    static final String BOB = ParticipantKeysTest.BOB;

    final ObjectMapper json = new ObjectMapper();
    final ParticipantKeys keys = new ParticipantKeys(MasterKey.fromKeysetJson(MasterKey.generateKeysetJson()),
            new InMemoryKeyRecords());
    final SealedFields fields = new SealedFields(keys);

    JsonNode tree(Object event) {
        return json.valueToTree(event);
    }

    @Test
    void thePersonalValuesAreSealedTogetherAndTheRestStaysReadable() throws Exception {
        Completed event = new Completed("a1", ALICE, "phq9", Map.of("phq9-9", 2), 17, "moderately-severe",
                List.of("phq9-3"));
        JsonNode sealed = fields.seal(Completed.class, "Completed", tree(event));

        String text = json.writeValueAsString(sealed);
        assertThat(text).contains("a1", ALICE, "phq9\"", SealedFields.SEALED)
                .doesNotContain("phq9-9", "moderately", "phq9-3", "\"answers\"", "\"band\"", "\"score\"",
                        "\"withdrawn\"");
        JsonNode opened = fields.open(Completed.class, "Completed", json.readTree(text));
        assertThat(json.treeToValue(opened, Completed.class)).isEqualTo(event);
    }

    @Test
    void afterErasureEveryCopyReadsWithItsPersonalValuesEmptied() throws Exception {
        Completed event = new Completed("a1", ALICE, "phq9", Map.of("phq9-9", 2), 17, "severe", List.of());
        String stored = json.writeValueAsString(fields.seal(Completed.class, "Completed", tree(event)));
        String bobs = json.writeValueAsString(fields.seal(Completed.class, "Completed",
                tree(new Completed("a2", BOB, "gad7", Map.of("gad7-1", 3), 9, "mild", List.of()))));

        Completed alices = new Completed("a1", ALICE, "phq9", Map.of(), 1, "x", List.of());
        assertThat(fields.aboutErasedParticipant(alices)).isFalse();

        keys.erase(ALICE);

        assertThat(fields.aboutErasedParticipant(alices)).as("not to be passed on").isTrue();
        assertThat(fields.aboutErasedParticipant(new Plain(ALICE, "prog"))).as("nothing personal in it").isFalse();
        Completed erased = json.treeToValue(fields.open(Completed.class, "Completed", json.readTree(stored)),
                Completed.class);
        assertThat(erased).isEqualTo(new Completed("a1", ALICE, "phq9", Map.of(), 0, null, List.of()));
        // Someone else's events are untouched.
        assertThat(json.treeToValue(fields.open(Completed.class, "Completed", json.readTree(bobs)), Completed.class)
                .score()).isEqualTo(9);
    }

    @Test
    void aSealedValueMovedToAnotherPersonOrKindOfEventDoesNotOpen() throws Exception {
        ObjectNode alices = (ObjectNode) fields.seal(Completed.class, "Completed",
                tree(new Completed("a1", ALICE, "phq9", Map.of("phq9-9", 2), 17, "severe", List.of())));
        keys.keyFor(BOB);
        ObjectNode movedToBob = alices.deepCopy().put("participantId", BOB);
        ObjectNode read = (ObjectNode) fields.open(Completed.class, "Completed", movedToBob);
        assertThat(read.get("answers")).as("read as nothing under Bob's key").isEmpty();
        assertThat(read.has("score")).isFalse();
        assertThatThrownBy(() -> fields.open(Completed.class, "Other", alices.deepCopy()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTypeWithoutPersonalDataIsLeftAsItIsAndOldPlainEventsStillRead() {
        JsonNode plain = tree(new Plain(ALICE, "prog"));
        assertThat(fields.holdsPersonalData(Plain.class)).isFalse();
        assertThat(fields.seal(Plain.class, "Plain", plain.deepCopy())).isEqualTo(plain);

        JsonNode beforeSealing = tree(new Completed("a1", ALICE, "phq9", Map.of("phq9-9", 2), 17, "severe",
                List.of()));
        assertThat(fields.open(Completed.class, "Completed", beforeSealing.deepCopy())).isEqualTo(beforeSealing);
    }

    @Test
    void personalDataWithoutAParticipantIsRefusedWhenTheTypeIsFirstSeen() {
        assertThatThrownBy(() -> fields.holdsPersonalData(Anonymous.class))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("participantId");
        ObjectNode nobody = (ObjectNode) tree(new Completed("a1", null, "phq9", Map.of(), 1, "x", List.of()));
        assertThatThrownBy(() -> fields.seal(Completed.class, "Completed", nobody))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("names no participantId");
    }
}
