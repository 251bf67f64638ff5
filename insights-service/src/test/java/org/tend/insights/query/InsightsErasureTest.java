package org.tend.insights.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.tend.contracts.ContractValidator;
import org.tend.contracts.EventTypes;
import org.tend.contracts.OrganisationIds;
import org.tend.insights.domain.FigureView;
import org.tend.insights.domain.InsightEvent;
import org.tend.insights.privacy.Period;
import org.tend.insights.privacy.Scope;
import org.tend.plumbing.messaging.ReceivedEvent;
import org.tend.plumbing.projection.Projection;
import org.tend.plumbing.projection.ProjectionGenerations;

/**
 * An erased participant leaves insights: their document goes from every generation and nothing about them is kept
 * again (late, or read again by a rebuild), while the figures of periods closed before the erasure stay as HR saw
 * them (made again without the person they would reveal the change) and periods that close later leave them out.
 */
class InsightsErasureTest {

    static final Instant JAN = Instant.parse("2025-01-10T10:00:00Z");
    static final MongoClient CLIENT = MongoClients.create(org.tend.testsupport.EmbeddedMongo.connectionString());

    final MongoDatabase db = CLIENT.getDatabase("unit-" + UUID.randomUUID().toString().substring(0, 8));
    final Clock march = Clock.fixed(Instant.parse("2025-03-01T00:00:00Z"), ZoneOffset.UTC);
    final InsightEvents events = new InsightEvents(ContractValidator.load());
    final FactStore facts = new FactStore(db, events);
    final List<String> confirmed = new java.util.concurrent.CopyOnWriteArrayList<>();
    final InsightsQueries queries = queries(march);
    final InsightsProjection projection = new InsightsProjection(facts, events, queries::keepReleasedFiguresOf,
            confirmed::add);
    final ProjectionGenerations generations = new ProjectionGenerations(db, march, projection);
    final String programme = UUID.randomUUID().toString();
    final List<ReceivedEvent<InsightEvent>> log = new ArrayList<>();

    @AfterAll
    static void close() {
        CLIENT.close();
    }

    InsightsQueries queries(Clock clock) {
        return new InsightsQueries(facts, db, new SettingsStore(db), new NoiseStates(db), new StoredPrivacyBudget(db),
                clock);
    }

    static ReceivedEvent<InsightEvent> event(String type, String key, InsightEvent data) {
        return new ReceivedEvent<>(UUID.randomUUID().toString(), type, "/tend/assessment-service", data.time(), key,
                data, EventTypes.ASSESSMENT_TOPIC, 0, 0);
    }

    static String person(int i) {
        return "p_" + "abcdefghij".charAt(i / 10) + "abcdefghij".charAt(i % 10) + "aaaaaaaaaaaaaaaaaaaaaaaa";
    }

    /** Twelve in finance and six in ops, each with a PHQ-9 in January: half moderate, half mild. */
    void seed() {
        log.add(event(EventTypes.PROGRAMME_CREATED_V1, programme, new InsightEvent.ProgrammeCreated(programme,
                OrganisationIds.published("acme"), 5, JAN)));
        for (int i = 0; i < 18; i++) {
            Instant at = JAN.plusSeconds(3600L * i);
            log.add(event(EventTypes.PARTICIPANT_ENROLLED_V1, person(i), new InsightEvent.ParticipantEnrolled(
                    person(i), programme, new InsightEvent.Cohort(i < 12 ? "finance" : "ops"), at)));
            log.add(completed(person(i), i % 2 == 0 ? 12 : 7, at.plusSeconds(60)));
        }
        live(log);
    }

    ReceivedEvent<InsightEvent> completed(String participant, int score, Instant at) {
        return event(EventTypes.ASSESSMENT_COMPLETED_V1, participant, new InsightEvent.AssessmentCompleted(
                UUID.randomUUID().toString(), participant, programme, "phq-9", score,
                new InsightEvent.ScoreRange(0, 27), score >= 10 ? "moderate" : "mild", at));
    }

    void live(List<ReceivedEvent<InsightEvent>> received) {
        generations.writeTo(targets -> projection.write(batch(received), targets));
    }

    Projection.Batch batch(List<ReceivedEvent<InsightEvent>> received) {
        Projection.Batch batch = projection.newBatch();
        received.forEach(batch::add);
        return batch;
    }

    /** Every figure of the programme and its cohorts for the periods, as HR would read them. */
    Map<String, List<FigureView>> read(InsightsQueries from, List<Period> periods) {
        int generation = from.readableGeneration();
        InsightsQueries.Plans plans = from.plans(generation, programme).orElseThrow();
        Map<String, List<FigureView>> read = new LinkedHashMap<>();
        for (Period period : periods) {
            for (Scope scope : List.of(Scope.programme(), Scope.cohort("finance"), Scope.cohort("ops"))) {
                read.put(scope + "/" + period, from.answer(plans, plans.built().measures(), scope, period, "hana")
                        .figures());
            }
        }
        return read;
    }

