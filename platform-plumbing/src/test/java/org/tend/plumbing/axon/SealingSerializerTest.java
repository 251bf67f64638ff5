package org.tend.plumbing.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.tend.kernel.PersonalData;
import org.tend.keys.InMemoryKeyRecords;
import org.tend.keys.MasterKey;
import org.tend.keys.ParticipantKeys;
import org.tend.keys.SealedFields;

/** Axon's Jackson serializer with sealing around it, in each representation the Mongo event store uses. */
class SealingSerializerTest {

    record Rated(String participantId, String goalId, @PersonalData int rating, Instant ratedAt) {
    }

    record Created(String programmeId, String name) {
    }

    final ParticipantKeys keys = new ParticipantKeys(MasterKey.fromKeysetJson(MasterKey.generateKeysetJson()),
            new InMemoryKeyRecords());
    final SealingSerializer serializer = new SealingSerializer(JacksonSerializer.defaultSerializer(),
            new SealedFields(keys));

    @Test
    void personalFieldsAreSealedInEveryRepresentationAndOpenOnTheWayBack() {
        Rated rated = new Rated("p_alice", "g1", 7, Instant.parse("2026-12-01T10:00:00Z"));
        for (Class<?> representation : new Class<?>[] {String.class, byte[].class}) {
            SerializedObject<?> stored = serializer.serialize(rated, representation);
            String text = stored.getData() instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                    : (String) stored.getData();
            assertThat(text).contains("p_alice", "g1", "$sealed").doesNotContain("\"rating\"");
            assertThat(stored.getType().getName()).isEqualTo(Rated.class.getName());
            assertThat((Object) serializer.deserialize(stored)).isEqualTo(rated);
        }
    }

    @Test
    void eventsWithoutPersonalDataAndMetaDataPassThrough() {
        Created created = new Created("prog", "Acme");
        SerializedObject<String> stored = serializer.serialize(created, String.class);
        assertThat(stored.getData()).contains("Acme").doesNotContain("$sealed");
        assertThat((Object) serializer.deserialize(stored)).isEqualTo(created);
        MetaData meta = MetaData.with("traceparent", "00-abc");
        assertThat((Object) serializer.deserialize(serializer.serialize(meta, byte[].class))).isEqualTo(meta);
    }

    @Test
    void onceTheKeyIsErasedTheStoredEventReadsWithItsPersonalValueGone() {
        SerializedObject<byte[]> stored = serializer.serialize(new Rated("p_bob", "g2", 9, Instant.EPOCH),
                byte[].class);
        keys.erase("p_bob");
        Rated read = serializer.deserialize(stored);
        assertThat(read.goalId()).isEqualTo("g2");
        assertThat(read.rating()).isZero();
    }
}
