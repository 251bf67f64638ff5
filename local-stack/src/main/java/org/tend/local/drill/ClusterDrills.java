package org.tend.local.drill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.bson.Document;
import org.tend.contracts.EventTypes;
import org.tend.local.KafkaBroker;
import org.tend.local.LocalStack;
import org.tend.local.ServiceProcess;
import org.tend.local.TendService;
import org.tend.local.TopicAccess;
import org.tend.local.TopicRecords;

/**
 * Fault drills against a running cluster ({@link LocalStack.Builder#cluster()}): under steady load through the
 * gateway (participants completing PHQ-9s, others reading their journeys), one fault at a time, then a check that
 * nothing was lost or applied twice.
 *
 * <ol>
 *   <li>{@link #brokerKilled()}: {@code kill -9} one Kafka broker; its supervisor starts it again on the same ports
 *       and storage.</li>
 *   <li>{@link #instancesKilled()}: {@code kill -9} one instance of every service at once, then start them again.</li>
 *   <li>{@link #rollingRestart()}: every instance of every service stopped and started again, one instance of each
 *       service at a time.</li>
 *   <li>{@link #rebuildWhileAnInstanceDies()}: a progress rebuild started on one instance, which is killed while the
 *       rebuild runs and traffic flows; then a rebuild through the other instance runs to its end.</li>
 * </ol>
 *
 * <p>After each drill, over every command the gateway accepted so far (a 2xx answer): the completed assessment is in
 * assessment-service's event store once, its record is on {@code tend.assessment.events} (a record sent twice after
 * a retried send keeps its CloudEvents id and is counted, not failed: consumers keep one), the participant's journey
 * (progress, through the gateway) holds it exactly once, catalogue-service recorded its outcome once, and the insights
 * projection holds its record; no record went to any dead-letter topic. The writers act as a careful client does: a
 * POST carries an {@code Idempotency-Key}, and a 5xx or a broken connection is retried with the same key; a write
 * that still failed told its caller so (its 5xx is counted). Reads are counted too: the gateway retries them once on
 * another instance, what still fails reaches the caller.
 *
 * <p>The figure for takeover: a probe completes an assessment every half second for one of several participants (so
 * its records fall on every partition) and waits until the journey shows it; the longest wait during a drill is how
 * long the slowest partition went unread.
 */
