package org.tend.embeddedstore;

import java.util.ArrayList;
import java.util.List;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 backend with Tend's indexes ({@link IndexingMemoryBackend} says which). The documents and
 * the store's unique indexes stay in the H2 file as before; Tend's indexes live in the heap and are rebuilt from
 * the documents each time a database opens, from the index descriptions the store keeps in its file (it keeps
 * them for indexes it ignores too, so a file written without these indexes gets them on its next start).
 */
public class IndexingH2Backend extends H2Backend {

    /** The store in {@code fileName} (created if absent). */
    public IndexingH2Backend(String fileName) {
        super(fileName);
    }

    /** The store in {@code mvStore} (for an in-memory MVStore in tests). */
    public IndexingH2Backend(MVStore mvStore) {
        super(mvStore);
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new Database(databaseName, getMvStore(), getCursorRegistry());
    }

    /** The H2 database whose index hooks return Tend's indexes, and which fills them when it opens. */
    static final class Database extends H2Database {

        /** Set while the store's constructor reopens the indexes described in the file. No initializer: see below. */
        private List<Reopened> reopened;
        private boolean open;
        /** The H2 store (the super class keeps its own private); null while the super constructor runs. */
        private MVStore store;
        private CursorRegistry cursors;

        Database(String databaseName, MVStore mvStore, CursorRegistry cursorRegistry) {
            super(databaseName, mvStore, cursorRegistry); // reopens the described indexes, calling the hooks below
            open = true;
            store = mvStore;
            cursors = cursorRegistry;
            if (reopened != null) {
                for (Reopened index : reopened) {
                    @SuppressWarnings("unchecked")
                    MongoCollection<Object> collection = (MongoCollection<Object>) resolveCollection(index.collection(),
                            false);
                    if (collection != null) {
                        index.index().rebuildOrderedKeys(collection);
                    }
                }
                reopened = null;
            }
        }

        /**
         * The stock collection (the same maps, named as mongo-java-server names them), counting in {@link FullScans}
         * the queries no index serves. While the super constructor reopens the file's collections, before {@code
         * store} is set, the stock one: those are replaced by nothing, so they are never counted.
         */
        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            if (store == null) {
                return super.openOrCreateCollection(collectionName, options);
            }
            String namespace = getFullCollectionNamespace(collectionName);
            MVMap<Object, Document> data = store.openMap("databases." + namespace);
            MVMap<String, Object> meta = store.openMap("meta." + namespace);
            return new H2Collection(this, collectionName, options, data, meta, cursors) {
                @Override
                protected QueryResult matchDocuments(Document query, Document orderBy, int skip, int limit,
                                                     int batchSize, Document fieldSelector) {
                    FullScans.record(getFullName(), query, count());
                    return super.matchDocuments(query, orderBy, skip, limit, batchSize, fieldSelector);
                }
            };
        }

        @Override
        protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName,
                                                           List<IndexKey> keys, boolean sparse) {
            // The store fills an empty index from the collection's documents when it adds it: on open too.
            return new OrderedIndex<>(indexName, keys, sparse);
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                        boolean sparse) {
            PinnedUniqueIndex<Object> index = PinnedUniqueIndex.wrap(
                    super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse), sparse);
            // Called from the super constructor (fields of this class are not initialized yet, hence no
            // initializers above): the unique index comes back filled from the file, so the store does not offer
            // the documents again, and the ordered keys beside it are filled once the database is open.
            if (!open && index.hasOrderedKeys()) {
                if (reopened == null) {
                    reopened = new ArrayList<>();
                }
                reopened.add(new Reopened(collectionName, index));
            }
            return index;
        }

        private record Reopened(String collection, PinnedUniqueIndex<Object> index) {
        }
    }
}
