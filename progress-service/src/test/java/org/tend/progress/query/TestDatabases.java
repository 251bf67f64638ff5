package org.tend.progress.query;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.util.UUID;
import org.tend.contracts.ContractValidator;
import org.tend.testsupport.EmbeddedMongo;

/** A fresh database on the JVM's shared mongo-java-server (memory backend) for each test. */
public final class TestDatabases {

    private static MongoClient client;

    private TestDatabases() {
    }

    private static final ProjectionEvents EVENTS = new ProjectionEvents(ContractValidator.load());

    /** The reads of the projection in a test database. */
    public static JourneyQueries queries(MongoDatabase database) {
        return new JourneyQueries(database, EVENTS);
    }

    public static synchronized MongoDatabase fresh() {
        if (client == null) {
            client = MongoClients.create(EmbeddedMongo.connectionString());
        }
        return client.getDatabase("unit-" + UUID.randomUUID().toString().substring(0, 8));
    }
}
