package org.tend.progress.reminders;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.Binary;
import org.tend.keys.MasterKey;
import org.tend.keys.ParticipantKeys;

/**
 * Who asked for reminders, at which address, and which reminders went out. A participant's address is sealed with
 * their own data key (context {@value #CONTEXT}), so erasing them shreds it wherever a copy is; a practitioner's is
 * encrypted with the master key. The markers of what was sent make each reminder go out once, however many instances
 * sweep at once: a reminder is sent only by whoever inserts its marker first.
 */
public class ReminderAddresses {

    static final String PARTICIPANTS = "reminder_participants";
    static final String PRACTITIONERS = "reminder_practitioners";
    static final String SENT = "reminder_sent";
    static final String CONTEXT = "reminder-email";

    private final MongoCollection<Document> participants;
    private final MongoCollection<Document> practitioners;
    private final MongoCollection<Document> sent;
    private final ParticipantKeys keys;
    private final MasterKey master;

    public ReminderAddresses(MongoDatabase database, ParticipantKeys keys, MasterKey master) {
        this.participants = database.getCollection(PARTICIPANTS);
        this.practitioners = database.getCollection(PRACTITIONERS);
        this.sent = database.getCollection(SENT);
        this.keys = keys;
        this.master = master;
        sent.createIndex(new Document("about", 1));
    }

    public void optIn(String participantId, String address, Instant at) {
        byte[] sealed = keys.seal(participantId, CONTEXT, address.getBytes(StandardCharsets.UTF_8));
        participants.replaceOne(eq("_id", participantId), new Document("_id", participantId)
                .append("address", new Binary(sealed)).append("optedInAt", Date.from(at)),
                new ReplaceOptions().upsert(true));
    }

    public void optOut(String participantId) {
        participants.deleteOne(eq("_id", participantId));
    }

    /** The participant's address; empty when they did not opt in, or were erased (it no longer opens). */
    public Optional<String> addressOf(String participantId) {
        Document doc = participants.find(eq("_id", participantId)).first();
        if (doc == null) {
            return Optional.empty();
        }
        return keys.open(participantId, CONTEXT, doc.get("address", Binary.class).getData())
                .map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }

    /** Up to {@code limit} participants who opted in, in id order after {@code after} (null: from the first). */
    public List<String> optedIn(String after, int limit) {
        return ids(participants, after, limit);
    }

    public void practitionerOptIn(String practitionerId, String address, Instant at) {
        byte[] encrypted = master.encrypt(address.getBytes(StandardCharsets.UTF_8), CONTEXT + "|" + practitionerId);
        practitioners.replaceOne(eq("_id", practitionerId), new Document("_id", practitionerId)
                .append("address", new Binary(encrypted)).append("optedInAt", Date.from(at)),
                new ReplaceOptions().upsert(true));
    }

    public void practitionerOptOut(String practitionerId) {
        practitioners.deleteOne(eq("_id", practitionerId));
    }

    /** The practitioner's address; empty when they did not opt in, or it no longer decrypts (the master key changed). */
    public Optional<String> practitionerAddress(String practitionerId) {
        Document doc = practitioners.find(eq("_id", practitionerId)).first();
        if (doc == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new String(master.decrypt(doc.get("address", Binary.class).getData(),
                    CONTEXT + "|" + practitionerId), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException unreadable) {
            return Optional.empty();
        }
    }

    public List<String> practitioners(String after, int limit) {
        return ids(practitioners, after, limit);
    }

    /**
     * Claims a reminder: true for the one caller that records {@code marker} first, false if it was sent already.
     *
     * @param about the participant or practitioner it is about (erasure deletes their markers)
     */
    public boolean claim(String marker, String about, Instant at) {
        if (keys.sawErased(about)) {
            return false; // erased while a sweep ran: nothing is recorded about them again
        }
        try {
            sent.insertOne(new Document("_id", marker).append("about", about).append("at", Date.from(at)));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /** Whether the marker was claimed (the reminder or record it stands for went out). */
    public boolean claimed(String marker) {
        return sent.find(eq("_id", marker)).first() != null;
    }

    /** Gives a claim back (the mail could not be sent): a later sweep tries again. */
    public void release(String marker) {
        sent.deleteOne(eq("_id", marker));
    }

    /** The participant was erased: their address and every marker about them go. */
    public void forget(String participantId) {
        participants.deleteOne(eq("_id", participantId));
        sent.deleteMany(Filters.eq("about", participantId));
    }

    private static List<String> ids(MongoCollection<Document> collection, String after, int limit) {
        List<String> ids = new ArrayList<>();
        collection.find(after == null ? new Document() : Filters.gt("_id", after))
                .projection(new Document("_id", 1)).sort(new Document("_id", 1)).limit(limit)
                .forEach(doc -> ids.add(doc.getString("_id")));
        return ids;
    }
}
