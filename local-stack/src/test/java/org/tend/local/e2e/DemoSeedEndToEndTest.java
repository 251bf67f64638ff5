package org.tend.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.tend.local.LocalStack;
import org.tend.local.demo.DemoPlan;
import org.tend.local.demo.DemoPlan.Participant;
import org.tend.local.demo.DemoPlan.Visit;
import org.tend.local.demo.DemoSeeder;

/**
 * The demo seeding on the real stack, small: 30 participants over three months, through the gateway with the services
 * on a demo clock. What the platform answers afterwards must carry the months the seeder replayed, in order, and a
 * second seeding must add nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoSeedEndToEndTest {

    private static final DemoPlan.Size SMALL = new DemoPlan.Size(30, 3, 42);

    @TempDir
    static Path data;
    static LocalStack stack;
    static DemoSeeder seeder;
    static DemoSeeder.Summary seeded;
    static Instant seedingEnded;

    @BeforeAll
    static void startAndSeed() {
        stack = LocalStack.builder()
                .dataDir(data)
                .mongoBackend(LocalStack.MongoBackend.MEMORY)
                .freePorts()
                .demoClock()
                .onProgress(line -> System.out.println("[stack] " + line))
                .build();
        stack.start();
        seeder = new DemoSeeder(stack.gatewayUrl(), DemoSeeder.Tokens.of(stack.issuer()),
                stack.demoClockFile().orElseThrow(), SMALL, 4, line -> System.out.println("[demo] " + line));
        seeded = seeder.seed();
        seedingEnded = Instant.now();
    }

    @AfterAll
    static void stopPlatform() {
        if (stack != null) {
            stack.close();
        }
    }

    static Api as(String demoUser) {
        return new Api(stack.gatewayUrl(), stack.issuer().mintFor(demoUser));
    }

    static Api as(Participant participant) {
        return new Api(stack.gatewayUrl(), stack.issuer().mint(participant.subject(), List.of("participant"),
                Duration.ofHours(1)));
    }

    static YearMonth currentMonth() {
        return YearMonth.now(ZoneOffset.UTC);
    }

    static LocalDate dayOf(JsonNode time) {
        return LocalDate.ofInstant(Instant.parse(time.asText()), ZoneOffset.UTC);
    }

    @Test
    @Order(1)
    void everyVisitOfThePlanWasPlayedAndTheStackRunsAtRealTimeAgain() {
        DemoPlan plan = seeded.plan();
        assertThat(seeded.alreadySeeded()).isFalse();
        assertThat(plan.lastMonth()).isEqualTo(currentMonth().minusMonths(1));
        assertThat(plan.firstMonth()).isEqualTo(currentMonth().minusMonths(3));
        assertThat(seeded.participants()).isEqualTo(30);
        assertThat(seeded.assessments()).isEqualTo(plan.assessmentCount());
        assertThat(seeded.goals()).isPositive();
        assertThat(seeded.goalRatings()).isGreaterThan(seeded.goals());
        assertThat(stack.demoClockFile().orElseThrow()).doesNotExist();

        // Done at real time: a new participant's assessment is stamped now, not in the replayed months.
        Api newcomer = new Api(stack.gatewayUrl(), stack.issuer().mint("e2e|newcomer", List.of("participant"),
                Duration.ofHours(1)));
        JsonNode programme = as("adam").get("/api/programmes/" + seeded.programmeId()).body();
        String code = as("adam").post("/api/programmes/" + seeded.programmeId() + "/enrolment-code", Map.of())
                .body().get("enrolmentCode").asText();
        assertThat(newcomer.post("/api/enrolments", Map.of("enrolmentCode", code, "consent", true)).status())
                .isEqualTo(201);
        Api.Response assessed = newcomer.post("/api/assessments", Map.of("instrumentId", "who-5", "answers",
                Map.of("who5-1", 3, "who5-2", 3, "who5-3", 3, "who5-4", 3, "who5-5", 3), "submit", true));
        assertThat(assessed.status()).as(assessed.raw()).isEqualTo(201);
        Instant completedAt = Instant.parse(assessed.body().get("completedAt").asText());
        assertThat(completedAt).isBetween(seedingEnded.minusSeconds(5), Instant.now().plusSeconds(5));
        // ...and the programme itself was created on the first day the seeder replayed.
        assertThat(dayOf(programme.get("createdAt"))).isEqualTo(plan.firstDay());
    }

    @Test
    @Order(2)
    void assessmentsGoalsAndRecommendationsCarryTheReplayedDaysAndJourneysShowThemInOrder() {
        Participant someone = seeded.plan().participants().stream()
                .filter(p -> p.goal() != null && p.visits().size() >= 3).findFirst().orElseThrow();
        Api participant = as(someone);
        Set<LocalDate> visitDays = someone.visits().stream().map(Visit::day)
                .collect(Collectors.toCollection(TreeSet::new));

        JsonNode assessments = participant.get("/api/assessments/me").body();
        assertThat(assessments).hasSize(3 * someone.visits().size());
        Map<LocalDate, Integer> perDay = new HashMap<>();
        Map<String, Integer> phqByDay = new HashMap<>();
        for (JsonNode assessment : assessments) {
            LocalDate day = dayOf(assessment.get("completedAt"));
            perDay.merge(day, 1, Integer::sum);
            if (assessment.get("instrumentId").asText().equals("phq-9")) {
                phqByDay.put(day.toString(), assessment.get("score").asInt());
            }
        }
        assertThat(perDay.keySet()).containsExactlyInAnyOrderElementsOf(visitDays);
        assertThat(perDay.values()).allMatch(count -> count == 3);
        assertThat(visitDays.stream().map(YearMonth::from).distinct().count()).as("spans the months").isGreaterThan(1);
        for (Visit visit : someone.visits()) {
            assertThat(phqByDay).containsEntry(visit.day().toString(), visit.total("phq-9"));
        }

        JsonNode goal = participant.get("/api/goals/me").body().get("goals").get(0);
        assertThat(dayOf(goal.get("setAt"))).isEqualTo(someone.enrolledOn());
        List<LocalDate> ratingDays = new ArrayList<>();
        goal.get("ratings").forEach(rating -> ratingDays.add(dayOf(rating.get("ratedAt"))));
        assertThat(ratingDays).containsExactlyInAnyOrderElementsOf(visitDays);

        JsonNode recommendations = participant.get("/api/recommendations/me").body();
        LocalDate issued = dayOf(recommendations.get("issuedAt"));
        assertThat(issued).isAfterOrEqualTo(someone.enrolledOn()).isBefore(currentMonth().atDay(1));

        JsonNode journey = participant.get("/api/journeys/me?limit=200").body();
        List<Instant> times = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        journey.get("timeline").forEach(entry -> {
            times.add(Instant.parse(entry.get("time").asText()));
            kinds.add(entry.get("kind").asText());
        });
        assertThat(times).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(times).allMatch(t -> t.isBefore(currentMonth().atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC)),
                "every entry lies in the replayed months");
        assertThat(LocalDate.ofInstant(times.get(times.size() - 1), ZoneOffset.UTC)).isEqualTo(someone.enrolledOn());
        assertThat(kinds.get(kinds.size() - 1)).isEqualTo("enrolled");
        assertThat(kinds).contains("recommendations-issued", "goal-set", "goal-progress-rated");
        assertThat(kinds.stream().filter("assessment-completed"::equals).count()).isEqualTo(3L * someone.visits().size());
    }

    @Test
    @Order(3)
    void theSmallDepartmentHasFewerPeopleThanTheProgrammesMinimumGroupSize() {
        int minimumGroupSize = as("adam").get("/api/programmes/" + seeded.programmeId()).body()
                .get("minimumGroupSize").asInt();
        Map<String, Integer> departments = new HashMap<>();
        for (Participant participant : seeded.plan().participants()) {
            JsonNode enrolment = as(participant).get("/api/enrolments/me").body();
            assertThat(enrolment.get("programmeId").asText()).isEqualTo(seeded.programmeId());
            assertThat(dayOf(enrolment.get("enrolledAt"))).isEqualTo(participant.enrolledOn());
            departments.merge(enrolment.get("department").asText(), 1, Integer::sum);
        }
        assertThat(departments).isEqualTo(seeded.departments().entrySet().stream().filter(e -> e.getValue() > 0)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        assertThat(minimumGroupSize).isEqualTo(DemoPlan.MINIMUM_GROUP_SIZE);
        assertThat(departments.get(DemoPlan.SMALL_DEPARTMENT)).isPositive().isLessThan(minimumGroupSize);
        assertThat(departments).hasSize(6);
    }

    @Test
    @Order(4)
    void seedingAgainAddsNothing() {
        Participant first = seeded.plan().participants().get(0);
        int assessmentsBefore = as(first).get("/api/assessments/me").body().size();

        DemoSeeder.Summary again = seeder.seed();

        assertThat(again.alreadySeeded()).isTrue();
        assertThat(again.programmeId()).isEqualTo(seeded.programmeId());
        assertThat(again.assessments()).isZero();
        JsonNode programmes = as("adam").get("/api/programmes").body();
        long demoProgrammes = 0;
        for (JsonNode programme : programmes) {
            demoProgrammes += DemoPlan.PROGRAMME_NAME.equals(programme.get("name").asText()) ? 1 : 0;
        }
        assertThat(demoProgrammes).isEqualTo(1);
        assertThat(as(first).get("/api/assessments/me").body().size()).isEqualTo(assessmentsBefore);
        assertThat(stack.demoClockFile().orElseThrow()).doesNotExist();
    }
}
