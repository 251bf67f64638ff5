package org.tend.insights.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.tend.contracts.ContractValidator;
import org.tend.contracts.EventTypes;
import org.tend.contracts.OrganisationIds;
import org.tend.insights.domain.FigureView;
import org.tend.insights.domain.InsightEvent;
import org.tend.insights.domain.InsightSettings;
import org.tend.insights.domain.Shown;
import org.tend.insights.privacy.Period;
import org.tend.insights.privacy.Scope;
import org.tend.plumbing.messaging.ReceivedEvent;
import org.tend.plumbing.projection.Projection;
import org.tend.plumbing.projection.ProjectionGenerations;

/**
 * Two instances of insights in one JVM, sharing one store and nothing else (each its own fact store, settings store,
 * queries, projection and generations), as two processes of the service do: what one instance writes or saves
 * outdates the plans the other has cached.
 */
class InsightsInstancesTest {

    static final Instant JAN = Instant.parse("2025-01-10T10:00:00Z");
    static final Period JANUARY = Period.month(YearMonth.of(2025, 1));
    static final MongoClient CLIENT = MongoClients.create(org.tend.testsupport.EmbeddedMongo.connectionString());

    final MongoDatabase db = CLIENT.getDatabase("unit-" + UUID.randomUUID().toString().substring(0, 8));
    final Clock clock = Clock.fixed(Instant.parse("2025-03-01T00:00:00Z"), ZoneOffset.UTC);
    final String programme = UUID.randomUUID().toString();
    final Instance a = new Instance();
    final Instance b = new Instance();

    @AfterAll
    static void close() {
        CLIENT.close();
    }

    /** One process's worth of insights: every object its own, only the database shared. */
    final class Instance {
        final InsightEvents events = new InsightEvents(ContractValidator.load());
        final FactStore facts = new FactStore(db, events);
        // Plans made again by the asking request as soon as they are outdated (no refresh interval).
        final InsightsQueries queries = new InsightsQueries(facts, db, new SettingsStore(db), new NoiseStates(db),
                new StoredPrivacyBudget(db), clock);
        final InsightsProjection projection = new InsightsProjection(facts, events, queries::keepReleasedFiguresOf,
                erasureId -> { });
        final ProjectionGenerations generations = new ProjectionGenerations(db, clock, projection);

        /** A live batch of this instance's share of the partitions. */
        void live(List<ReceivedEvent<InsightEvent>> received) {
            generations.writeTo(targets -> {
                Projection.Batch batch = projection.newBatch();
                received.forEach(batch::add);
                return projection.write(batch, targets);
            });
        }

        /** The programme's enrolments in January as this instance answers them. */
        FigureView enrolledInJanuary() {
            int generation = queries.readableGeneration();
            InsightsQueries.Plans plans = queries.plans(generation, programme).orElseThrow();
            return queries.answer(plans, plans.built().measures(), Scope.programme(), JANUARY, "hana").figures()
                    .stream().filter(f -> f.measure().equals("enrolled")).findFirst().orElseThrow();
        }
    }

    static ReceivedEvent<InsightEvent> event(String type, String key, InsightEvent data) {
        return new ReceivedEvent<>(UUID.randomUUID().toString(), type, "/tend/assessment-service", JAN, key, data,
                EventTypes.ASSESSMENT_TOPIC, 0, 0);
    }

    ReceivedEvent<InsightEvent> enrolled(int i) {
        return event(EventTypes.PARTICIPANT_ENROLLED_V1, "p_" + i, new InsightEvent.ParticipantEnrolled("p_" + i,
                programme, new InsightEvent.Cohort("finance"), JAN.plusSeconds(i)));
    }

    /** A programme of k = 5 with six people enrolled in January, written by instance A. */
    void sixEnrolledThroughA() {
        List<ReceivedEvent<InsightEvent>> log = new ArrayList<>();
        log.add(event(EventTypes.PROGRAMME_CREATED_V1, programme, new InsightEvent.ProgrammeCreated(programme,
                OrganisationIds.published("acme"), 5, JAN)));
        IntStream.range(0, 6).forEach(i -> log.add(enrolled(i)));
        a.live(log);
    }

