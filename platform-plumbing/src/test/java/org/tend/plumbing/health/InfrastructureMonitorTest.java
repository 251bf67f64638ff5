package org.tend.plumbing.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The monitor sees a stopped store and an absent broker within its timeout, and sees the store come back. */
class InfrastructureMonitorTest {

    @Test
    void aStoppedStoreAndAnUnreachableBrokerAreSeenWithinTheTimeoutAndTheStoreComingBackToo() {
        MongoServer server = new MongoServer(new MemoryBackend());
        int port = server.bind().getPort();
        MongoServer restarted = null;
        try (MongoClient client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + port)).build())) {
            InfrastructureMonitor monitor = new InfrastructureMonitor(client.getDatabase("monitored"),
                    Map.of("bootstrap.servers", "127.0.0.1:1"), Duration.ofSeconds(1), Duration.ofMillis(800),
                    Clock.systemUTC());
            try {
                long started = System.nanoTime();
                monitor.check();
                assertThat(monitor.store().reachable()).isTrue();
                assertThat(monitor.broker().reachable()).isFalse();
                assertThat(monitor.broker().problem()).isNotBlank();

                server.shutdownNow();
                monitor.check();
                assertThat(monitor.store().reachable()).isFalse();
                assertThat(Duration.ofNanos(System.nanoTime() - started))
                        .as("two rounds of checks, each bounded by the timeout").isLessThan(Duration.ofSeconds(6));

                restarted = new MongoServer(new MemoryBackend());
                restarted.bind("127.0.0.1", port);
                long deadline = System.currentTimeMillis() + 10_000;
                while (!monitor.store().reachable() && System.currentTimeMillis() < deadline) {
                    monitor.check();
                }
                assertThat(monitor.store().reachable()).isTrue();
            } finally {
                monitor.stop();
            }
        } finally {
            server.shutdownNow();
            if (restarted != null) {
                restarted.shutdownNow();
            }
        }
    }
}