public final class ClusterDrills implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern UUID_PATTERN =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final String COMPLETED_TYPE = "tend.assessment.assessment-completed.v1";
    /**
     * Assessments per participant: a participant may start 20 in 24 hours (the platform's daily limit), so the drills
     * enrol new participants as they go.
     */
    static final int USES = 15;

    /** One participant of the drills. */
    record Participant(String subject, String token, String participantId) {
    }

    /** One accepted command: a completed assessment. */
    record Accepted(String assessmentId, Participant participant) {
    }

    /** What one drill did and what the check found. */
    public record Result(String drill, int accepted, int writeErrors, int writesFailed, int reads, int readErrors,
                         long faultMillis, long longestVisibilityMillis, int checked, int missingInStore,
                         int twiceInStore, int missingOnTopic, int resentOnTopic, int missingInJourney,
                         int twiceInJourney, int missingInCatalogue, int twiceInCatalogue, int missingInInsights,
                         int deadLettered, String note) {

        /** Whether the check found nothing lost, nothing applied twice and nothing dead-lettered. */
        public boolean clean() {
            return missingInStore == 0 && twiceInStore == 0 && missingOnTopic == 0 && missingInJourney == 0
                    && twiceInJourney == 0 && missingInCatalogue == 0 && twiceInCatalogue == 0
                    && missingInInsights == 0 && deadLettered == 0;
        }

        /** A row of the README's table. */
        public String row() {
            return String.format(Locale.ROOT, "| %s | %d | %d / %d | %d / %d | %.1f s | %.1f s | %d: %s |", drill,
                    accepted, writeErrors, writesFailed, readErrors, reads, faultMillis / 1000.0,
                    longestVisibilityMillis / 1000.0, checked, clean() ? "none lost, none twice, no dead letters"
                            : problems());
        }

        public String problems() {
            return String.format(Locale.ROOT, "store missing %d twice %d, topic missing %d, journey missing %d "
                            + "twice %d, catalogue missing %d twice %d, insights missing %d, dead letters %d",
                    missingInStore, twiceInStore, missingOnTopic, missingInJourney, twiceInJourney,
                    missingInCatalogue, twiceInCatalogue, missingInInsights, deadLettered);
        }

        /** The table's header. */
        public static String header() {
            return "| drill | commands accepted | 5xx to writers / writes failed in the end | 5xx to reads / reads "
                    + "| fault lasted | longest wait for a journey | checked: found |\n|---|---|---|---|---|---|---|";
        }
    }

    private final LocalStack stack;
    private final String gateway;
    private final Consumer<String> log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Participants in the order they were enrolled; each completes at most {@link #USES} assessments. */
    private final List<Participant> participants = new ArrayList<>();
    private final Map<Participant, AtomicInteger> uses = new ConcurrentHashMap<>();
    private int nextParticipant;
    private String enrolmentCode;
    private final Map<String, Accepted> accepted = new ConcurrentHashMap<>();
    /**
     * Writes whose caller was told, in the end, that they failed (every retry answered 5xx or broke off): each may
     * still have been done, so each allows one completed assessment nobody was given the id of. Any more is a write
     * done twice (a retry with the same key that created a second assessment).
     */
    private final AtomicInteger failedInTheEnd = new AtomicInteger();
    private final MongoClient mongo;
    private final int writers;
    private final Duration pause;
    private final Map<String, Long> deadLettersBefore = new HashMap<>();
    private String adminToken;

    /**
     * @param writers how many participants write at once
     * @param pause   each writer's pause between two assessments
     */
    public ClusterDrills(LocalStack stack, int writers, Duration pause, Consumer<String> log) {
        if (!stack.isCluster() || TendService.backends().stream().anyMatch(s -> stack.instances(s).size() < 2)) {
            throw new IllegalArgumentException("the drills need a cluster: three brokers and at least two instances of "
                    + "every service (LocalStack.Builder#cluster)");
        }
        this.stack = stack;
        this.gateway = stack.gatewayUrl();
        this.writers = writers;
        this.pause = pause;
        this.log = log;
        this.mongo = MongoClients.create(stack.mongoConnectionString());
    }

    /** A programme and its participants (enrolled, consenting), and the dead-letter topics' sizes before any drill. */
    public void prepare(int participantCount) throws Exception {
        adminToken = stack.issuer().mintFor("adam");
        JsonNode programme = send(adminToken, "POST", "/api/programmes", Map.of("organisationId", "drill",
                "name", "Drill programme", "minimumGroupSize", 5, "departments", List.of("ops")), null).expectOk();
        enrolmentCode = programme.get("enrolmentCode").asText();
        for (int i = 0; i < participantCount; i++) {
            enrol();
        }
        for (String topic : deadLetterTopics()) {
            deadLettersBefore.put(topic, (long) records(topic).size());
        }
        log.accept("drills: " + participants.size() + " participants enrolled (more join as the drills go)");
    }

    private Participant enrol() throws IOException {
        String subject = "drill|p" + participants.size();
        String token = stack.issuer().mint(subject, List.of("participant"), Duration.ofHours(3));
        Answer enrolment = null;
        for (int attempt = 0; attempt < 10; attempt++) {
            enrolment = send(token, "POST", "/api/enrolments", Map.of("enrolmentCode", enrolmentCode,
                    "consent", true, "department", "ops"), UUID.randomUUID().toString());
            if (enrolment.status() / 100 == 2) {
                break;
            }
            sleep(1_000);
        }
        Participant participant = new Participant(subject, token, enrolment.expectOk().get("participantId").asText());
        participants.add(participant);
        uses.put(participant, new AtomicInteger());
        return participant;
    }

    /** The next participant in turn (so that records fall on every partition), enrolling one when all are used. */
    private synchronized Participant next() throws IOException {
        for (int tried = 0; tried < participants.size(); tried++) {
            Participant p = participants.get(nextParticipant++ % participants.size());
            if (uses.get(p).incrementAndGet() <= USES) {
                return p;
            }
        }
        Participant fresh = enrol();
        uses.get(fresh).incrementAndGet();
        return fresh;
    }

    /** Drill 1: one broker killed with SIGKILL; the launcher's supervisor starts it again. */
    public Result brokerKilled() throws Exception {
        return drill("1. kill -9 one Kafka broker (node 2), supervisor restarts it", () -> {
            KafkaBroker node = stack.kafka().node(2);
            int restartsBefore = stack.kafka().restarts();
            node.kill();
            await(Duration.ofSeconds(180), () -> stack.kafka().restarts() > restartsBefore,
                    "the supervisor did not restart broker 2");
            return "broker 2 back on " + node.bootstrapServers() + " after " + node.lastStartTime().toMillis() + " ms";
        });
    }

    /** Drill 2: one instance of every service killed with SIGKILL at once, then started again. */
    public Result instancesKilled() throws Exception {
        return drill("2. kill -9 one instance of every service, restart each", () -> {
            List<ServiceProcess> victims = TendService.backends().stream().map(s -> stack.instances(s).get(0))
                    .toList();
            victims.forEach(ServiceProcess::kill);
            Thread.sleep(5_000);
            startAll(victims);
            return "killed and restarted " + victims.stream().map(ServiceProcess::name).toList();
        });
    }

    /** Drill 3: every instance stopped and started again, one instance of each service at a time. */
    public Result rollingRestart() throws Exception {
        return drill("3. rolling restart of every service", () -> {
            int instances = TendService.backends().stream().mapToInt(s -> stack.instances(s).size()).max().orElse(0);
            for (int index = 0; index < instances; index++) {
                int i = index;
                List<ServiceProcess> round = TendService.backends().stream()
                        .filter(s -> stack.instances(s).size() > i).map(s -> stack.instances(s).get(i)).toList();
                // Stopped together (each waits for its graceful shutdown), started two at a time.
                round.parallelStream().forEach(ServiceProcess::stop);
                startAll(round);
            }
            return "restarted every instance of " + TendService.backends().size() + " services, one of each at a time";
        });
    }

    /** Drill 4: a progress rebuild whose instance dies while it runs; then a rebuild runs to its end. */
    public Result rebuildWhileAnInstanceDies() throws Exception {
        return drill("4. progress rebuild under traffic, its instance killed", () -> {
            ServiceProcess first = stack.instances(TendService.PROGRESS).get(0);
            ServiceProcess second = stack.instances(TendService.PROGRESS).get(1);
            JsonNode started = direct(first, "POST", "/api/admin/progress/rebuilds").expectOk();
            String rebuildId = started.path("rebuildId").asText();
            Thread.sleep(1_500);
            first.kill();
            first.start(Duration.ofMinutes(3));
            // The dead instance's rebuild is abandoned (its lease runs out); then one through the other instance.
            JsonNode again = null;
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (again == null && System.nanoTime() < deadline) {
                Answer answer = directAnswer(second, "POST", "/api/admin/progress/rebuilds");
                if (answer.status() / 100 == 2) {
                    again = answer.body();
                } else if (answer.status() == 409) {
                    Thread.sleep(1_000);
                } else {
                    throw new IllegalStateException("rebuild refused: " + answer.status() + " " + answer.raw());
                }
            }
            if (again == null) {
                throw new IllegalStateException("the killed instance's rebuild " + rebuildId + " still blocks");
            }
            String secondId = again.path("rebuildId").asText();
            await(Duration.ofMinutes(5), () -> {
                JsonNode status = directAnswer(second, "GET", "/api/admin/progress/rebuilds/" + secondId).body();
                String state = status == null ? "" : status.path("state").asText();
                if ("FAILED".equals(state)) {
                    throw new IllegalStateException("rebuild " + secondId + " failed: " + status);
                }
                return "CAUGHT_UP".equals(state);
            }, "the second rebuild did not finish");
            JsonNode firstStatus = directAnswer(second, "GET", "/api/admin/progress/rebuilds/" + rebuildId).body();
            return "rebuild " + rebuildId + " on the killed instance ended " + (firstStatus == null ? "?"
                    : firstStatus.path("state").asText()) + "; rebuild " + secondId + " caught up";
        });
    }

    interface Fault {
        String run() throws Exception;
    }

    private Result drill(String name, Fault fault) throws Exception {
        log.accept("drill: " + name);
        Phase phase = new Phase();
        ExecutorService pool = Executors.newFixedThreadPool(writers + 2, daemon());
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            running.add(pool.submit(() -> write(phase)));
        }
        running.add(pool.submit(() -> read(phase)));
        running.add(pool.submit(() -> probe(phase)));
        String note;
        long faultNanos;
        try {
            Thread.sleep(5_000);
            long began = System.nanoTime();
            note = fault.run();
            faultNanos = System.nanoTime() - began;
            Thread.sleep(5_000);
        } finally {
            phase.stop.set(true);
            for (Future<?> future : running) {
                try {
                    future.get();
                } catch (Exception e) {
                    phase.failure.compareAndSet(null, e);
                }
            }
            pool.shutdownNow();
        }
        if (phase.failure.get() != null) {
            throw new IllegalStateException("the load failed during " + name, phase.failure.get());
        }
        Result result = check(name, phase, Duration.ofNanos(faultNanos).toMillis(), note);
        log.accept(result.row() + "  (" + note + ")");
        return result;
    }

    /** What happened while one drill ran. */
    private static final class Phase {
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicInteger accepted = new AtomicInteger();
        final AtomicInteger writeErrors = new AtomicInteger();
        final AtomicInteger writesFailed = new AtomicInteger();
        final AtomicInteger reads = new AtomicInteger();
        final AtomicInteger readErrors = new AtomicInteger();
        final AtomicLong longestVisibility = new AtomicLong();
        final java.util.concurrent.atomic.AtomicReference<Exception> failure =
                new java.util.concurrent.atomic.AtomicReference<>();
    }

    private void write(Phase phase) {
        while (!phase.stop.get()) {
            try {
                complete(next(), phase);
            } catch (IOException e) {
                phase.writeErrors.incrementAndGet();
            }
            sleep(pause.toMillis());
        }
    }

    /** One assessment, retried with the same key as a client would; its id when the gateway accepted it. */
    private String complete(Participant p, Phase phase) {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("instrumentId", "phq-9", "answers", phq9(), "submit", true);
        for (int attempt = 0; attempt < 8; attempt++) {
            Answer answer;
            try {
                answer = sendAnswer(p.token(), "POST", "/api/assessments", body, key);
            } catch (IOException e) {
                phase.writeErrors.incrementAndGet();
                sleep(500);
                continue;
            }
            if (answer.status() / 100 == 2) {
                String id = answer.body().get("assessmentId").asText();
                accepted.put(id, new Accepted(id, p));
                phase.accepted.incrementAndGet();
                return id;
            }
            if (answer.status() >= 500 || answer.status() == 409 || answer.status() == 429) {
                // 5xx: the caller is told it failed; 409: the same key still in flight; 429: slow down.
                if (answer.status() >= 500) {
                    phase.writeErrors.incrementAndGet();
                }
                sleep(500);
                continue;
            }
            phase.failure.compareAndSet(null, new IllegalStateException("write refused: " + answer.status() + " "
                    + answer.raw()));
            return null;
        }
        phase.writesFailed.incrementAndGet();
        failedInTheEnd.incrementAndGet();
        return null;
    }

    private void read(Phase phase) {
        while (!phase.stop.get()) {
            Participant p;
            synchronized (this) {
                p = participants.get(ThreadLocalRandom.current().nextInt(participants.size()));
            }
            phase.reads.incrementAndGet();
            try {
                if (sendAnswer(p.token(), "GET", "/api/journeys/me", null, null).status() >= 500) {
                    phase.readErrors.incrementAndGet();
                }
            } catch (IOException e) {
                phase.readErrors.incrementAndGet();
            }
            sleep(100);
        }
    }

    private void probe(Phase phase) {
        while (!phase.stop.get()) {
            Participant p;
            try {
                p = next();
            } catch (IOException e) {
                continue;
            }
            String id = complete(p, phase);
            if (id == null) {
                continue;
            }
            long accepted = System.nanoTime();
            while (System.nanoTime() - accepted < Duration.ofSeconds(60).toNanos()) {
                if (journeyIds(p).contains(id)) {
                    phase.longestVisibility.accumulateAndGet(
                            Duration.ofNanos(System.nanoTime() - accepted).toMillis(), Math::max);
                    break;
                }
                sleep(100);
            }
            sleep(500);
        }
    }

    private List<String> journeyIds(Participant p) {
        try {
            Answer answer = sendAnswer(p.token(), "GET", "/api/journeys/me", null, null);
            if (answer.status() != 200) {
                return List.of();
            }
            List<String> ids = new ArrayList<>();
            for (JsonNode history : answer.body().path("assessments")) {
                for (JsonNode result : history.path("results")) {
                    ids.add(result.path("assessmentId").asText());
                }
            }
            return ids;
        } catch (IOException e) {
            return List.of();
        }
    }

    private Result check(String name, Phase phase, long faultMillis, String note) throws Exception {
        List<Accepted> all = new ArrayList<>(accepted.values());
        Map<Participant, List<String>> byParticipant = new HashMap<>();
        all.forEach(a -> byParticipant.computeIfAbsent(a.participant(), x -> new ArrayList<>()).add(a.assessmentId()));
        // Every journey shows every accepted assessment (or the check gives up after two minutes and counts).
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        Map<Participant, List<String>> journeys = new HashMap<>();
        for (Map.Entry<Participant, List<String>> entry : byParticipant.entrySet()) {
            List<String> seen = journeyIds(entry.getKey());
            while (!seen.containsAll(entry.getValue()) && System.nanoTime() < deadline) {
                sleep(500);
                seen = journeyIds(entry.getKey());
            }
            journeys.put(entry.getKey(), seen);
        }
        int missingInJourney = 0;
        int twiceInJourney = 0;
        int extraInJourneys = 0;
        for (Map.Entry<Participant, List<String>> entry : byParticipant.entrySet()) {
            List<String> seen = journeys.get(entry.getKey());
            for (String id : entry.getValue()) {
                long times = seen.stream().filter(id::equals).count();
                missingInJourney += times == 0 ? 1 : 0;
                twiceInJourney += times > 1 ? 1 : 0;
            }
            // The drills' participants are theirs alone: anything else in a journey is an assessment no caller got.
            extraInJourneys += (int) seen.stream().filter(id -> !entry.getValue().contains(id)).count();
        }
        twiceInJourney += Math.max(0, extraInJourneys - failedInTheEnd.get());

        // The stores and the other projections are eventually consistent too: counted again until nothing is
        // missing, for at most a minute.
        Stores stores = stores(all);
        long storesDeadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (stores.missing() > 0 && System.nanoTime() < storesDeadline) {
            sleep(2_000);
            stores = stores(all);
        }
        int missingInStore = stores.missingInStore();
        int twiceInStore = stores.twiceInStore();
        int missingOnTopic = stores.missingOnTopic();
        int resentOnTopic = stores.resentOnTopic();
        int missingInCatalogue = stores.missingInCatalogue();
        int twiceInCatalogue = stores.twiceInCatalogue();
        int missingInInsights = stores.missingInInsights();

        int deadLettered = 0;
        for (String topic : deadLetterTopics()) {
            deadLettered += (int) (records(topic).size() - deadLettersBefore.getOrDefault(topic, 0L));
        }
        return new Result(name, phase.accepted.get(), phase.writeErrors.get(), phase.writesFailed.get(),
                phase.reads.get(), phase.readErrors.get(), faultMillis, phase.longestVisibility.get(), all.size(),
                missingInStore, twiceInStore, missingOnTopic, resentOnTopic, missingInJourney, twiceInJourney,
                missingInCatalogue, twiceInCatalogue, missingInInsights, deadLettered, note);
    }

    /** What the stores, the topic and the projections other than the journeys hold of the accepted commands. */
    record Stores(int missingInStore, int twiceInStore, int missingOnTopic, int resentOnTopic,
                  int missingInCatalogue, int twiceInCatalogue, int missingInInsights) {
        int missing() {
            return missingInStore + missingOnTopic + missingInCatalogue + missingInInsights;
        }
    }

    private Stores stores(List<Accepted> all) {
        // assessment-service's event store: each completed assessment once; its event ids name the records. Every
        // completed assessment there is the drills' own: one that no caller was given (beyond the writes that failed
        // in the end) is a write done twice.
        MongoDatabase assessment = mongo.getDatabase(TendService.ASSESSMENT.databaseName());
        Map<String, Integer> storeCounts = new HashMap<>();
        Map<String, String> eventIds = new HashMap<>();
        for (Document event : assessment.getCollection("domainevents")
                .find(Filters.regex("payloadType", "AssessmentCompleted$"))
                .projection(Projections.include("aggregateIdentifier", "eventIdentifier"))) {
            String id = event.getString("aggregateIdentifier");
            storeCounts.merge(id, 1, Integer::sum);
            eventIds.put(id, event.getString("eventIdentifier"));
        }
        int missingInStore = 0;
        int twiceInStore = 0;
        Set<String> acceptedIds = new HashSet<>();
        for (Accepted a : all) {
            acceptedIds.add(a.assessmentId());
            int count = storeCounts.getOrDefault(a.assessmentId(), 0);
            missingInStore += count == 0 ? 1 : 0;
            twiceInStore += count > 1 ? 1 : 0;
        }
        long unacknowledged = storeCounts.keySet().stream().filter(id -> !acceptedIds.contains(id)).count();
        twiceInStore += (int) Math.max(0, unacknowledged - failedInTheEnd.get());

        // The topic: each completed assessment's record (by its CloudEvents id, the stored event's id).
        Map<String, Integer> onTopic = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records(EventTypes.ASSESSMENT_TOPIC)) {
            if (COMPLETED_TYPE.equals(header(record, "ce_type"))) {
                onTopic.merge(header(record, "ce_id"), 1, Integer::sum);
            }
        }
        int missingOnTopic = 0;
        int resentOnTopic = 0;
        for (Accepted a : all) {
            int count = onTopic.getOrDefault(eventIds.get(a.assessmentId()), 0);
            missingOnTopic += count == 0 ? 1 : 0;
            resentOnTopic += count > 1 ? 1 : 0;
        }

        // catalogue-service: the outcome of each completed assessment recorded once in its event store.
        Map<String, Integer> catalogueCounts = new HashMap<>();
        for (Document event : mongo.getDatabase(TendService.CATALOGUE.databaseName()).getCollection("domainevents")
                .find(Filters.regex("payloadType", "AssessmentOutcomeRecorded$"))) {
            String payload = String.valueOf(event.get("serializedPayload"));
            for (String id : idsIn(payload, storeCounts.keySet())) {
                catalogueCounts.merge(id, 1, Integer::sum);
            }
        }
        int missingInCatalogue = 0;
        int twiceInCatalogue = 0;
        for (Accepted a : all) {
            int count = catalogueCounts.getOrDefault(a.assessmentId(), 0);
            missingInCatalogue += count == 0 ? 1 : 0;
            twiceInCatalogue += count > 1 ? 1 : 0;
        }
        long unacknowledgedInCatalogue = catalogueCounts.keySet().stream().filter(id -> !acceptedIds.contains(id))
                .count();
        twiceInCatalogue += (int) Math.max(0, unacknowledgedInCatalogue - failedInTheEnd.get());

        // insights: the served generation holds each record under its event id (idempotent by its key).
        MongoDatabase insights = mongo.getDatabase(TendService.INSIGHTS.databaseName());
        Document state = insights.getCollection("projection_state").find(Filters.eq("_id", "projection")).first();
        int generation = state == null ? 1 : state.getInteger("active", 1);
        Set<String> inInsights = new HashSet<>();
        for (Document participant : insights.getCollection("participants_g" + generation).find()) {
            Object events = participant.get("events");
            if (events instanceof Document map) {
                inInsights.addAll(map.keySet());
            }
        }
        int missingInInsights = 0;
        for (Accepted a : all) {
            String eventId = eventIds.get(a.assessmentId());
            missingInInsights += eventId == null || !inInsights.contains(eventId) ? 1 : 0;
        }
        return new Stores(missingInStore, twiceInStore, missingOnTopic, resentOnTopic, missingInCatalogue,
                twiceInCatalogue, missingInInsights);
    }

    private static List<String> idsIn(String payload, Set<String> ids) {
        List<String> found = new ArrayList<>();
        java.util.regex.Matcher m = UUID_PATTERN.matcher(payload);
        while (m.find()) {
            if (ids.contains(m.group())) {
                found.add(m.group());
            }
        }
        return found;
    }

    private List<String> deadLetterTopics() {
        return TendService.backends().stream().map(s -> EventTypes.deadLettersTopicOf(s.context())).toList();
    }

    private List<ConsumerRecord<String, byte[]>> records(String topic) {
        return TopicRecords.readAll(stack.kafkaLogin(TopicAccess.ADMIN), topic, Duration.ofSeconds(60));
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private void startAll(List<ServiceProcess> processes) throws Exception {
        // Two at a time, as the stack starts them (one per core).
        ExecutorService starting = Executors.newFixedThreadPool(2, daemon());
        try {
            List<Future<?>> started = new ArrayList<>();
            for (ServiceProcess process : processes) {
                started.add(starting.submit(() -> process.start(Duration.ofMinutes(3))));
            }
            for (Future<?> future : started) {
                future.get();
            }
        } finally {
            starting.shutdownNow();
        }
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    private static void await(Duration timeout, Condition condition, String otherwise) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(otherwise + " within " + timeout);
            }
            Thread.sleep(500);
        }
    }

    private static Map<String, Object> phq9() {
        Map<String, Object> answers = new LinkedHashMap<>();
        for (int item = 1; item <= 9; item++) {
            answers.put("phq9-" + item, item == 9 ? 0 : ThreadLocalRandom.current().nextInt(3));
        }
        return answers;
    }

    /** An answer: its status, its JSON body (null unless JSON) and its text. */
    record Answer(int status, JsonNode body, String raw) {
        JsonNode expectOk() {
            if (status / 100 != 2) {
                throw new IllegalStateException("refused: " + status + " " + raw);
            }
            return body;
        }
    }

    private Answer send(String token, String method, String path, Object body, String key) throws IOException {
        return sendAnswer(token, method, path, body, key);
    }

    private Answer sendAnswer(String token, String method, String path, Object body, String key) throws IOException {
        return call(gateway, token, method, path, body, key);
    }

    private Answer direct(ServiceProcess instance, String method, String path) throws IOException {
        return call(instance.baseUrl(), adminToken, method, path, null, null);
    }

    private Answer directAnswer(ServiceProcess instance, String method, String path) throws IOException {
        return call(instance.baseUrl(), adminToken, method, path, null, null);
    }

    private Answer call(String base, String token, String method, String path, Object body, String key)
            throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + token);
        if (key != null) {
            request.header("Idempotency-Key", "\"" + key + "\"");
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            String text = response.body();
            if (text != null && !text.isBlank() && (text.startsWith("{") || text.startsWith("["))) {
                json = JSON.readTree(text);
            }
            return new Answer(response.statusCode(), json, text);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon() {
        AtomicInteger n = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "tend-drill-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() {
        mongo.close();
    }

    /**
     * Runs the four drills on a new cluster (in-memory store, free ports) and prints the README's table; exits 1 when
     * a drill found something lost, applied twice or dead-lettered. Usage: {@code [participants=24] [writers=3]}.
     */
    public static void main(String[] args) throws Exception {
        int participantCount = args.length > 0 ? Integer.parseInt(args[0]) : 24;
        int writerCount = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path data = Files.createTempDirectory("tend-drills");
        List<Result> results = new ArrayList<>();
        try (LocalStack stack = LocalStack.builder().dataDir(data).mongoBackend(LocalStack.MongoBackend.MEMORY)
                .freePorts().cluster().serviceStartTimeout(Duration.ofMinutes(4))
                .onProgress(line -> System.out.println("[cluster] " + line)).build()) {
            stack.start();
            try (ClusterDrills drills = new ClusterDrills(stack, writerCount, Duration.ofMillis(250),
                    line -> System.out.println("[drill] " + line))) {
                drills.prepare(participantCount);
                results.add(drills.brokerKilled());
                results.add(drills.instancesKilled());
                results.add(drills.rollingRestart());
                results.add(drills.rebuildWhileAnInstanceDies());
            }
        }
        System.out.println();
        System.out.println(Result.header());
        results.forEach(r -> System.out.println(r.row()));
        writeTable(results, Path.of("target", "cluster-drills.md"));
        System.exit(results.stream().allMatch(Result::clean) ? 0 : 1);
    }

    /** Writes the results as the README's table into {@code file} (for the record of a run). */
    public static void writeTable(List<Result> results, Path file) throws IOException {
        StringBuilder table = new StringBuilder(Result.header()).append('\n');
        results.forEach(r -> table.append(r.row()).append('\n'));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, table.toString());
    }
}
