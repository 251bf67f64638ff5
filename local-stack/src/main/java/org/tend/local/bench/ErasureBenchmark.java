package org.tend.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.tend.local.LocalStack;
import org.tend.local.bench.BenchClient.Response;
import org.tend.local.TendService;

/**
 * How long an erasure takes to reach every store (issue 10), on the whole local stack: N participants (default 5)
 * each build up at least 100 stored events (enrolment, a goal, then PHQ-9s and goal ratings, each assessment also
 * giving recommendations and an outcome in the other services), all stored before the first is erased; then each is
 * erased in turn through the gateway and the report is read until every store has confirmed. Prints, per erasure and
 * as median and max, the time from the erasure to the last store's confirmation (the report's own times) and to the
 * moment the complete report was read, and per store the median time to its confirmation. A benchmark, not a test:
 * {@code ./benchmark.sh erasure [participants=5] [events=100]}.
 */
public final class ErasureBenchmark {

    private ErasureBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int participants = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int eventsEach = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        Path data = Files.createTempDirectory("tend-bench-erasure");
        try (LocalStack stack = LocalStack.builder().dataDir(data).mongoBackend(LocalStack.MongoBackend.MEMORY)
                .freePorts().build();
             MongoClient mongo = MongoClients.create(stackMongo(stack))) {
            String gateway = stack.gatewayUrl();
            String admin = stack.issuer().mintFor("adam");
            String code = BenchClient.newProgramme(gateway, admin, "Erasure benchmark");

            List<String> tokens = new ArrayList<>();
            List<String> pseudonyms = new ArrayList<>();
            List<Long> stored = new ArrayList<>();
            for (int i = 0; i < participants; i++) {
                String token = stack.issuer().mint("bench|erase-" + i, List.of("participant"), Duration.ofHours(2));
                send(gateway, token, "POST", "/api/enrolments", Map.of("enrolmentCode", code, "consent", true,
                        "department", "benchmark")).expectOk();
                String pseudonym = send(gateway, token, "GET", "/api/enrolments/me", null).body()
                        .get("participantId").asText();
                String goalId = null;
                long events = 0;
                for (int round = 0; events < eventsEach; round++) {
                    Map<String, Integer> answers = new LinkedHashMap<>();
                    for (int item = 1; item <= 9; item++) {
                        answers.put("phq9-" + item, (round + item) % 3);
                    }
                    answers.put("phq9-9", 0);
                    // Up to 15 assessments (a participant may start 20 in 24 hours), then goal ratings.
                    if (round < 15) {
                        send(gateway, token, "POST", "/api/assessments", Map.of("instrumentId", "phq-9", "answers",
                                answers, "submit", true)).expectOk();
                    }
                    if (goalId == null) {
                        String intervention = await(() -> send(gateway, token, "GET", "/api/recommendations/me",
                                null), Response::ok).body().get("recommendations").get(0).get("interventionId")
                                .asText();
                        goalId = await(() -> send(gateway, token, "POST", "/api/goals", Map.of("interventionId",
                                intervention, "description", "Sleep before midnight")), Response::ok).body()
                                .get("goalId").asText();
                    }
                    send(gateway, token, "POST", "/api/goals/" + goalId + "/ratings", Map.of("rating",
                            round % 11)).expectOk();
                    if (round % 5 == 4) {
                        events = storedEvents(mongo, stack, pseudonym);
                    }
                }
                events = storedEvents(mongo, stack, pseudonym);
                tokens.add(token);
                pseudonyms.add(pseudonym);
                stored.add(events);
                System.out.printf(Locale.ROOT, "participant %d: %d stored events%n", i, events);
            }

            List<Long> toComplete = new ArrayList<>();
            List<Long> observed = new ArrayList<>();
            Map<String, List<Long>> byStore = new TreeMap<>();
            for (int i = 0; i < participants; i++) {
                String token = tokens.get(i);
                long requested = System.nanoTime();
                String erasureId = send(gateway, token, "POST", "/api/me/erasure", Map.of("confirm", true))
                        .expectOk().body().get("erasureId").asText();
                JsonNode report = await(() -> send(gateway, token, "GET", "/api/erasures/" + erasureId,
                        null), r -> r.ok() && r.body().get("complete").asBoolean()).body();
                long seen = System.nanoTime() - requested;
                Instant erasedAt = Instant.parse(report.get("erasedAt").asText());
                long complete = Duration.between(erasedAt, Instant.parse(report.get("completedAt").asText()))
                        .toMillis();
                for (JsonNode store : report.get("stores")) {
                    byStore.computeIfAbsent(store.get("store").asText(), s -> new ArrayList<>()).add(Duration
                            .between(erasedAt, Instant.parse(store.get("confirmedAt").asText())).toMillis());
                }
                toComplete.add(complete);
                observed.add(seen / 1_000_000);
                System.out.printf(Locale.ROOT, "erasure %d (%d events): every store confirmed %d ms after the "
                        + "erasure; complete report read %d ms after the request%n", i, stored.get(i), complete,
                        seen / 1_000_000);
            }
            System.out.printf(Locale.ROOT, "erasure.stores=%d%n", byStore.size());
            System.out.printf(Locale.ROOT, "erasure.every-store-confirmed.ms median=%d max=%d (%d erasures of >= %d"
                    + " events each, %d participants' data stored)%n", median(toComplete), max(toComplete),
                    participants, eventsEach, participants);
            System.out.printf(Locale.ROOT, "erasure.report-complete-as-read.ms median=%d max=%d%n", median(observed),
                    max(observed));
            byStore.forEach((store, times) -> System.out.printf(Locale.ROOT,
                    "erasure.confirmed.%s.ms median=%d max=%d%n", store, median(times), max(times)));
        }
    }

    private static String stackMongo(LocalStack stack) throws Exception {
        stack.start();
        return stack.mongoConnectionString();
    }

    /** Events in the three event stores that are about the participant (their id in the event or as its aggregate). */
    private static long storedEvents(MongoClient mongo, LocalStack stack, String pseudonym) {
        long events = 0;
        for (TendService service : List.of(TendService.ASSESSMENT, TendService.GOAL, TendService.CATALOGUE)) {
            events += mongo.getDatabase(service.databaseName()).getCollection("domainevents").countDocuments(
                    Filters.or(Filters.eq("aggregateIdentifier", pseudonym),
                            Filters.regex("serializedPayload", Pattern.quote(pseudonym))));
        }
        return events;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static long max(List<Long> values) {
        return Collections.max(values);
    }

    @FunctionalInterface
    private interface Call {
        Response send() throws Exception;
    }

    private static Response await(Call call, java.util.function.Predicate<Response> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Response last = null;
        while (System.nanoTime() < deadline) {
            last = call.send();
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("not done within 60 s: " + (last == null ? "" : last.raw()));
    }

    private static Response send(String gateway, String token, String method, String path, Object body)
            throws Exception {
        return BenchClient.send(gateway, token, method, path, body);
    }
}
