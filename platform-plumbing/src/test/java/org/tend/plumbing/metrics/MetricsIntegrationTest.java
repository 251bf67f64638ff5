package org.tend.plumbing.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.web.client.RestClient;
import org.tend.contracts.EventTypes;
import org.tend.plumbing.identity.Pseudonymizer;
import org.tend.plumbing.projection.RebuildService;
import org.tend.plumbing.sample.SampleApplication;
import org.tend.testsupport.DeployedMetrics;
import org.tend.testsupport.EmbeddedMongo;
import org.tend.testsupport.MetricScrape;
import org.tend.testsupport.TestJwtConfiguration;
import org.tend.testsupport.TestTokens;

/**
 * The plumbing's meters on {@code /actuator/prometheus} after real traffic through the sample service: a command, its
 * event stored and forwarded, records consumed and one dead-lettered, a rebuild; the usual HTTP, JVM, Kafka client and
 * MongoDB driver meters beside them; no tag carrying who anyone is. It also checks that every metric the deploy/
 * dashboard and alert rules use is one a service exports.
 */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "tend.messaging.topic=tend.sample.events",
                "tend.messaging.source=/tend/sample-service",
                "tend.messaging.dead-letter-topic=tend.sample.dead-letters",
                "tend.messaging.consumes=tend.sample.inbound",
                "tend.reconciliation.interval=PT1S"})
