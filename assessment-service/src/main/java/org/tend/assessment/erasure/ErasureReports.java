package org.tend.assessment.erasure;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.setOnInsert;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.tend.contracts.ErasureStores;
import org.springframework.stereotype.Component;

/**
 * The verifiable record of each erasure: which stores it had to reach and when each confirmed it had. A report holds
 * nothing about the person but the pseudonym it was made for (so the participant can read their own report), which is
 * never shown. Each store confirms once; a repeated confirmation (a replay, a redelivered record) keeps the first time.
 *
 * <p>Also the one-time erasure codes a participant obtains for an administrator: only the code's SHA-256 is kept, with
 * the pseudonym it erases and its expiry; a code is deleted when used, and expired codes are removed by a TTL index
 * a month after they expire.
 */
@Component
public class ErasureReports {

    /** Every store an erasure must reach before its report is complete, in the order the report lists them. */
    public static final List<String> STORES = ErasureStores.ALL;

    /**
     * One store's confirmation: the store's id, what it covers, and when it confirmed (null while it has not). The
     * assessment-service's own stores confirm here; the other services' through {@code tend.erasure.confirmations}.
     */
    public record Confirmation(String store, String covers, Instant confirmedAt) {
    }

    /**
     * An erasure's report.
     *
     * @param requestedBy {@code participant} or {@code administrator}
     * @param completedAt when the last store confirmed; null until every one has
     */
    public record Report(String erasureId, String requestedBy, Instant erasedAt, List<Confirmation> stores,
                         boolean complete, Instant completedAt) {
    }

    /** A code found by its hash: whose erasure it asks for, and until when. */
    public record Code(String participantId, Instant expiresAt) {
    }

    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private final MongoCollection<Document> reports;
    private final MongoCollection<Document> confirmations;
    private final MongoCollection<Document> codes;

    public ErasureReports(MongoDatabase database) {
        this.reports = database.getCollection("erasure_reports");
        this.confirmations = database.getCollection("erasure_confirmations");
        this.codes = database.getCollection("erasure_codes");
        confirmations.createIndex(Indexes.ascending("erasureId"));
        codes.createIndex(Indexes.ascending("participantId"));
        // Swept a month after expiry, so that until then an expired code is told apart from one never issued.
        codes.createIndex(Indexes.ascending("expiresAt"), new IndexOptions().expireAfter(30L, TimeUnit.DAYS));
    }

    /** Opens the report of an erasure (idempotent: the request and the erasure's own event both open it). */
    public void open(String erasureId, String participantId, String requestedBy, Instant erasedAt) {
        reports.updateOne(eq("_id", erasureId), combine(setOnInsert("participantId", participantId),
                setOnInsert("requestedBy", requestedBy), setOnInsert("erasedAt", Date.from(erasedAt))), UPSERT);
    }

    /** A store confirms it has erased the participant of this erasure; the first confirmation's time is kept. */
    public void confirm(String erasureId, String store, Instant at) {
        confirmations.updateOne(eq("_id", erasureId + "|" + store), combine(setOnInsert("erasureId", erasureId),
                setOnInsert("store", store), setOnInsert("confirmedAt", Date.from(at))), UPSERT);
    }

    /** The report, for whoever may read it: an administrator, or the participant it was made for. */
    public Optional<Report> find(String erasureId, Optional<String> onlyFor) {
        Document report = reports.find(eq("_id", erasureId)).first();
        if (report == null || onlyFor.isPresent() && !onlyFor.get().equals(report.getString("participantId"))) {
            return Optional.empty();
        }
        Map<String, Instant> confirmed = new LinkedHashMap<>();
        confirmations.find(eq("erasureId", erasureId)).forEach(
                c -> confirmed.put(c.getString("store"), c.getDate("confirmedAt").toInstant()));
        List<Confirmation> stores = new ArrayList<>();
        STORES.forEach(store -> stores.add(new Confirmation(store, ErasureStores.description(store),
                confirmed.get(store))));
        boolean complete = stores.stream().allMatch(c -> c.confirmedAt() != null);
        Instant completedAt = complete ? stores.stream().map(Confirmation::confirmedAt)
                .max(Comparator.naturalOrder()).orElse(null) : null;
        return Optional.of(new Report(erasureId, report.getString("requestedBy"),
                report.getDate("erasedAt").toInstant(), stores, complete, completedAt));
    }

    /** Keeps a new erasure code's hash for the participant; any earlier code of theirs stops working. */
    public void issueCode(String codeHash, String participantId, Instant expiresAt) {
        codes.deleteMany(eq("participantId", participantId));
        codes.insertOne(new Document("_id", codeHash).append("participantId", participantId)
                .append("expiresAt", Date.from(expiresAt)));
    }

    /** The code with this hash, expired or not; empty when there is none (never issued, used, or swept away). */
    public Optional<Code> code(String codeHash) {
        return Optional.ofNullable(codes.find(eq("_id", codeHash)).first())
                .map(d -> new Code(d.getString("participantId"), d.getDate("expiresAt").toInstant()));
    }

    /** A code is used once. */
    public void useCode(String codeHash) {
        codes.deleteOne(eq("_id", codeHash));
    }

    /** The participant's codes go with them. */
    public void dropCodesOf(String participantId) {
        codes.deleteMany(eq("participantId", participantId));
    }
}