    static long enrolled(Map<String, List<FigureView>> read, String at) {
        FigureView figure = read.get(at).stream().filter(f -> f.measure().equals("enrolled")).findFirst()
                .orElseThrow();
        return ((Number) figure.participants().value()).longValue();
    }

    Document participantDocument(int generation, String participant) {
        return db.getCollection(Projection.collection("participants", generation))
                .find(Filters.eq("_id", participant)).first();
    }

    @Test
    void theFiguresReleasedBeforeAnErasureStayAsTheyWereAndTheNextPeriodLeavesThePersonOut() {
        seed();
        List<Period> closed = List.of(Period.month(YearMonth.of(2025, 1)), Period.month(YearMonth.of(2025, 2)),
                Period.toDate(YearMonth.of(2025, 2)));
        Map<String, List<FigureView>> before = read(queries, closed);
        assertThat(enrolled(before, "cohort:finance/" + closed.get(0))).isEqualTo(12);

        String erased = person(3);
        ReceivedEvent<InsightEvent> erasure = event(EventTypes.PARTICIPANT_ERASED_V1, erased,
                new InsightEvent.ParticipantErased(erased, programme, UUID.randomUUID().toString(),
                        Instant.parse("2025-02-27T12:00:00Z")));
        log.add(erasure);
        live(List.of(erasure));

        assertThat(participantDocument(1, erased)).as("everything kept about them is gone").isNull();
        assertThat(confirmed).as("confirmed into the report").containsExactly(
                ((InsightEvent.ParticipantErased) erasure.data()).erasureId());
        assertThat(db.getCollection(Projection.collection("erased", 1)).find(Filters.eq("_id", erased)).first())
                .as("only the pseudonym and when").isNotNull()
                .satisfies(d -> assertThat(d.keySet()).containsExactlyInAnyOrder("_id", "erasedAt"));
        assertThat(queries.plans(1, programme).orElseThrow().facts().participants()).hasSize(17);
        assertThat(read(queries, closed)).as("released figures are not recomputed without them").isEqualTo(before);

        // Nor by a change of settings: a released figure stays as released whatever is planned from now on.
        SettingsStore settings = new SettingsStore(db);
        org.tend.insights.domain.InsightSettings was = settings.of(programme);
        settings.save(programme, new org.tend.insights.domain.InsightSettings(Map.of("finance", 40, "ops", 10),
                was.noise(), was.epsilonPerFigure(), was.monthlyBudget(), was.reassessmentInterval()));
        assertThat(enrolled(read(queries(march), closed), "cohort:finance/" + closed.get(0))).isEqualTo(12);
        settings.save(programme, was);

        // A record about them published late is not kept.
        ReceivedEvent<InsightEvent> late = completed(erased, 20, Instant.parse("2025-02-20T09:00:00Z"));
        log.add(late);
        live(List.of(late));
        assertThat(participantDocument(1, erased)).isNull();

        // Made again from the facts alone, the same figures would differ: the kept ones are what holds them.
        db.getCollection(KeptFigures.COLLECTION).deleteMany(new Document());
        Map<String, List<FigureView>> recomputed = read(queries(march), closed);
        assertThat(enrolled(recomputed, "cohort:finance/" + closed.get(0))).isEqualTo(11);
        assertThat(recomputed).isNotEqualTo(before);
    }

    @Test
    void aPeriodThatClosesAfterTheErasureAndARebuildFromOffsetZeroLeaveThePersonOut() {
        seed();
        Period january = Period.month(YearMonth.of(2025, 1));
        Map<String, List<FigureView>> before = read(queries, List.of(january));
        String erased = person(0);
        ReceivedEvent<InsightEvent> erasure = event(EventTypes.PARTICIPANT_ERASED_V1, erased,
                new InsightEvent.ParticipantErased(erased, programme, UUID.randomUUID().toString(),
                        Instant.parse("2025-02-27T12:00:00Z")));
        log.add(erasure);
        live(List.of(erasure));

        // April: March has closed since the erasure, and its to-date figure counts seventeen; January still eighteen.
        InsightsQueries april = queries(Clock.fixed(Instant.parse("2025-04-02T00:00:00Z"), ZoneOffset.UTC));
        Map<String, List<FigureView>> later = read(april, List.of(january, Period.toDate(YearMonth.of(2025, 3))));
        assertThat(enrolled(later, "programme/" + Period.toDate(YearMonth.of(2025, 3)))).isEqualTo(17);
        assertThat(enrolled(later, "programme/" + january)).isEqualTo(18);

        // A rebuild reads the whole log again, the person's records before the erasure included: none is kept.
        int building = generations.beginBuilding();
        Projection.GenerationWriter rebuild = projection.rebuilding(building);
        rebuild.write(batch(log.subList(0, 10)));
        rebuild.write(batch(log.subList(10, log.size())));
        rebuild.write(batch(List.of(completed(erased, 20, Instant.parse("2025-02-28T09:00:00Z")))));
        generations.activate(building);
        assertThat(participantDocument(building, erased)).isNull();
        assertThat(queries.plans(building, programme).orElseThrow().facts().participants()).hasSize(17);
        assertThat(read(queries, List.of(january))).isEqualTo(before);
    }
}