@EmbeddedKafka(bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@ContextConfiguration(initializers = EmbeddedMongo.class)
@Import(TestJwtConfiguration.class)
@DirtiesContext
class MetricsIntegrationTest {

    /** Metrics only assessment-service exports; its own test checks them (SafetyAlertMetricsTest). */
    static final String ASSESSMENT_ONLY = "tend_safety_alerts_";

    static final String SUBJECT = "metrics-alice@example.org";

    @LocalServerPort
    int port;
    @Autowired
    EmbeddedKafkaBroker broker;
    @Autowired
    Pseudonymizer pseudonymizer;
    @Autowired
    RebuildService rebuilds;

    @Test
    void trafficShowsOnTheScrapeAndEveryDeployedMetricIsExported() throws Exception {
        MetricScrape before = scrape();
        double commandsBefore = before.value("tend_commands_seconds_count",
                Map.of("type", "CreateCounter", "outcome", "success"));
        double storedBefore = before.value("tend_events_published_total", Map.of("type", "CounterCreated"));

        // A command: handled, its event stored and forwarded.
        int status = http().post().uri("/api/counters")
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.participant(SUBJECT)))
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("start", 3))
                .exchange((req, res) -> res.getStatusCode().value());
        assertThat(status).isEqualTo(201);
        // A record consumed (an hour old: the lag shows it), and one the listener cannot read (a dead letter).
        Instant hourAgo = Instant.now().minusSeconds(3600);
        try (var producer = new DefaultKafkaProducerFactory<>(KafkaTestUtils.producerProps(broker),
                new StringSerializer(), new ByteArraySerializer()).createProducer()) {
            producer.send(inbound("m-good", EventTypes.ASSESSMENT_COMPLETED_V1, hourAgo)).get();
            producer.send(inbound("m-broken", SampleApplication.SampleListener.BROKEN_TYPE, hourAgo)).get();
        }
        // A rebuild, seen while it runs and after.
        rebuilds.start();
        awaitScrape(s -> s.value("tend_projection_rebuild_running", Map.of("projection", "sample")) == 1.0,
                "the rebuild shows as running");
        MetricScrape running = scrape();
        assertThat(running.value("tend_projection_rebuild_records_read", Map.of("projection", "sample")))
                .isEqualTo(2.0);
        assertThat(running.value("tend_projection_rebuild_records_to_read", Map.of("projection", "sample")))
                .isEqualTo(3.0);
        SampleApplication.REBUILD_MAY_FINISH.countDown();

        MetricScrape after = awaitScrape(s -> s.value("tend_projection_rebuild_running",
                        Map.of("projection", "sample")) == 0.0
                        && s.value("tend_forwarder_events_forwarded_total", Map.of("topic", "tend.sample.events")) >= 1
                        && s.has("tend_dead_letters_total", Map.of("topic", "tend.sample.inbound"))
                        && s.has("tend_projection_lag_seconds_count", Map.of("group", "tend-sample"))
                        && s.has("kafka_consumer_fetch_manager_records_lag_max", Map.of())
                        && s.has("tend_forwarder_events_pending", Map.of()),
                "the command, the records, the dead letter and the rebuild show on the scrape");

        // Kept beside the reports: what a service's scrape looks like, for whoever edits the dashboard.
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", "sample-service-scrape.txt"), after.text());
        assertThat(after.value("tend_commands_seconds_count", Map.of("type", "CreateCounter", "outcome", "success")))
                .isEqualTo(commandsBefore + 1);
        assertThat(after.value("tend_events_published_total", Map.of("type", "CounterCreated")))
                .isEqualTo(storedBefore + 1);
        assertThat(after.value("tend_forwarder_events_handled_total", Map.of())).isGreaterThanOrEqualTo(1);
        assertThat(after.value("tend_forwarder_delay_seconds_count", Map.of("topic", "tend.sample.events")))
                .isGreaterThanOrEqualTo(1);
        assertThat(after.value("tend_events_consumed_total",
                Map.of("group", "tend-sample", "type", EventTypes.ASSESSMENT_COMPLETED_V1))).isEqualTo(1.0);
        assertThat(after.value("tend_dead_letters_total", Map.of("topic", "tend.sample.inbound",
                "reason", "MalformedEventException", "type", "other"))).isEqualTo(1.0);
        assertThat(after.value("tend_projection_lag_seconds_max", Map.of("group", "tend-sample")))
                .isBetween(3500.0, 3700.0);
        assertThat(after.value("tend_projection_last_event_age_seconds", Map.of("group", "tend-sample")))
                .isBetween(3500.0, 3700.0);
        assertThat(after.value("tend_projection_rebuild_records_read", Map.of("projection", "sample")))
                .isEqualTo(3.0);

        // The usual meters: HTTP server (with buckets for percentiles), JVM, Kafka clients, MongoDB driver.
        assertThat(after.names()).contains("http_server_requests_seconds_bucket", "jvm_memory_used_bytes",
                "jvm_gc_pause_seconds_count", "kafka_producer_record_send_total", "mongodb_driver_pool_size",
                "mongodb_driver_commands_seconds_count");
        assertThat(after.samples()).anySatisfy(s -> {
            assertThat(s.name()).isEqualTo("http_server_requests_seconds_count");
            assertThat(s.labels()).containsEntry("uri", "/api/counters").containsEntry("method", "POST");
        });
        // Not one observation per security filter, authentication and authorization (their cost, per request, bought
        // nothing an operator reads).
        assertThat(after.names()).noneMatch(name -> name.startsWith("spring_security_"));
        assertThat(after.samples()).filteredOn(s -> s.name().equals("kafka_consumer_fetch_manager_records_lag_max"))
                .anySatisfy(s -> assertThat(s.labels().get("client_id")).contains("tend-sample"));

        // No tag names anyone: neither the login subject nor its pseudonym appears anywhere in the scrape.
        assertThat(after.text()).doesNotContain(SUBJECT).doesNotContain("metrics-alice")
                .doesNotContain(pseudonymizer.pseudonymFor(SUBJECT)).doesNotContain("p_key");

        // Every metric the dashboard and the alert rules use is exported (assessment-service's own: its test).
        Map<String, Set<String>> missing = new TreeMap<>(DeployedMetrics.referencedNames());
        missing.keySet().removeIf(name -> after.names().contains(name) || DeployedMetrics.SYNTHETIC.contains(name)
                || name.startsWith(ASSESSMENT_ONLY));
        assertThat(missing).as("metrics deploy/ uses that no service exports").isEmpty();
        assertThat(DeployedMetrics.referencedNames().keySet().stream().filter(n -> n.startsWith("tend_"))
                .collect(Collectors.toSet())).as("the dashboard shows Tend's own metrics")
                .contains("tend_forwarder_events_pending", "tend_dead_letters_total", "tend_projection_lag_seconds_bucket");
    }

    private RestClient http() {
        return RestClient.builder().baseUrl("http://localhost:" + port).build();
    }

    private MetricScrape scrape() {
        // No token: the scrape endpoint is for the internal network (deploy/README.md).
        return MetricScrape.parse(http().get().uri("/actuator/prometheus").retrieve().body(String.class));
    }

    private MetricScrape awaitScrape(java.util.function.Predicate<MetricScrape> condition, String what)
            throws InterruptedException {
        // Generous: the forwarder, the consumer and the reconciler's first run share 2 busy cores with other builds.
        long deadline = System.currentTimeMillis() + 60_000;
        MetricScrape scrape = scrape();
        while (!condition.test(scrape) && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
            scrape = scrape();
        }
        assertThat(condition.test(scrape)).as(what).isTrue();
        return scrape;
    }

    private static ProducerRecord<String, byte[]> inbound(String id, String type, Instant time) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>("tend.sample.inbound", "p_key",
                "{}".getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_id", id.getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_type", type.getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_time", time.toString().getBytes(StandardCharsets.UTF_8));
        return record;
    }
}
