package org.tend.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ParticipantKeysTest {

    static final String ALICE = "p_aaaaaaaaaaaaaaaaaaaaaaaaaa";
    static final String BOB = "p_bbbbbbbbbbbbbbbbbbbbbbbbbb";
    static final byte[] ANSWERS = "{\"phq9-9\":2}".getBytes(StandardCharsets.UTF_8);

    final MasterKey master = MasterKey.fromKeysetJson(MasterKey.generateKeysetJson());
    final InMemoryKeyRecords records = new InMemoryKeyRecords();
    final ParticipantKeys keys = new ParticipantKeys(master, records);

    @Test
    void aSealedValueOpensWithTheParticipantsKeyAndReadsAsNothingAfterErasure() {
        byte[] sealed = keys.seal(ALICE, "assessment.answers", ANSWERS);
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("phq9");
        assertThat(keys.seal(ALICE, "assessment.answers", ANSWERS)).isNotEqualTo(sealed); // a fresh nonce each time
        // Another instance with the same master key and records opens it too (the key is shared only wrapped).
        ParticipantKeys elsewhere = new ParticipantKeys(master, records);
        assertThat(elsewhere.open(ALICE, "assessment.answers", sealed)).contains(ANSWERS);

        keys.erase(ALICE);

        assertThat(keys.open(ALICE, "assessment.answers", sealed)).isEmpty();
        assertThat(elsewhere.open(ALICE, "assessment.answers", sealed)).as("its cached key was dropped").isEmpty();
        assertThat(keys.find(ALICE)).isEmpty();
    }

    @Test
    void whatWasSealedBeforeAnErasureStaysUnreadableUnderTheNextKey() {
        byte[] before = keys.seal(ALICE, "assessment.answers", ANSWERS);
        keys.erase(ALICE);
        byte[] after = keys.seal(ALICE, "assessment.answers", ANSWERS);

        assertThat(keys.open(ALICE, "assessment.answers", before)).isEmpty();
        assertThat(keys.open(ALICE, "assessment.answers", after)).contains(ANSWERS);
    }

    @Test
    void aServiceThatDoesNotMakeKeysSealsWithTheSharedKeyAndRefusesSomeoneWithout() {
        ParticipantKeys goal = new ParticipantKeys(master, records, false, java.time.Duration.ofMillis(600));
        assertThatThrownBy(() -> goal.seal(ALICE, "goal.description", ANSWERS)).isInstanceOf(NoKeyException.class);
        assertThat(records.wrappedKeys()).as("no key was made").isEmpty();

        byte[] sealed = goal.seal(keyMadeFor(ALICE), "goal.description", ANSWERS);
        assertThat(keys.open(ALICE, "goal.description", sealed)).contains(ANSWERS);

        keys.erase(ALICE);
        assertThatThrownBy(() -> goal.seal(ALICE, "goal.description", ANSWERS)).isInstanceOf(NoKeyException.class);
    }

    private String keyMadeFor(String participantId) {
        keys.keyFor(participantId);
        return participantId;
    }

    @Test
    void aSealedValueCannotBeMovedToAnotherFieldOrPerson() {
        byte[] sealed = keys.seal(ALICE, "assessment.answers", ANSWERS);
        keys.keyFor(BOB);
        assertThatThrownBy(() -> keys.open(ALICE, "goal.description", sealed))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(keys.open(BOB, "assessment.answers", sealed)).as("another's key never opens it").isEmpty();
        sealed[sealed.length - 1] ^= 1;
        assertThatThrownBy(() -> keys.open(ALICE, "assessment.answers", sealed))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aWrappedKeyPassedOffAsSomeoneElsesDoesNotOpen() {
        keys.keyFor(ALICE);
        InMemoryKeyRecords forged = new InMemoryKeyRecords();
        forged.put(BOB, records.wrappedKeys().get(ALICE));
        // Refused, and as something to wait out (a wrong master key is put right), never as an erased participant.
        assertThatThrownBy(() -> new ParticipantKeys(master, forged).find(BOB))
                .isInstanceOf(KeysUnavailableException.class).hasMessageContaining("does not open");
        InMemoryKeyRecords copied = new InMemoryKeyRecords();
        copied.put(ALICE, records.wrappedKeys().get(ALICE));
        assertThatThrownBy(() -> new ParticipantKeys(MasterKey.fromKeysetJson(MasterKey.generateKeysetJson()), copied)
                .find(ALICE)).as("another master key").isInstanceOf(KeysUnavailableException.class);
    }
}
