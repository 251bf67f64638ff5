package org.tend.catalogue.seeding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.tend.catalogue.TopicReader.keyed;
import static org.tend.catalogue.TopicReader.ofType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.tend.catalogue.CatalogueApplication;
import org.tend.catalogue.TopicReader;
import org.tend.catalogue.data.LoadedCatalogue;
import org.tend.catalogue.domain.Catalogue;
import org.tend.catalogue.domain.EvidenceStrength;
import org.tend.catalogue.domain.Format;
import org.tend.catalogue.domain.Intensity;
import org.tend.catalogue.domain.Intervention;
import org.tend.catalogue.domain.SteppedCareLevel;
import org.tend.catalogue.domain.entry.InterventionPublished;
import org.tend.catalogue.domain.entry.InterventionRevised;
import org.tend.catalogue.query.InterventionDirectory;
import org.tend.contracts.ContractValidator;
import org.tend.contracts.EventTypes;
import org.tend.testsupport.EmbeddedMongo;
import org.tend.testsupport.TestJwtConfiguration;
import org.tend.testsupport.TestTokens;

/**
 * Seeding over the life of a deployment: the first start publishes every entry once; a restart on the same
 * database publishes nothing; a new data version is recorded as revisions; instances seeding at once publish each
 * entry once.
 */
@EmbeddedKafka
class CatalogueSeedingRestartTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aRestartPublishesNothingAndANewDataVersionIsRecordedAsRevisions(EmbeddedKafkaBroker broker)
            throws Exception {
        String database = "restart-" + UUID.randomUUID().toString().substring(0, 8);
        try (TopicReader topic = new TopicReader(broker.getBrokersAsString(), "tend.catalogue.events");
             MongoClient mongo = MongoClients.create(EmbeddedMongo.connectionString())) {
            MongoCollection<Document> events = mongo.getDatabase(database).getCollection("domainevents");
            int entries;

            try (ConfigurableApplicationContext first = start(broker, database)) {
                entries = first.getBean(LoadedCatalogue.class).catalogue().interventions().size();
                await().atMost(WAIT).until(() -> published(topic).size() >= entries);
                assertThat(count(events, InterventionPublished.class)).isEqualTo(entries);
                // Stored under the name events were first written with, whatever the Java name: old stores replay.
                assertThat(events.find(Filters.eq("payloadType", InterventionPublished.class.getName())).first()
                        .toJson()).contains("suitableSeverities").doesNotContain("suitableLevels");
            }

            try (ConfigurableApplicationContext second = start(broker, database)) {
                assertThat(count(events, InterventionPublished.class)).isEqualTo(entries);
                assertThat(count(events, InterventionRevised.class)).isZero();

                // A new data version that changes one entry: one revision, published after everything before it.
                CatalogueSeeder seeder = second.getBean(CatalogueSeeder.class);
                Catalogue v110 = withRevisedCbt(second.getBean(LoadedCatalogue.class).catalogue());
                assertThat(seeder.seed(v110)).isEqualTo(new CatalogueSeeder.Report(0, 1, entries - 1));

                await().atMost(WAIT).until(() -> published(topic).size() >= entries + 1);
                List<ConsumerRecord<String, byte[]>> records = published(topic);
                assertThat(records).as("the restart republished nothing").hasSize(entries + 1);
                ConsumerRecord<String, byte[]> revision = records.get(records.size() - 1);
                assertThat(revision.key()).isEqualTo("cbt");
                assertThat(ContractValidator.load().validate(EventTypes.INTERVENTION_PUBLISHED_V1,
                        revision.value())).isEmpty();
                JsonNode data = JSON.readTree(revision.value());
                assertThat(data.get("catalogueVersion").asText()).isEqualTo("1.1.0");
                assertThat(data.get("typicalDuration").asText()).isEqualTo("Group: 8 sessions.");
                InterventionDirectory directory = second.getBean(InterventionDirectory.class);
                await().atMost(WAIT).until(() -> "1.1.0".equals(directory.find("cbt").orElseThrow()
                        .catalogueVersion()));
                assertThat(directory.find("cbt").orElseThrow().revisedAt()).isNotNull();

                // Three instances seeding new entries at the same moment: each entry is published once.
                Catalogue fresh = new Catalogue("1.1.0", IntStream.rangeClosed(1, 5)
                        .mapToObj(n -> entry("new-entry-" + n)).toList());
                List<CatalogueSeeder.Report> reports = concurrently(3, () -> seeder.seed(fresh));
                assertThat(reports.stream().mapToInt(CatalogueSeeder.Report::published).sum()).isEqualTo(5);
                assertThat(reports.stream().mapToInt(CatalogueSeeder.Report::unchanged).sum()).isEqualTo(10);
                assertThat(reports.stream().mapToInt(CatalogueSeeder.Report::revised).sum()).isZero();
                for (Intervention entry : fresh.interventions()) {
                    assertThat(events.countDocuments(Filters.eq("aggregateIdentifier", entry.id())))
                            .as(entry.id()).isEqualTo(1);
                }
                await().atMost(WAIT).until(() -> published(topic).size() >= entries + 6);
                assertThat(published(topic).stream().filter(keyed("new-entry-1"))).hasSize(1);
            }
        }
    }

    private static ConfigurableApplicationContext start(EmbeddedKafkaBroker broker, String database) {
        // Command-line arguments: builder "properties" would rank below the plumbing's defaults.
        return new SpringApplicationBuilder(CatalogueApplication.class, TestJwtConfiguration.class).run(
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                "--spring.mongodb.uri=" + EmbeddedMongo.connectionString(),
                "--tend.mongodb.database=" + database,
                "--tend.pseudonym.key=test-pseudonym-key-0123456789abcdefghijkl",
                "--spring.profiles.active=local",
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + TestTokens.ISSUER,
                "--tend.jwt.audience=" + TestTokens.AUDIENCE);
    }

    private static List<ConsumerRecord<String, byte[]>> published(TopicReader topic) {
        return topic.records(ofType(EventTypes.INTERVENTION_PUBLISHED_V1));
    }

    private static long count(MongoCollection<Document> events, Class<?> type) {
        return events.countDocuments(Filters.eq("payloadType", type.getName()));
    }

    private static Catalogue withRevisedCbt(Catalogue catalogue) {
        List<Intervention> entries = new ArrayList<>();
        for (Intervention i : catalogue.interventions()) {
            entries.add(!i.id().equals("cbt") ? i : new Intervention(i.id(), i.name(), i.approach(), i.formats(),
                    "Group: 8 sessions.", i.evidenceNote(), i.targets(), i.suitableLevels(), i.intensity(),
                    i.evidenceStrength(), null));
        }
        return new Catalogue("1.1.0", entries);
    }

    private static Intervention entry(String id) {
        return new Intervention(id, "Test " + id, "An approach.", Set.of(Format.GROUP), "4 sessions",
                "Test evidence note", List.of("stress"), Set.of(SteppedCareLevel.STEP_2), Intensity.LOW,
                EvidenceStrength.LIMITED, null);
    }

    private static <T> List<T> concurrently(int threads, java.util.concurrent.Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch gate = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    gate.await();
                    return task.call();
                }));
            }
            gate.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