    @Test
    void noiseModeSwitchedOnThroughOneInstanceIsRespectedByTheOthersNextAnswer() {
        sixEnrolledThroughA();
        Shown exact = b.enrolledInJanuary().participants();
        assertThat(exact.shown()).isTrue();
        assertThat(exact.addedNoise()).as("exact mode").isFalse();
        assertThat(a.enrolledInJanuary().participants().addedNoise()).isFalse();

        InsightSettings was = a.queries.settings(programme);
        a.queries.saveSettings(programme, new InsightSettings(was.eligibleHeadcounts(), true, was.epsilonPerFigure(),
                was.monthlyBudget(), was.reassessmentInterval()));

        Shown after = b.enrolledInJanuary().participants();
        assertThat(after.addedNoise()).as("B answers in noise mode, not from its plans of exact mode").isTrue();
        assertThat(a.enrolledInJanuary().participants().addedNoise()).isTrue();
    }

    @Test
    void anEligibleHeadcountSetThroughOneInstanceIsShownByTheOther() {
        sixEnrolledThroughA();
        FigureView before = b.enrolledInJanuary();
        assertThat(before.eligibleHeadcount()).isNull();
        assertThat(before.percent()).isNull();

        InsightSettings was = a.queries.settings(programme);
        a.queries.saveSettings(programme, new InsightSettings(Map.of("finance", 40), was.noise(),
                was.epsilonPerFigure(), was.monthlyBudget(), was.reassessmentInterval()));

        FigureView after = b.enrolledInJanuary();
        assertThat(after.eligibleHeadcount()).isEqualTo(40);
        assertThat(after.percent().shown()).isTrue();
        assertThat(after.percent().number()).isEqualByComparingTo("15");
    }

    @Test
    void factsWrittenByEitherInstanceChangeTheFiguresOfBoth() {
        sixEnrolledThroughA();
        assertThat(b.enrolledInJanuary().participants().number().longValue()).isEqualTo(6L);
        assertThat(a.enrolledInJanuary().participants().number().longValue()).isEqualTo(6L);

        a.live(List.of(enrolled(6)));
        assertThat(b.enrolledInJanuary().participants().number().longValue()).as("A's write outdates B's plans")
                .isEqualTo(7L);

        b.live(List.of(enrolled(7)));
        assertThat(a.enrolledInJanuary().participants().number().longValue()).as("B's write outdates A's plans")
                .isEqualTo(8L);
        assertThat(b.enrolledInJanuary().participants().number().longValue()).isEqualTo(8L);
    }

