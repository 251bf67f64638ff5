package org.tend.embeddedstore;

import java.net.InetSocketAddress;
import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.AbstractMongoBackend;
import de.bwaldvogel.mongo.backend.Index;
import org.bson.Document;

/** A mongo-java-server on a free port with a driver client, for the tests. */
final class Stores implements AutoCloseable {

    final AbstractMongoBackend backend;
    private final MongoServer server;
    final MongoClient client;

    Stores(AbstractMongoBackend backend) {
        this.backend = backend;
        this.server = new MongoServer((MongoBackend) backend);
        InetSocketAddress address = server.bind();
        this.client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
    }

    MongoCollection<Document> collection(String database, String collection) {
        return client.getDatabase(database).getCollection(collection);
    }

    /** The store's own index objects of a collection (to read their counters). */
    List<Index<?>> indexes(String database, String collection) {
        @SuppressWarnings("unchecked")
        List<Index<?>> indexes = (List<Index<?>>) (List<?>) backend.resolveDatabase(database)
                .resolveCollection(collection, false).getIndexes();
        return indexes;
    }

    /** How many queries Tend's indexes of the collection answered. */
    long served(String database, String collection) {
        long served = 0;
        for (Index<?> index : indexes(database, collection)) {
            if (index instanceof OrderedIndex<?> ordered) {
                served += ordered.servedQueries();
            } else if (index instanceof PinnedUniqueIndex<?> pinned) {
                served += pinned.servedQueries();
            }
        }
        return served;
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }
}
