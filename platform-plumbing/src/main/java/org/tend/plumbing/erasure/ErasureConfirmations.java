package org.tend.plumbing.erasure;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.tend.contracts.ErasureStores;
import org.tend.contracts.EventTypes;
import org.tend.keys.KeysUnavailableException;
import org.tend.keys.ParticipantKeys;
import org.tend.plumbing.outbox.EventOutbox;
import org.tend.plumbing.outbox.OutboxEntry;
import org.tend.plumbing.messaging.IntegrationEvent;

/**
 * A service's confirmation that one of its stores no longer holds anything readable about the participant of an
 * erasure ({@code tend.erasure.store-erased.v1} on {@code tend.erasure.confirmations}, keyed by the erasure). A
 * confirmation is put in the service's own outbox ({@code erasure_confirmations_outbox}) after the deletion it
 * confirms, in the same step that handles the erasure, and sent from there; so it is never lost while the broker is
 * away, and a confirmation put again (a redelivered erasure, a rebuild that reads it) has the same id and is sent
 * at most once more, which the report ignores (it keeps a store's first time).
 */
public final class ErasureConfirmations {

    /** The outbox collection. */
    public static final String OUTBOX = "erasure_confirmations_outbox";

    private final EventOutbox outbox;
    private final Clock clock;

    public ErasureConfirmations(EventOutbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Confirms that the stores no longer hold anything readable about the erasure's participant.
     *
     * @throws IllegalArgumentException for a store that is not one of {@link ErasureStores#ALL}
     */
    public void confirm(String erasureId, String... stores) {
        Instant now = clock.instant();
        List<OutboxEntry> entries = new java.util.ArrayList<>();
        for (String store : stores) {
            if (!ErasureStores.ALL.contains(store)) {
                throw new IllegalArgumentException("not a store an erasure reports: " + store);
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("erasureId", erasureId);
            data.put("store", store);
            data.put("confirmedAt", now.toString());
            entries.add(new OutboxEntry(idOf(erasureId, store), EventTypes.ERASURE_TOPIC, now,
                    new IntegrationEvent(EventTypes.STORE_ERASED_V1, erasureId, data)));
        }
        outbox.put(entries);
    }

    /**
     * Confirms a store whose records about the participant are sealed with their key, once this instance no longer
     * holds that key (it has read the key's erasure marker, or the key is on no shared record). Until then the erasure is
     * retried like an outage: the marker and the erasure travel on different topics, and either may come first.
     *
     * @throws KeysUnavailableException while this instance still holds the key, or cannot read the key records
     */
    public void confirmSealed(String erasureId, String participantId, ParticipantKeys keys, String store) {
        if (!keys.isErased(participantId)) {
            throw new KeysUnavailableException("the key of an erased participant is still held here: its erasure "
                    + "marker has not been read yet", null);
        }
        confirm(erasureId, store);
    }

    /** The confirmation's id: the same for the same erasure and store, however often it is confirmed. */
    static String idOf(String erasureId, String store) {
        return UUID.nameUUIDFromBytes(("store-erased|" + erasureId + "|" + store).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    public EventOutbox outbox() {
        return outbox;
    }
}
