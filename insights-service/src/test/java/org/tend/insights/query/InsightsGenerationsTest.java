package org.tend.insights.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.tend.contracts.ContractValidator;
import org.tend.contracts.EventTypes;
import org.tend.contracts.OrganisationIds;
import org.tend.insights.domain.InsightEvent;
import org.tend.insights.domain.InsightSettings;
import org.tend.plumbing.messaging.ReceivedEvent;
import org.tend.plumbing.projection.Projection;
import org.tend.plumbing.projection.ProjectionGenerations;
import org.tend.plumbing.web.UnavailableException;

/**
 * The kept events as a plumbing projection, without a broker: which generation reads see while a rebuild fills the
 * next one, that the rebuild's writes do not outdate the served plans, that the cached plans are dropped when the
 * served generation switches, and that an outdated layout is refused (503) rather than read.
 */
class InsightsGenerationsTest {

    static final Instant JAN = Instant.parse("2025-01-10T10:00:00Z");
    static final MongoClient CLIENT = MongoClients.create(org.tend.testsupport.EmbeddedMongo.connectionString());

    final MongoDatabase db = CLIENT.getDatabase("unit-" + UUID.randomUUID().toString().substring(0, 8));
    final Clock clock = Clock.fixed(Instant.parse("2025-03-01T00:00:00Z"), ZoneOffset.UTC);
    final InsightEvents events = new InsightEvents(ContractValidator.load());
    final FactStore facts = new FactStore(db, events);
    final List<String> confirmed = new java.util.concurrent.CopyOnWriteArrayList<>();
    final InsightsQueries queries = new InsightsQueries(facts, db, new SettingsStore(db), new NoiseStates(db),
            new StoredPrivacyBudget(db), clock);
    final InsightsProjection projection = new InsightsProjection(facts, events, queries::keepReleasedFiguresOf,
            confirmed::add);
    final ProjectionGenerations generations = new ProjectionGenerations(db, clock, projection);
    final String programme = UUID.randomUUID().toString();

    @AfterAll
    static void close() {
        CLIENT.close();
    }

    static ReceivedEvent<InsightEvent> event(String type, String key, InsightEvent data) {
        return new ReceivedEvent<>(UUID.randomUUID().toString(), type, "/tend/assessment-service", JAN, key, data,
                EventTypes.ASSESSMENT_TOPIC, 0, 0);
    }

    ReceivedEvent<InsightEvent> created() {
        return event(EventTypes.PROGRAMME_CREATED_V1, programme, new InsightEvent.ProgrammeCreated(programme,
                OrganisationIds.published("acme"), 5, JAN));
    }

    static ReceivedEvent<InsightEvent> enrolled(String programme, int i) {
        return event(EventTypes.PARTICIPANT_ENROLLED_V1, "p_" + i, new InsightEvent.ParticipantEnrolled("p_" + i,
                programme, new InsightEvent.Cohort("finance"), JAN.plusSeconds(i)));
    }

    static Projection.Batch batch(InsightsProjection projection, List<ReceivedEvent<InsightEvent>> received) {
        Projection.Batch batch = projection.newBatch();
        received.forEach(batch::add);
        return batch;
    }

    /** A live write: into every current target of the generations, as the listener writes. */
    void live(List<ReceivedEvent<InsightEvent>> received) {
        generations.writeTo(targets -> projection.write(batch(projection, received), targets));
    }

    int participants(int generation) {
        return queries.plans(generation, programme).orElseThrow().facts().participants().size();
    }

    @Test
    void newRecordsAloneDoNotHoldQuestionsUpOnThePlannerUntilThePlansAreDue() {
        InsightsQueries keeping = new InsightsQueries(facts, db, new SettingsStore(db), new NoiseStates(db),
                new StoredPrivacyBudget(db), clock, java.time.Duration.ofHours(1), Runnable::run,
                java.time.Duration.ofSeconds(10));
        List<ReceivedEvent<InsightEvent>> log = new java.util.ArrayList<>();
        log.add(created());
        IntStream.range(0, 6).forEach(i -> log.add(enrolled(programme, i)));
        live(log);
        InsightsQueries.Plans made = keeping.plans(1, programme).orElseThrow();

        live(List.of(enrolled(programme, 6)));

        assertThat(keeping.plans(1, programme).orElseThrow()).as("kept: only a record arrived").isSameAs(made);
        assertThat(queries.plans(1, programme).orElseThrow().facts().participants())
                .as("without a refresh interval, made again at once").hasSize(7);
        assertThat(made.facts().participants()).hasSize(6);
    }

    /** Plans made by a refresher the test runs by hand; a question waits for none of them. */
    InsightsQueries byHand(java.util.Deque<Runnable> background, SettingsStore settings, java.time.Duration refreshAfter) {
        return new InsightsQueries(facts, db, settings, new NoiseStates(db), new StoredPrivacyBudget(db), clock,
                refreshAfter, background::add, java.time.Duration.ZERO);
    }

    void enrolSix() {
        List<ReceivedEvent<InsightEvent>> log = new java.util.ArrayList<>();
        log.add(created());
        IntStream.range(0, 6).forEach(i -> log.add(enrolled(programme, i)));
        live(log);
    }

