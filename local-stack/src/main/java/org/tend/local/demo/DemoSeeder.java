package org.tend.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.tend.local.DevTokenIssuer;
import org.tend.local.demo.DemoPlan.Participant;
import org.tend.local.demo.DemoPlan.Step;
import org.tend.local.demo.DemoPlan.Visit;
import org.tend.security.DemoClock;

/**
 * Seeds the demo programme of {@link DemoPlan} through the public API of a running local stack: the gateway, with
 * real tokens from the development issuer, as the people themselves would. {@code ./run-local.sh --demo} runs it once
 * the stack is up; the end-to-end test runs a small one.
 *
 * <p>Why it moves time: months of re-assessments need months. The services of a stack started with a demo clock
 * ({@code LocalStack.Builder.demoClock()}) take their "now" from the offset in a file ({@link DemoClock}); the seeder
 * sets that offset to each day of the plan in turn, waits until every service has read it, plays that day's visits
 * (a few people at a time, each with their own token, so the gateway's per-caller rate limits hold), and finally
 * removes the file: the stack then runs at real time, with six months of history behind it. Tokens are minted at real
 * time and checked against the system clock, which the demo clock never touches.
 *
 * <p>Seeding twice adds nothing: when the organisation already has the demo programme (the store keeps its data in
 * {@code .tend/data}), the seeder says so and stops. A run cut short leaves a partial programme, which a second run
 * also leaves alone; deleting {@code .tend/data} starts afresh.
 */
public final class DemoSeeder {

    /** Where the seeder's tokens come from. */
    public interface Tokens {
        /** A participant's token for {@code subject}. */
        String participant(String subject);

        /** The token of one of the issuer's fixed demo users ({@code adam}, {@code priya}). */
        String demoUser(String name);

        /** Tokens minted by the local stack's development issuer. */
        static Tokens of(DevTokenIssuer issuer) {
            return new Tokens() {
                @Override
                public String participant(String subject) {
                    return issuer.mint(subject, List.of("participant"), Duration.ofHours(1));
                }

                @Override
                public String demoUser(String name) {
                    return issuer.mintFor(name);
                }
            };
        }
    }

    /**
     * What a run did.
     *
     * @param alreadySeeded true when the programme existed and nothing was done (the counts are then zero)
     * @param plan          what was seeded (null when nothing was)
     */
    public record Summary(String programmeId, boolean alreadySeeded, int participants, int assessments, int goals,
                          int goalRatings, Map<String, Integer> departments, Duration took, DemoPlan plan) {

        /** One line for the terminal. */
        public String describe() {
            if (alreadySeeded) {
                return "The demo programme exists already (" + programmeId + "); nothing seeded. Delete the data"
                        + " directory to seed it afresh.";
            }
            return "Seeded the demo programme %s of organisation %s (%s to %s): %d participants in %s, %d assessments,"
                    .formatted(programmeId, DemoPlan.ORGANISATION, plan.firstMonth(), plan.lastMonth(), participants,
                            departments, assessments)
                    + " %d goals, %d goal ratings, in %d s.".formatted(goals, goalRatings, took.toSeconds());
        }
    }

    /** The admin and the practitioner of the demo. */
    static final String ADMIN = "adam";
    static final String PRACTITIONER = "priya";
    private static final Duration EVENTUALLY = Duration.ofSeconds(60);
    private static final java.time.LocalTime PROGRAMME_CREATED_AT = java.time.LocalTime.of(8, 0);
    private static final java.time.LocalTime VISITS_AT = java.time.LocalTime.of(12, 0);

    private final String gatewayUrl;
    private final Tokens tokens;
    private final Path clockFile;
    private final DemoPlan.Size size;
    private final int clients;
    private final Clock realClock;
    private final Consumer<String> progress;
    private final HttpClient http = GatewayClient.newHttpClient();

    private final Map<String, String> goalIds = new ConcurrentHashMap<>();
    private final AtomicInteger enrolled = new AtomicInteger();
    private final AtomicInteger assessments = new AtomicInteger();
    private final AtomicInteger goals = new AtomicInteger();
    private final AtomicInteger ratings = new AtomicInteger();

    /**
     * @param gatewayUrl the gateway's base URL
     * @param clockFile  the demo clock's file the stack's services read ({@code LocalStack.demoClockFile()})
     * @param clients    how many participants act at the same time (a handful: the machine has few cores)
     * @param progress   receives a line now and then
     */
    public DemoSeeder(String gatewayUrl, Tokens tokens, Path clockFile, DemoPlan.Size size, int clients,
                      Consumer<String> progress) {
        this(gatewayUrl, tokens, clockFile, size, clients, Clock.systemUTC(), progress);
    }

