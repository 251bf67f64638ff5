package org.tend.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.tend.local.LocalStack;
import org.tend.local.TendService;
import org.tend.local.drill.ClusterDrills;

/**
 * The fault drills ({@link ClusterDrills}) against the cluster {@code run-local.sh --cluster} runs: three supervised
 * Kafka brokers (replication factor 3, two in sync, SASL/SCRAM and ACLs), two instances of every service, the gateway
 * balancing over them. Each drill runs under steady load through the gateway; after each, every command the gateway
 * accepted so far is checked in assessment's event store (once), on its topic, in the participant's journey (exactly
 * once), in catalogue's event store (once) and in the insights projection, and no record may have been dead-lettered.
 * The results are printed as the README's table and written to {@code target/cluster-drills.md}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFaultDrillTest {

    private static LocalStack stack;
    private static ClusterDrills drills;
    private static final List<ClusterDrills.Result> results = new ArrayList<>();

    @BeforeAll
    static void startCluster() throws Exception {
        Path data = Files.createTempDirectory("tend-cluster-drills");
        stack = LocalStack.builder()
                .dataDir(data)
                .mongoBackend(LocalStack.MongoBackend.MEMORY)
                .freePorts()
                .cluster()
                .serviceStartTimeout(Duration.ofMinutes(4))
                .onProgress(line -> System.out.println("[cluster] " + line))
                .build();
        stack.start();
        drills = new ClusterDrills(stack, 3, Duration.ofMillis(250), line -> System.out.println("[drill] " + line));
        drills.prepare(24);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (!results.isEmpty()) {
            System.out.println("\n" + ClusterDrills.Result.header());
            results.forEach(r -> System.out.println(r.row()));
            ClusterDrills.writeTable(results, Path.of("target", "cluster-drills.md"));
        }
        if (drills != null) {
            drills.close();
        }
        if (stack != null) {
            stack.stop();
        }
    }

    private static void expectClean(ClusterDrills.Result result) {
        results.add(result);
        assertThat(result.accepted()).as("commands accepted during the drill").isPositive();
        assertThat(result.clean()).as(result.drill() + ": " + result.problems()).isTrue();
    }

    @Test
    @Order(1)
    void theClusterRunsTwoInstancesOfEveryServiceOnThreeBrokers() {
        assertThat(stack.kafka().size()).isEqualTo(3);
        assertThat(stack.kafka().replicationFactor()).isEqualTo(3);
        for (TendService service : TendService.backends()) {
            assertThat(stack.instances(service)).hasSize(2).allMatch(p -> p.isRunning());
        }
    }

    @Test
    @Order(2)
    void aKilledBrokerIsRestartedAndNothingIsLost() throws Exception {
        expectClean(drills.brokerKilled());
    }

    @Test
    @Order(3)
    void aKilledInstanceOfEveryServiceLosesNothing() throws Exception {
        expectClean(drills.instancesKilled());
    }

    @Test
    @Order(4)
    void aRollingRestartLosesNothing() throws Exception {
        expectClean(drills.rollingRestart());
    }

    @Test
    @Order(5)
    void aRebuildWhoseInstanceDiesLeavesTheProjectionWhole() throws Exception {
        expectClean(drills.rebuildWhileAnInstanceDies());
    }
}
