package org.tend.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The H2 backend keeps documents across a stop and start; the memory backend does not. */
class EmbeddedMongoTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void h2BackendKeepsDocumentsAcrossARestart() {
        Path file = dir.resolve("mongo").resolve("tend.mv.db");
        try (EmbeddedMongo mongo = EmbeddedMongo.h2(file)) {
            mongo.start();
            assertThat(mongo.connectionString()).isEqualTo("mongodb://127.0.0.1:" + mongo.port());
            assertThat(mongo.isPersistent()).isTrue();
            try (MongoClient client = MongoClients.create(mongo.connectionString())) {
                collection(client).insertOne(new Document("_id", "p_abc").append("band", "mild"));
            }
            mongo.stop();
            assertThat(mongo.isRunning()).isFalse();
            assertThat(Files.exists(file)).isTrue();

            mongo.start();
            try (MongoClient client = MongoClients.create(mongo.connectionString())) {
                Document found = collection(client).find(Filters.eq("_id", "p_abc")).first();
                assertThat(found).isNotNull();
                assertThat(found.getString("band")).isEqualTo("mild");
            }
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void memoryBackendStartsEmptyEachTime() {
        try (EmbeddedMongo mongo = EmbeddedMongo.memory()) {
            mongo.start();
            try (MongoClient client = MongoClients.create(mongo.connectionString())) {
                collection(client).insertOne(new Document("_id", "x"));
            }
            mongo.stop();
            mongo.start();
            try (MongoClient client = MongoClients.create(mongo.connectionString())) {
                assertThat(collection(client).countDocuments()).isZero();
            }
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void answersHelloOnEveryDatabaseAsSpringBootsHealthCheckAsks() {
        try (EmbeddedMongo mongo = EmbeddedMongo.memory();
             EmbeddedMongo h2 = EmbeddedMongo.h2(dir.resolve("hello.mv.db"))) {
            for (EmbeddedMongo server : java.util.List.of(mongo, h2)) {
                server.start();
                try (MongoClient client = MongoClients.create(server.connectionString())) {
                    collection(client).insertOne(new Document("_id", "x"));
                    Document hello = client.getDatabase("tend-test").runCommand(new Document("hello", 1));
                    assertThat(hello.get("ok", Number.class).intValue()).isEqualTo(1);
                    assertThat(hello.getInteger("maxWireVersion")).isPositive();
                    assertThat(hello.getBoolean("isWritablePrimary")).isTrue();
                }
            }
        }
    }

    private static MongoCollection<Document> collection(MongoClient client) {
        return client.getDatabase("tend-test").getCollection("things");
    }
}
