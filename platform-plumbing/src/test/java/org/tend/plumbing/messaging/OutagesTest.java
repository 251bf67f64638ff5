package org.tend.plumbing.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoConnectionPoolClearedException;
import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoServerUnavailableException;
import com.mongodb.MongoSocketReadTimeoutException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteConcernException;
import com.mongodb.MongoWriteException;
import com.mongodb.ServerAddress;
import com.mongodb.WriteError;
import com.mongodb.bulk.WriteConcernError;
import com.mongodb.connection.ClusterId;
import com.mongodb.connection.ServerId;
import java.io.IOException;
import java.util.List;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.util.backoff.BackOffExecution;

class OutagesTest {

    static final ServerAddress SERVER = new ServerAddress("mongo-1", 27017);

    static BsonDocument commandError(int code, String name) {
        return new BsonDocument("ok", new BsonInt32(0)).append("code", new BsonInt32(code))
                .append("codeName", new BsonString(name)).append("errmsg", new BsonString(name));
    }

    static ListenerExecutionFailedException inListener(Throwable cause) {
        return new ListenerExecutionFailedException("listener failed", new IllegalStateException("projection", cause));
    }

    @Test
    void aStoreOutageAnywhereInTheCausesIsAnOutage() {
        assertThat(Outages.isOutage(inListener(new MongoTimeoutException("no server")))).isTrue();
    }

    @Test
    void everyFailureOfTheStoreOrOfTheWayToItIsAnOutage() {
        List<Throwable> outages = List.of(
                new MongoNotPrimaryException(commandError(10107, "NotWritablePrimary"), SERVER),
                new MongoNodeIsRecoveringException(commandError(11600, "InterruptedAtShutdown"), SERVER),
                new MongoWriteConcernException(new WriteConcernError(64, "WriteConcernFailed",
                        "waiting for replication timed out", new BsonDocument()), SERVER),
                new MongoExecutionTimeoutException(50, "operation exceeded time limit"),
                new MongoServerUnavailableException("the server is closed"),
                new MongoConnectionPoolClearedException(new ServerId(new ClusterId(), SERVER), null),
                new MongoSocketReadTimeoutException("read timed out", SERVER, new IOException("timeout")),
                new MongoCommandException(commandError(189, "PrimarySteppedDown"), SERVER),
                new MongoWriteException(new WriteError(11000, "E11000 duplicate key", new BsonDocument()), SERVER),
                new EventStoreException("an event store failure without a cause"),
                new EventStoreException("wrapped", new MongoTimeoutException("no server")),
                new java.net.ConnectException("connection refused"));
        for (Throwable outage : outages) {
            assertThat(Outages.isOutage(inListener(outage))).as(outage.toString()).isTrue();
        }
    }

    @Test
    void theStoreRefusingWhatTheRecordAskedToWriteIsTheRecordsFault() {
        List<Throwable> refusals = List.of(
                new MongoWriteException(new WriteError(57, "DottedFieldName", new BsonDocument()), SERVER),
                new MongoWriteException(new WriteError(10334, "BSONObjectTooLarge", new BsonDocument()), SERVER),
                new MongoCommandException(commandError(2, "BadValue"), SERVER),
                new EventStoreException("wrapped", new MongoCommandException(commandError(52,
                        "DollarPrefixedFieldName"), SERVER)));
        for (Throwable refusal : refusals) {
            assertThat(Outages.isOutage(inListener(refusal))).as(refusal.toString()).isFalse();
        }
    }

    @Test
    void aBadRecordIsNotAnOutage() {
        assertThat(Outages.isOutage(new ListenerExecutionFailedException("listener failed",
                new MalformedEventException("missing field 'participantId'")))).isFalse();
        assertThat(Outages.isOutage(new IllegalArgumentException("rating 11"))).isFalse();
    }

    @Test
    void anOutageIsRetriedWithoutLimitAndAtMostHalfAMinuteApart() {
        BackOffExecution execution = Outages.backOff().start();
        long last = 0;
        for (int attempt = 0; attempt < 200; attempt++) {
            last = execution.nextBackOff();
            assertThat(last).isNotEqualTo(BackOffExecution.STOP).isLessThanOrEqualTo(30_000L);
        }
        assertThat(last).isEqualTo(30_000L);
    }
}