    DemoSeeder(String gatewayUrl, Tokens tokens, Path clockFile, DemoPlan.Size size, int clients, Clock realClock,
               Consumer<String> progress) {
        if (clients < 1) {
            throw new IllegalArgumentException("clients must be at least 1");
        }
        this.gatewayUrl = Objects.requireNonNull(gatewayUrl);
        this.tokens = Objects.requireNonNull(tokens);
        this.clockFile = Objects.requireNonNull(clockFile);
        this.size = Objects.requireNonNull(size);
        this.clients = clients;
        this.realClock = realClock;
        this.progress = Objects.requireNonNull(progress);
    }

    /** The plan this seeder would play now: the months up to the one before the current month. */
    public DemoPlan plan() {
        return DemoPlan.of(size, YearMonth.now(realClock.withZone(ZoneOffset.UTC)).minusMonths(1));
    }

    /** Seeds the demo programme unless it exists; the stack runs at real time again when this returns or throws. */
    public Summary seed() {
        long began = System.nanoTime();
        GatewayClient admin = new GatewayClient(http, gatewayUrl, () -> tokens.demoUser(ADMIN));
        Optional<String> existing = existingProgramme(admin);
        if (existing.isPresent()) {
            progress.accept("The demo programme exists already (" + existing.get() + "); not seeding it again.");
            return new Summary(existing.get(), true, 0, 0, 0, 0, Map.of(), elapsed(began), null);
        }
        DemoPlan plan = plan();
        SortedMap<LocalDate, List<Step>> days = plan.byDay();
        progress.accept("Seeding the demo: " + plan.participants().size() + " participants of " + DemoPlan.ORGANISATION
                + " over " + plan.firstMonth() + " to " + plan.lastMonth() + " (" + days.size() + " days with visits, "
                + clients + " clients at a time; the services' clocks follow the seeder until it is done) ...");
        ExecutorService pool = Executors.newFixedThreadPool(clients, runnable -> {
            Thread thread = new Thread(runnable, "tend-demo-seeder");
            thread.setDaemon(true);
            return thread;
        });
        String programmeId;
        try {
            moveClockTo(plan.firstDay().atTime(PROGRAMME_CREATED_AT));
            Map<String, Object> programme = new LinkedHashMap<>();
            programme.put("organisationId", DemoPlan.ORGANISATION);
            programme.put("name", DemoPlan.PROGRAMME_NAME);
            programme.put("minimumGroupSize", DemoPlan.MINIMUM_GROUP_SIZE);
            programme.put("departments", List.copyOf(DemoPlan.DEPARTMENT_SHARES.keySet()));
            JsonNode created = admin.postOk("/api/programmes", programme);
            programmeId = created.get("programmeId").asText();
            String enrolmentCode = created.get("enrolmentCode").asText();
            String invitation = admin.postOk("/api/programmes/" + programmeId + "/invitations", Map.of())
                    .get("code").asText();
            new GatewayClient(http, gatewayUrl, () -> tokens.demoUser(PRACTITIONER))
                    .postOk("/api/invitations/redemptions", Map.of("code", invitation));
            progress.accept("Programme " + programmeId + " created on " + plan.firstDay() + "; " + PRACTITIONER
                    + " serves it.");

            YearMonth reported = null;
            List<Step> lastDay = List.of();
            for (Map.Entry<LocalDate, List<Step>> day : days.entrySet()) {
                YearMonth month = YearMonth.from(day.getKey());
                if (reported != null && !month.equals(reported)) {
                    report(reported, began);
                }
                reported = month;
                moveClockTo(day.getKey().atTime(VISITS_AT));
                List<Callable<String>> visits = new ArrayList<>();
                for (Step step : day.getValue()) {
                    visits.add(() -> visit(step, enrolmentCode));
                }
                lastDay = day.getValue();
                List<String> lastAssessments = runAll(pool, visits);
                if (day.getKey().equals(days.lastKey())) {
                    awaitJourneys(lastDay, lastAssessments);
                }
            }
            if (reported != null) {
                report(reported, began);
            }
        } finally {
            pool.shutdownNow();
            DemoClock.clear(clockFile);
            GatewayClient.pause(DemoClock.settleTime());
        }
        Summary summary = new Summary(programmeId, false, enrolled.get(), assessments.get(), goals.get(), ratings.get(),
                plan.departmentSizes(), elapsed(began), plan);
        progress.accept(summary.describe() + " The stack runs at real time again.");
        return summary;
    }

    private Optional<String> existingProgramme(GatewayClient admin) {
        GatewayClient.Answer list = admin.get("/api/programmes");
        if (!list.ok() || list.body() == null) {
            throw new GatewayClient.Refused("GET /api/programmes", list);
        }
        for (JsonNode programme : list.body()) {
            if (DemoPlan.ORGANISATION.equals(programme.path("organisationId").asText())
                    && DemoPlan.PROGRAMME_NAME.equals(programme.path("name").asText())) {
                return Optional.of(programme.get("programmeId").asText());
            }
        }
        return Optional.empty();
    }

