package org.tend.insights.query;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.bson.Document;
import org.tend.insights.privacy.Epsilon;
import org.tend.insights.privacy.PrivacyBudget;

/**
 * Noise mode's budget ledger in MongoDB ({@code privacy_budget}: one document per HR user, programme and month), kept
 * atomic per account by a version number: a charge reads the account, decides as {@code InMemoryPrivacyBudget} does,
 * and writes only if nobody wrote in between (else it reads again). Figures are kept as digests: the ledger need not
 * hold the noisy values it paid for.
 */
public final class StoredPrivacyBudget implements PrivacyBudget {

    static final String COLLECTION = "privacy_budget";

    private final MongoCollection<Document> ledger;

    public StoredPrivacyBudget(MongoDatabase db) {
        this.ledger = db.getCollection(COLLECTION);
    }

    @Override
    public Charge charge(Account account, String figure, Epsilon cost, Epsilon limit) {
        String id = id(account);
        String paid = digest(figure);
        while (true) {
            Document doc = ledger.find(Filters.eq("_id", id)).first();
            if (doc == null) {
                try {
                    ledger.insertOne(new Document("_id", id).append("version", 0L).append("spent", "0")
                            .append("paid", new ArrayList<String>()));
                } catch (MongoWriteException duplicate) {
                    // another charge created it first: read it again
                }
                continue;
            }
            Epsilon spent = Epsilon.of(doc.getString("spent"));
            List<String> figures = doc.getList("paid", String.class);
            if (figures.contains(paid)) {
                return new Charge(true, Epsilon.ZERO, remaining(limit, spent));
            }
            if (spent.plus(cost).compareTo(limit) > 0) {
                return new Charge(false, Epsilon.ZERO, remaining(limit, spent));
            }
            long version = doc.getLong("version");
            Epsilon after = spent.plus(cost);
            long updated = ledger.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("version", version)),
                    Updates.combine(Updates.set("version", version + 1), Updates.set("spent", after.toString()),
                            Updates.push("paid", paid))).getModifiedCount();
            if (updated == 1) {
                return new Charge(true, cost, remaining(limit, after));
            }
        }
    }

    @Override
    public Epsilon spent(Account account) {
        Document doc = ledger.find(Filters.eq("_id", id(account))).first();
        return doc == null ? Epsilon.ZERO : Epsilon.of(doc.getString("spent"));
    }

    private static String id(Account account) {
        return account.programme() + "/" + account.user() + "/" + account.month();
    }

    private static Epsilon remaining(Epsilon limit, Epsilon spent) {
        return limit.compareTo(spent) > 0 ? limit.minus(spent) : Epsilon.ZERO;
    }

    private static String digest(String figure) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(figure.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