    @Test
    void twoInstancesPlanningAProgrammeInNoiseModeAtOnceAnswerEachValueWithOneDraw() throws Exception {
        sixEnrolledThroughA();
        InsightSettings was = a.queries.settings(programme);
        a.queries.saveSettings(programme, new InsightSettings(was.eligibleHeadcounts(), true, was.epsilonPerFigure(),
                was.monthlyBudget(), was.reassessmentInterval()));
        org.tend.insights.privacy.FigureKey january = org.tend.insights.privacy.FigureKey.of(Scope.programme(),
                JANUARY);
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                // A new record outdates both instances' plans; both make them again at the same moment.
                a.live(List.of(enrolled(10 + round)));
                java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
                List<java.util.concurrent.Future<org.tend.insights.privacy.Disclosure>> answers = new ArrayList<>();
                for (Instance instance : List.of(a, b)) {
                    answers.add(threads.submit(() -> {
                        together.await();
                        int generation = instance.queries.readableGeneration();
                        return instance.queries.plans(generation, programme).orElseThrow().plans().get("enrolled")
                                .release(january).orElseThrow().count();
                    }));
                }
                org.tend.insights.privacy.Disclosure byA = answers.get(0).get();
                org.tend.insights.privacy.Disclosure byB = answers.get(1).get();
                assertThat(byA).as("round %d: one draw for the value, whichever instance answers", round)
                        .isEqualTo(byB);
                assertThat(byA).isInstanceOfSatisfying(org.tend.insights.privacy.Disclosure.Released.class,
                        r -> assertThat(r.noisy()).isTrue());
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void plansHoldingSomeoneErasedThroughOneInstanceAreNeitherAnsweredNorKeptByTheOther() {
        sixEnrolledThroughA();
        // B keeps its plans for an hour when only new records arrive: an erasure is not just a new record.
        InsightsQueries keeping = new InsightsQueries(b.facts, db, new SettingsStore(db), new NoiseStates(db),
                new StoredPrivacyBudget(db), clock, java.time.Duration.ofHours(1), Runnable::run,
                java.time.Duration.ofSeconds(10));
        InsightsQueries.Plans before = keeping.plans(1, programme).orElseThrow();
        assertThat(before.facts().participants()).hasSize(6);
        assertThat(keeping.forgetPlansMadeBeforeErasures()).as("nobody erased yet").isZero();

        a.live(List.of(event(EventTypes.PARTICIPANT_ERASED_V1, "p_0", new InsightEvent.ParticipantErased("p_0",
                programme, UUID.randomUUID().toString(), JAN.plusSeconds(3600)))));

        assertThat(keeping.forgetPlansMadeBeforeErasures()).as("B forgets the plans holding p_0, unasked")
                .isEqualTo(1);
        InsightsQueries.Plans after = keeping.plans(1, programme).orElseThrow();
        assertThat(after).isNotSameAs(before);
        assertThat(after.facts().participants()).extracting(p -> p.enrolment().participantId())
                .doesNotContain("p_0").hasSize(5);
        assertThat(keeping.forgetPlansMadeBeforeErasures()).as("made after the erasure: kept").isZero();
    }

    @Test
    void aQuestionAfterAnErasureThroughTheOtherInstanceWaitsForPlansWithoutThePerson() {
        sixEnrolledThroughA();
        InsightsQueries keeping = new InsightsQueries(b.facts, db, new SettingsStore(db), new NoiseStates(db),
                new StoredPrivacyBudget(db), clock, java.time.Duration.ofHours(1), Runnable::run,
                java.time.Duration.ofSeconds(10));
        InsightsQueries.Plans before = keeping.plans(1, programme).orElseThrow();
        a.live(List.of(enrolled(6)));
        assertThat(keeping.plans(1, programme).orElseThrow()).as("a new record alone: the kept plans answer")
                .isSameAs(before);

        a.live(List.of(event(EventTypes.PARTICIPANT_ERASED_V1, "p_0", new InsightEvent.ParticipantErased("p_0",
                programme, UUID.randomUUID().toString(), JAN.plusSeconds(3600)))));

        assertThat(keeping.plans(1, programme).orElseThrow().facts().participants())
                .as("not answered from plans holding p_0").extracting(p -> p.enrolment().participantId())
                .doesNotContain("p_0").hasSize(6);
    }

    @Test
    void figuresKeptThroughOneInstanceAreNotReplacedByTheOthersPlansMadeBeforeThem() {
        sixEnrolledThroughA();
        java.util.Map<String, org.tend.insights.privacy.DisclosurePlan> ofSix = a.queries.plans(1, programme)
                .orElseThrow().plans();
        a.live(List.of(enrolled(6)));
        java.util.Map<String, org.tend.insights.privacy.DisclosurePlan> ofSeven = b.queries.plans(1, programme)
                .orElseThrow().plans();
        org.tend.insights.privacy.FigureKey january = org.tend.insights.privacy.FigureKey.of(Scope.programme(),
                JANUARY);

        // A keeps the figures it released before erasing someone; B, erasing someone else, keeps its own after.
        new KeptFigures(db, clock).keep(programme, "settings", ofSix);
        new KeptFigures(db, clock).keep(programme, "settings", ofSeven);

        assertThat(new KeptFigures(db, clock).of(programme).get("enrolled").get(january).count())
                .as("the figure kept first stays as it was released")
                .isEqualTo(org.tend.insights.privacy.Disclosure.released(6, false));
    }
}