    @Test
    void aProgrammesFirstPlansAreBeingPreparedA503WithRetryAfterNotAQuestionThatHangs() {
        java.util.Deque<Runnable> background = new java.util.ArrayDeque<>();
        InsightsQueries refreshing = byHand(background, new SettingsStore(db), java.time.Duration.ZERO);
        enrolSix();

        for (int asked = 0; asked < 2; asked++) {
            assertThatThrownBy(() -> refreshing.plans(1, programme))
                    .isInstanceOfSatisfying(UnavailableException.class, e -> {
                        assertThat(e.type()).isEqualTo("figures-being-prepared");
                        assertThat(e.retryAfter()).isEqualTo(InsightsQueries.RETRY_PREPARING);
                    });
        }
        assertThat(background).as("made once, however many ask meanwhile").hasSize(1);

        background.poll().run();
        assertThat(refreshing.plans(1, programme).orElseThrow().facts().participants()).hasSize(6);
        assertThat(background).isEmpty();
    }

    @Test
    void plansOutdatedOnlyByNewRecordsAreMadeAgainInTheBackgroundWhileQuestionsGetTheKeptOnes() {
        java.util.Deque<Runnable> background = new java.util.ArrayDeque<>();
        InsightsQueries refreshing = byHand(background, new SettingsStore(db), java.time.Duration.ZERO);
        enrolSix();
        assertThatThrownBy(() -> refreshing.plans(1, programme)).isInstanceOf(UnavailableException.class);
        background.poll().run();
        InsightsQueries.Plans made = refreshing.plans(1, programme).orElseThrow();

        live(List.of(enrolled(programme, 6)));
        assertThat(refreshing.plans(1, programme).orElseThrow()).as("answered from the kept plans").isSameAs(made);
        assertThat(refreshing.plans(1, programme).orElseThrow()).isSameAs(made);
        assertThat(background).as("one refresh handed over, not one per question").hasSize(1);

        background.poll().run();
        assertThat(refreshing.plans(1, programme).orElseThrow().facts().participants()).hasSize(7);
        assertThat(background).isEmpty();
    }

    @Test
    void aSettingsChangeIsNeverAnsweredFromThePlansMadeBeforeIt() {
        java.util.Deque<Runnable> background = new java.util.ArrayDeque<>();
        InsightsQueries refreshing = byHand(background, new SettingsStore(db), java.time.Duration.ofHours(1));
        enrolSix();
        assertThatThrownBy(() -> refreshing.plans(1, programme)).isInstanceOf(UnavailableException.class);
        background.poll().run();
        InsightsQueries.Plans made = refreshing.plans(1, programme).orElseThrow();

        InsightSettings was = refreshing.settings(programme);
        refreshing.saveSettings(programme, new InsightSettings(java.util.Map.of("finance", 40), was.noise(),
                was.epsilonPerFigure(), was.monthlyBudget(), was.reassessmentInterval()));
        assertThatThrownBy(() -> refreshing.plans(1, programme)).as("not the plans of the old settings")
                .isInstanceOf(UnavailableException.class);
        background.poll().run();
        InsightsQueries.Plans after = refreshing.plans(1, programme).orElseThrow();
        assertThat(after).isNotSameAs(made);
        assertThat(after.settings().eligibleHeadcounts()).containsEntry("finance", 40);
        assertThat(background).isEmpty();
    }

    @Test
    void readsStayOnTheServedGenerationWhileARebuildFillsTheNextAndItsPlansAreMadeAgainAfterTheSwitch() {
        List<ReceivedEvent<InsightEvent>> log = new java.util.ArrayList<>();
        log.add(created());
        IntStream.range(0, 6).forEach(i -> log.add(enrolled(programme, i)));
        live(log);
        int served = queries.readableGeneration();
        assertThat(served).isEqualTo(1);
        InsightsQueries.Plans before = queries.plans(served, programme).orElseThrow();
        assertThat(before.facts().participants()).hasSize(6);
        assertThat(queries.plans(served, programme).orElseThrow()).as("cached").isSameAs(before);

        // A rebuild has read half the log into generation 2.
        int building = generations.beginBuilding();
        assertThat(building).isEqualTo(2);
        Projection.GenerationWriter rebuild = projection.rebuilding(building);
        rebuild.write(batch(projection, log.subList(0, 4)));

        assertThat(queries.readableGeneration()).isEqualTo(1);
        assertThat(queries.plans(queries.readableGeneration(), programme).orElseThrow())
                .as("the rebuild's writes into generation 2 do not outdate the plans of generation 1")
                .isSameAs(before);

        // A live record while the rebuild runs goes into both generations; the served plans are made again.
        live(List.of(enrolled(programme, 6)));
        assertThat(participants(queries.readableGeneration())).isEqualTo(7);
        rebuild.write(batch(projection, log.subList(4, log.size())));

        generations.activate(building);
        assertThat(queries.readableGeneration()).isEqualTo(2);
        InsightsQueries.Plans after = queries.plans(queries.readableGeneration(), programme).orElseThrow();
        assertThat(after).isNotSameAs(before);
        assertThat(after.facts().participants()).hasSize(7);
        assertThat(after.plans().keySet()).isEqualTo(before.plans().keySet());
        assertThat(queries.counts(2)).containsEntry("participants", 7L).containsEntry("programmes", 1L);
    }

    @Test
    void aServedGenerationOfAnOlderLayoutIsNotReadButAnsweredWithRetryAfter() {
        live(List.of(created()));
        assertThat(generations.servesOutdatedLayout()).isFalse();
        db.getCollection(ProjectionGenerations.STATE).updateOne(Filters.eq("_id", ProjectionGenerations.ID),
                Updates.set("layout", InsightsProjection.LAYOUT - 1));

        assertThat(generations.servesOutdatedLayout()).isTrue();
        assertThatThrownBy(queries::readableGeneration).isInstanceOf(UnavailableException.class);
        assertThat(queries.activeGeneration()).isEqualTo(1);
    }
}
