package org.tend.plumbing.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tend.plumbing.idempotency.IdempotencyRecords.Claim;
import org.tend.plumbing.idempotency.IdempotencyRecords.Outcome;
import org.tend.testsupport.EmbeddedMongo;

/** The records behind Idempotency-Key, on the embedded store, with a clock the test moves. */
class IdempotencyRecordsTest {

    static final Duration TTL = Duration.ofHours(24);
    static final Duration LEASE = Duration.ofMinutes(2);

    final MongoClient client = MongoClients.create(EmbeddedMongo.connectionString());
    final MongoDatabase database = client.getDatabase("idempotency-" + UUID.randomUUID().toString().substring(0, 8));
    final MovableClock clock = new MovableClock(Instant.parse("2026-03-02T09:00:00Z"));
    final IdempotencyRecords records = new IdempotencyRecords(database, clock, TTL, LEASE);
    final Outcome created = new Outcome(201, "application/json", "/api/things/1", "{\"id\":1}".getBytes());

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void theFirstRunsTheSameIsReplayedAnOtherIsRefused() {
        Claim first = records.claim("k", "f");
        assertThat(first).isInstanceOf(Claim.Run.class);
        assertThat(records.claim("k", "f")).isInstanceOf(Claim.InFlight.class);
        assertThat(records.claim("k", "other")).isInstanceOf(Claim.OtherRequest.class);
        records.complete("k", ((Claim.Run) first).owner(), created);
        Claim replay = records.claim("k", "f");
        assertThat(replay).isInstanceOfSatisfying(Claim.Replay.class, r -> {
            assertThat(r.outcome().status()).isEqualTo(201);
            assertThat(r.outcome().contentType()).isEqualTo("application/json");
            assertThat(r.outcome().location()).isEqualTo("/api/things/1");
            assertThat(new String(r.outcome().body())).isEqualTo("{\"id\":1}");
        });
        assertThat(records.claim("k", "other")).isInstanceOf(Claim.OtherRequest.class);
    }

    @Test
    void anOutcomeIsKeptForTheTtlFromTheFirstRequest() {
        Claim first = records.claim("k", "f");
        clock.advance(Duration.ofMinutes(1));
        records.complete("k", ((Claim.Run) first).owner(), created);
        clock.advance(TTL.minus(Duration.ofMinutes(1)).minusSeconds(1));
        assertThat(records.claim("k", "f")).isInstanceOf(Claim.Replay.class);
        clock.advance(Duration.ofSeconds(1));
        // Expired: the key is free again, for this request or another.
        assertThat(records.claim("k", "another")).isInstanceOf(Claim.Run.class);
    }

    @Test
    void aReleasedKeyRunsAgain() {
        Claim first = records.claim("k", "f");
        records.release("k", ((Claim.Run) first).owner());
        assertThat(records.claim("k", "f")).isInstanceOf(Claim.Run.class);
    }

    /** A request cut short (the service stopped mid-way) holds its key only for the lease. */
    @Test
    void anAbandonedInFlightKeyIsTakenOverAfterItsLease() {
        Claim abandoned = records.claim("k", "f");
        clock.advance(LEASE.minusSeconds(1));
        assertThat(records.claim("k", "f")).isInstanceOf(Claim.InFlight.class);
        clock.advance(Duration.ofSeconds(1));
        Claim takeover = records.claim("k", "f");
        assertThat(takeover).isInstanceOf(Claim.Run.class);
        // The abandoned request, should it finish after all, neither overwrites nor releases the new one.
        records.complete("k", ((Claim.Run) abandoned).owner(), created);
        records.release("k", ((Claim.Run) abandoned).owner());
        assertThat(records.claim("k", "f")).isInstanceOf(Claim.InFlight.class);
    }

    static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
