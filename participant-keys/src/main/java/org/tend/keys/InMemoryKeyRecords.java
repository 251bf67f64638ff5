package org.tend.keys;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Key records held by one process only: for tests and benchmarks, where one JVM stands for every instance. Nothing is
 * shared or kept, so a deployment uses {@link KafkaKeyRecords}.
 */
public final class InMemoryKeyRecords implements KeyRecords {

    private final Map<String, byte[]> keys = new ConcurrentHashMap<>();
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    /** The erased participants, as the key topic keeps their erasure markers. */
    private final java.util.Set<String> erased = ConcurrentHashMap.newKeySet();

    @Override
    public void put(String participantId, byte[] wrappedKey) {
        keys.put(participantId, wrappedKey);
    }

    @Override
    public Optional<byte[]> get(String participantId) {
        return Optional.ofNullable(keys.get(participantId));
    }

    @Override
    public void erase(String participantId) {
        keys.remove(participantId);
        erased.add(participantId);
        listeners.forEach(listener -> listener.accept(participantId));
    }

    /** Also tells the new listener of every erasure so far, as a follower of the key topic reads their markers. */
    @Override
    public void onErased(Consumer<String> listener) {
        listeners.add(listener);
        erased.forEach(listener);
    }

    /** The wrapped keys held now, by participant (a copy). */
    public Map<String, byte[]> wrappedKeys() {
        return Map.copyOf(keys);
    }
}
