package org.tend.embeddedstore;

import java.util.List;

import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;

/**
 * mongo-java-server's memory backend with Tend's indexes: {@link OrderedIndex} for every index that is not
 * unique, and {@link PinnedUniqueIndex} around every unique one; a query no index serves is counted in {@link
 * FullScans}. Everything else is the stock backend.
 */
public class IndexingMemoryBackend extends MemoryBackend {

    @Override
    public MemoryDatabase openOrCreateDatabase(String databaseName) {
        return new Database(databaseName, getCursorRegistry());
    }

    /** The memory database whose index hooks return Tend's indexes. */
    static final class Database extends MemoryDatabase {

        /** The cursors of the backend (the super class keeps its own private); null while the super constructor runs. */
        private CursorRegistry cursors;

        Database(String databaseName, CursorRegistry cursorRegistry) {
            super(databaseName, cursorRegistry);
            cursors = cursorRegistry;
        }

        @Override
        protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
            if (cursors == null) {
                return super.openOrCreateCollection(collectionName, options);
            }
            return new MemoryCollection(this, collectionName, options, cursors) {
                @Override
                protected QueryResult matchDocuments(Document query, Document orderBy, int skip, int limit,
                                                     int batchSize, Document fieldSelector) {
                    FullScans.record(getFullName(), query, count());
                    return super.matchDocuments(query, orderBy, skip, limit, batchSize, fieldSelector);
                }
            };
        }

        @Override
        protected Index<Integer> openOrCreateSecondaryIndex(String collectionName, String indexName,
                                                            List<IndexKey> keys, boolean sparse) {
            return new OrderedIndex<>(indexName, keys, sparse);
        }

        @Override
        protected Index<Integer> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                         boolean sparse) {
            return PinnedUniqueIndex.wrap(super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse),
                    sparse);
        }
    }
}
