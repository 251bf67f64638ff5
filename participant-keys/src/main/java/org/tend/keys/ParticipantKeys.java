package org.tend.keys;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.Optional;
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

    private final MasterKey master;
    private final KeyRecords records;
    private final Map<String, Aead> unwrapped = new ConcurrentHashMap<>();

    public ParticipantKeys(MasterKey master, KeyRecords records) {
        this.master = master;
        this.records = records;
        records.onErased(unwrapped::remove);
    }

    /** The participant's key, made and shared if they have none yet. */
    public Aead keyFor(String participantId) {
        Optional<Aead> existing = find(participantId);
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            KeysetHandle handle = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
            byte[] wrapped = TinkProtoKeysetFormat.serializeEncryptedKeyset(handle, master.aead(),
                    associatedData(participantId));
            records.put(participantId, wrapped);
            Aead aead = handle.getPrimitive(RegistryConfiguration.get(), Aead.class);
            unwrapped.put(participantId, aead);
            return aead;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a data key", e);
        }
    }

    /** The participant's key, or empty when they have none (never had one, or it was erased). */
    public Optional<Aead> find(String participantId) {
        Aead cached = unwrapped.get(participantId);
        if (cached != null) {
            return Optional.of(cached);
        }
        return records.get(participantId).map(wrapped -> {
            try {
                KeysetHandle handle = TinkProtoKeysetFormat.parseEncryptedKeyset(wrapped, master.aead(),
                        associatedData(participantId));
                Aead aead = handle.getPrimitive(RegistryConfiguration.get(), Aead.class);
                unwrapped.put(participantId, aead);
                return aead;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the wrapped key of " + participantId
                        + " does not open with this master key, or is not theirs", e);
            }
        });
    }

    /** Destroys the participant's key everywhere it is shared; what was sealed with it can no longer be opened. */
    public void erase(String participantId) {
        unwrapped.remove(participantId);
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
     * Opens a value sealed by {@link #seal}; empty when the participant's key was erased (the value is gone for good).
     *
     * @throws IllegalArgumentException when the value was not sealed for this participant and context, or was altered
     */
    public Optional<byte[]> open(String participantId, String context, byte[] ciphertext) {
        Optional<Aead> key = find(participantId);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(key.get().decrypt(ciphertext, associatedData(participantId + "|" + context)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the value was not sealed for " + participantId + " as " + context
                    + ", or was altered", e);
        }
    }

    private static byte[] associatedData(String text) {
        return ("tend:" + text).getBytes(StandardCharsets.UTF_8);
    }
}