    /** Every service's "now" becomes {@code at} (UTC) and runs on from there. */
    private void moveClockTo(LocalDateTime at) {
        Instant target = at.toInstant(ZoneOffset.UTC);
        DemoClock.write(clockFile, Duration.between(realClock.instant(), target));
        GatewayClient.pause(DemoClock.settleTime());
    }

    /** One participant's visit; returns the id of the last assessment it completed. */
    private String visit(Step step, String enrolmentCode) {
        Participant participant = step.participant();
        Visit visit = step.visit();
        String token = tokens.participant(participant.subject());
        GatewayClient me = new GatewayClient(http, gatewayUrl, () -> token);
        if (visit.isEntry()) {
            me.postOk("/api/enrolments", Map.of("enrolmentCode", enrolmentCode, "consent", true,
                    "department", participant.department()));
            enrolled.incrementAndGet();
        }
        String lastAssessment = null;
        for (String instrument : DemoPlan.INSTRUMENTS) {
            lastAssessment = me.postOk("/api/assessments", Map.of("instrumentId", instrument,
                    "answers", visit.answers().get(instrument), "submit", true)).get("assessmentId").asText();
            assessments.incrementAndGet();
        }
        if (visit.isEntry() && participant.goal() != null) {
            setGoal(me, participant);
        }
        String goalId = goalIds.get(participant.name());
        if (goalId != null) {
            me.postOk("/api/goals/" + goalId + "/ratings", Map.of("rating", visit.goalRating()));
            ratings.incrementAndGet();
        }
        return lastAssessment;
    }

    /** A goal on one of the interventions recommended to them (none recommended, e.g. only a referral: no goal). */
    private void setGoal(GatewayClient me, Participant participant) {
        JsonNode recommendations = awaitOk(me, "/api/recommendations/me").body();
        JsonNode offered = recommendations.path("recommendations");
        if (offered.isEmpty()) {
            return;
        }
        String interventionId = offered.get(Math.min(participant.goalChoice(), offered.size() - 1))
                .get("interventionId").asText();
        // The goal service learns of the enrolment from the assessment service's events: until then it says so (400).
        long deadline = System.nanoTime() + EVENTUALLY.toNanos();
        while (true) {
            GatewayClient.Answer answer = me.post("/api/goals", Map.of("interventionId", interventionId,
                    "description", participant.goal()));
            if (answer.ok()) {
                goalIds.put(participant.name(), answer.body().get("goalId").asText());
                goals.incrementAndGet();
                return;
            }
            if (answer.status() >= 500 || System.nanoTime() > deadline) {
                throw new GatewayClient.Refused("POST /api/goals for " + participant.name(), answer);
            }
            GatewayClient.pause(Duration.ofMillis(200));
        }
    }

    private static GatewayClient.Answer awaitOk(GatewayClient client, String path) {
        long deadline = System.nanoTime() + EVENTUALLY.toNanos();
        while (true) {
            GatewayClient.Answer answer = client.get(path);
            if (answer.ok()) {
                return answer;
            }
            if ((answer.status() != 404 && answer.status() != 0) || System.nanoTime() > deadline) {
                throw new GatewayClient.Refused("GET " + path, answer);
            }
            GatewayClient.pause(Duration.ofMillis(200));
        }
    }

    /**
     * Before the clock goes back to real time, what the last day did must have reached the projections, so that
     * nothing of it is stamped with today: waits until each of its journeys holds its last assessment, then a moment
     * more for the catalogue, which reads the same topic.
     */
    private void awaitJourneys(List<Step> steps, List<String> lastAssessments) {
        for (int i = 0; i < steps.size(); i++) {
            String token = tokens.participant(steps.get(i).participant().subject());
            GatewayClient me = new GatewayClient(http, gatewayUrl, () -> token);
            String assessmentId = lastAssessments.get(i);
            long deadline = System.nanoTime() + EVENTUALLY.toNanos();
            while (true) {
                GatewayClient.Answer journey = me.get("/api/journeys/me");
                if (journey.ok() && journey.raw().contains(assessmentId)) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new GatewayClient.Refused("GET /api/journeys/me (waiting for " + assessmentId + ")", journey);
                }
                GatewayClient.pause(Duration.ofMillis(200));
            }
        }
        GatewayClient.pause(Duration.ofSeconds(2));
    }

    private static List<String> runAll(ExecutorService pool, List<Callable<String>> tasks) {
        List<Future<String>> futures = new ArrayList<>();
        for (Callable<String> task : tasks) {
            futures.add(pool.submit(task));
        }
        List<String> results = new ArrayList<>();
        try {
            for (Future<String> future : futures) {
                results.add(future.get());
            }
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while seeding", e);
        }
        return results;
    }

    private void report(YearMonth month, long began) {
        progress.accept("%s done: %d enrolled, %d assessments, %d goals, %d goal ratings so far (%d s)".formatted(
                month, enrolled.get(), assessments.get(), goals.get(), ratings.get(), elapsed(began).toSeconds()));
    }

    private static Duration elapsed(long began) {
        return Duration.ofNanos(System.nanoTime() - began);
    }
}
