package org.tend.keys;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each participant's own data key, and the one cipher for their data ({@link #seal}, {@link #open}): AES-256-GCM
 * through Tink's AEAD, no home-made mode. A participant's key is made once (at enrolment), stored only wrapped by the
 * {@link MasterKey} with the participant's id bound to it as associated data (a wrapped key cannot be passed off as
 * someone else's), and shared through {@link KeyRecords}. {@link #erase} destroys it everywhere: from then on every
 * copy of every value sealed with it, in any store, backup or consumer, is unreadable ({@link #open} answers empty).
 *
 * <p>Unwrapped keys are cached in memory and dropped as soon as the records say the key was erased.
 */
public final class ParticipantKeys {

    /** A participant's key as this instance holds it: the primitive and the id Tink prefixes its ciphertexts with. */
    private record DataKey(Aead aead, int id) {
    }

    private final MasterKey master;
    private final KeyRecords records;
    private final Map<String, DataKey> unwrapped = new ConcurrentHashMap<>();
    /** Participants whose key this instance saw erased, or found absent from the shared records. */
    private final Set<String> erased = ConcurrentHashMap.newKeySet();
    /** Participants whose key this instance saw destroyed (the key topic's erasure marker, or its own erasure). */
    private final Set<String> destroyed = ConcurrentHashMap.newKeySet();

    private final boolean makesKeys;
    private final Duration awaitKey;

    /** Keys of a service that makes participants' keys (assessment-service). */
    public ParticipantKeys(MasterKey master, KeyRecords records) {
        this(master, records, true);
    }

    /**
     * @param makesKeys whether this service makes a key for a participant who has none; a service that does not
     *                  ({@code false}) waits a while for a key not on the topic yet, then refuses to seal
     *                  ({@link NoKeyException})
     */
    public ParticipantKeys(MasterKey master, KeyRecords records, boolean makesKeys) {
        this(master, records, makesKeys, Duration.ofSeconds(10));
    }

    /** @param awaitKey how long a service that does not make keys waits for a key not on the topic yet */
    public ParticipantKeys(MasterKey master, KeyRecords records, boolean makesKeys, Duration awaitKey) {
        this.master = master;
        this.records = records;
        this.makesKeys = makesKeys;
        this.awaitKey = awaitKey;
        records.onErased(participantId -> {
            unwrapped.remove(participantId);
            erased.add(participantId);
            destroyed.add(participantId);
        });
    }

    /**
     * The participant's key, made and shared if they have none yet (only where this service makes keys). Making one is
     * serialised within this instance, so two threads sealing a new participant's first events agree on one key;
     * across instances the records decide ({@link KeyRecords#putIfAbsent}: the first stored wins, the others use it).
     * Only one service makes keys (assessment-service, where a participant's first event is written).
     */
    public Aead keyFor(String participantId) {
        Optional<DataKey> current = current(participantId);
        if (current.isPresent()) {
            return current.get().aead();
        }
        if (!makesKeys) {
            if (destroyed.contains(participantId)) {
                throw new NoKeyException(participantId); // destroyed, not merely late: nothing to wait for
            }
            return awaitShared(participantId).aead();
        }
        return make(participantId).aead();
    }

    /**
     * The participant's key, or empty when they have none (never had one, or it was erased).
     *
     * @throws KeysUnavailableException when the shared records cannot be read in time
     */
    public Optional<Aead> find(String participantId) {
        return current(participantId).map(DataKey::aead);
    }

    private Optional<DataKey> current(String participantId) {
        DataKey cached = unwrapped.get(participantId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<byte[]> wrapped = records.get(participantId);
        if (wrapped.isEmpty()) {
            wrapped = records.getCurrent(participantId);
        }
        if (wrapped.isEmpty()) {
            return Optional.empty();
        }
        DataKey key = unwrap(participantId, wrapped.get());
        if (destroyed.contains(participantId)) {
            // The erasure arrived while this thread unwrapped a key it had read before: the key must not stay.
            unwrapped.remove(participantId);
            return Optional.empty();
        }
        return Optional.of(key);
    }

    private DataKey unwrap(String participantId, byte[] wrapped) {
        try {
            KeysetHandle handle = TinkProtoKeysetFormat.parseEncryptedKeyset(wrapped, master.aead(),
                    associatedData(participantId));
            DataKey key = new DataKey(handle.getPrimitive(RegistryConfiguration.get(), Aead.class),
                    handle.getPrimary().getId());
            unwrapped.put(participantId, key);
            return key;
        } catch (GeneralSecurityException e) {
            // Most likely a master key that is not the one the keys were wrapped with (TEND_MASTER_KEYSET): nothing
            // about the participant may be read or written until it is put right, so callers wait as in an outage.
            throw new KeysUnavailableException("the wrapped key of " + participantId
                    + " does not open with this master key, or is not theirs", e);
        }
    }

    /**
     * A key made elsewhere and not on the topic yet (made while the broker was away; the maker shares it within
     * seconds) is waited for a while before the caller is told there is none.
     */
    private DataKey awaitShared(String participantId) {
        long deadline = System.nanoTime() + awaitKey.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            Optional<DataKey> shared = current(participantId);
            if (shared.isPresent()) {
                return shared.get();
            }
        }
        throw new NoKeyException(participantId);
    }

    private synchronized DataKey make(String participantId) {
        Optional<DataKey> madeMeanwhile = current(participantId);
        if (madeMeanwhile.isPresent()) {
            return madeMeanwhile.get();
        }
        try {
            KeysetHandle handle = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
            byte[] wrapped = TinkProtoKeysetFormat.serializeEncryptedKeyset(handle, master.aead(),
                    associatedData(participantId));
            Optional<byte[]> theirs = records.putIfAbsent(participantId, wrapped);
            if (theirs.isPresent()) {
                return unwrap(participantId, theirs.get()); // another instance made their key first: it is theirs
            }
            DataKey key = new DataKey(handle.getPrimitive(RegistryConfiguration.get(), Aead.class),
                    handle.getPrimary().getId());
            unwrapped.put(participantId, key);
            erased.remove(participantId);
            destroyed.remove(participantId); // a key made anew (never for a retired pseudonym, see StoredKeyRecords)
            return key;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a data key", e);
        }
    }

    /**
     * Whether the participant's key is gone for good: this instance saw it erased, or it is not on the shared records
     * (read to their end). A participant whose key this instance holds is not erased.
     *
     * @throws KeysUnavailableException when the shared records cannot be read in time
     */
    public boolean isErased(String participantId) {
        if (destroyed.contains(participantId)) {
            return true;
        }
        if (unwrapped.containsKey(participantId)) {
            return false;
        }
        if (erased.contains(participantId) && records.get(participantId).isEmpty()) {
            return true;
        }
        if (current(participantId).isPresent()) {
            return false;
        }
        erased.add(participantId);
        return true;
    }

    /**
     * Whether this instance saw the participant's key destroyed (the key topic's erasure marker, or its own). Unlike
     * {@link #isErased}, a key that is merely absent (not shared yet, or never made) does not count: this is the test
     * for acting on a record that may have been overtaken by an erasure.
     */
    public boolean sawErased(String participantId) {
        return destroyed.contains(participantId);
    }

    /** Destroys the participant's key everywhere it is shared; what was sealed with it can no longer be opened. */
    public void erase(String participantId) {
        unwrapped.remove(participantId);
        erased.add(participantId);
        destroyed.add(participantId);
        records.erase(participantId);
    }

    /**
     * Seals a value about the participant with their key. {@code context} names what it is (e.g.
     * {@code assessment-completed.answers}) and is bound to the ciphertext with the participant's id, so a sealed value
     * cannot be moved to another field or person.
     */
    public byte[] seal(String participantId, String context, byte[] plaintext) {
        try {
            return keyFor(participantId).encrypt(plaintext, associatedData(participantId + "|" + context));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a value", e);
        }
    }

    /**
     * Opens a value sealed by {@link #seal}; empty when it can never be read again: the participant's key was erased,
     * or the value was sealed with a key they no longer have (one erased before a new one was made), or with someone
     * else's.
     *
     * @throws IllegalArgumentException when the value was sealed with the participant's key but for another context,
     *                                  or was altered
     * @throws KeysUnavailableException when the shared records cannot be read in time
     */
    public Optional<byte[]> open(String participantId, String context, byte[] ciphertext) {
        if (destroyed.contains(participantId)) {
            return Optional.empty();
        }
        DataKey key = unwrapped.get(participantId);
        if (key == null) {
            if (erased.contains(participantId) && records.get(participantId).isEmpty()) {
                return Optional.empty();
            }
            Optional<DataKey> found = current(participantId);
            if (found.isEmpty()) {
                erased.add(participantId);
                return Optional.empty();
            }
            key = found.get();
        }
        try {
            return Optional.of(key.aead().decrypt(ciphertext, associatedData(participantId + "|" + context)));
        } catch (GeneralSecurityException e) {
            if (!prefixedWith(ciphertext, key.id())) {
                return Optional.empty();
            }
            throw new IllegalArgumentException("the value was not sealed for " + participantId + " as " + context
                    + ", or was altered", e);
        }
    }

    /**
     * Opens a value sealed by {@link #seal} that reached this service on a topic (an integration event's data). Unlike
     * {@link #open}, a key this instance does not find is not taken for an erased one: the record may have overtaken
     * its key (the maker shares keys within seconds), so only the key's erasure marker counts as erasure.
     *
     * @return the plaintext, or empty when the participant was erased (the record can never be read again)
     * @throws KeysUnavailableException when the key is neither known nor erased after a wait (it has not been shared
     *                                  yet, or the key records cannot be read): the caller retries, as in an outage
     * @throws IllegalArgumentException when the value was altered or sealed for another participant or context
     */
    public Optional<byte[]> openShared(String participantId, String context, byte[] ciphertext) {
        Optional<DataKey> key = destroyed.contains(participantId) ? Optional.empty() : current(participantId);
        if (key.isEmpty()) {
            if (destroyed.contains(participantId) || makesKeys) {
                return Optional.empty(); // erased (where keys are made, what the store does not hold was erased)
            }
            try {
                key = Optional.of(awaitShared(participantId));
            } catch (NoKeyException e) {
                throw new KeysUnavailableException("the key of " + participantId + " is neither shared nor erased yet",
                        e);
            }
        }
        try {
            return Optional.of(key.get().aead().decrypt(ciphertext,
                    associatedData(participantId + "|" + context)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the value was not sealed for " + participantId + " as " + context
                    + ", or was altered", e);
        }
    }

    /** Whether a ciphertext carries Tink's prefix for this key id (a version byte, then the id). */
    private static boolean prefixedWith(byte[] ciphertext, int keyId) {
        return ciphertext.length >= 5 && ciphertext[0] == 1
                && ByteBuffer.wrap(ciphertext, 1, 4).getInt() == keyId;
    }

    private static byte[] associatedData(String text) {
        return ("tend:" + text).getBytes(StandardCharsets.UTF_8);
    }
}
