package org.tend.keys;

import java.util.Optional;

/**
 * Where the wrapped data keys live and how every service learns of them: a map from participant to wrapped key, in
 * which a removal (a tombstone) is final. {@link KafkaKeyRecords} is the shared one; a test may use a map.
 */
public interface KeyRecords {

    /** Stores (and shares) a participant's wrapped key. */
    void put(String participantId, byte[] wrappedKey);

    /**
     * Stores a participant's new wrapped key unless they have one already; answers the one they have (made meanwhile,
     * by another thread or instance), or empty when this one was stored.
     */
    default Optional<byte[]> putIfAbsent(String participantId, byte[] wrappedKey) {
        Optional<byte[]> existing = getCurrent(participantId);
        if (existing.isPresent()) {
            return existing;
        }
        put(participantId, wrappedKey);
        return Optional.empty();
    }

    /** The participant's wrapped key as far as this instance knows; empty when there is none or it was erased. */
    Optional<byte[]> get(String participantId);

    /**
     * The participant's wrapped key as the shared records hold it now: unlike {@link #get}, which answers from what
     * this instance has read so far, this first reads everything written before the call (a key another instance has
     * just made). Empty means there is none: never made, or erased.
     *
     * @throws KeysUnavailableException when the shared records cannot be read in time
     */
    default Optional<byte[]> getCurrent(String participantId) {
        return get(participantId);
    }

    /** Erases the participant's wrapped key everywhere it is shared. */
    void erase(String participantId);

    /** Called with every participant whose key this instance drops, so caches of unwrapped keys drop it too. */
    void onErased(java.util.function.Consumer<String> listener);
}
