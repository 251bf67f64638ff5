package org.tend.local.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.tend.contracts.EventTypes;
import org.tend.contracts.OrganisationIds;

/**
 * The synthetic programme of the insights benchmark, as the CloudEvents records the services would have published:
 * one {@code programme-created} (organisation {@code acme}), the catalogue's {@code intervention-published}, and per
 * participant an enrolment in one of seven departments, PHQ-9, GAD-7 and WHO-5 at entry and at re-assessments about
 * every three months (realistic bands: most people minimal or mild at entry, a share of cases, most improving, some
 * worsening, people dropping out), the recommendations the catalogue issues after the entry PHQ-9, and goals set
 * (on a recommended intervention, mostly) and rated at each re-assessment.
 *
 * <p>Not seeded: {@code tend.progress.outcome-assessed.v1}. progress-service computes and publishes it for every
 * assessment it applies (the one implementation of the outcome formulas, with a deterministic id); a copy made
 * here would be a second implementation and every outcome record would reach insights twice.
 *
 * <p>Every record carries its type's topic, {@code ce_source} ({@link EventTypes#sourceOf}) and dataschema, and data
 * that its published JSON Schema accepts, so that the consumers' typed inbound edge keeps it. Deterministic: the same
 * seed, size and month give the same records.
 */
final class InsightsSeed {

    static final String ORGANISATION = "acme";
    static final String[] DEPARTMENTS =
            {"engineering", "operations", "sales", "customer-support", "finance", "people", "legal"};
    private static final double[] DEPARTMENT_WEIGHTS = {0.30, 0.22, 0.16, 0.14, 0.09, 0.06, 0.03};
    static final String[] INTERVENTIONS = {"cbt", "behavioural-activation", "mbct", "act", "problem-solving-therapy",
            "psychoeducation", "physical-activity", "peer-support", "counselling", "relaxation", "cbt-i", "journaling"};
    private static final String[] APPROACHES = {"cognitive-behavioural", "behavioural", "mindfulness-based",
            "acceptance-based", "problem-solving", "education", "lifestyle", "peer", "counselling", "relaxation",
            "cognitive-behavioural", "self-help"};
    private static final Duration REASSESSMENT = Duration.ofDays(91);
    private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

    private final ObjectMapper json = new ObjectMapper();
    private final int participants;
    private final YearMonth firstMonth;
    private final Instant end;
    private final long seed;
    final String programmeId;
    final String organisationId = OrganisationIds.published(ORGANISATION);

    /** Counts by type of what {@link #produce} emitted. */
    final Map<String, Long> emitted = new LinkedHashMap<>();

    /**
     * The benchmark's programme: {@code months} closed months before {@code currentMonth}, nothing dated in the
     * current month.
     */
    static InsightsSeed programme(int participants, int months, YearMonth currentMonth, long seed) {
        Instant end = currentMonth.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusSeconds(1);
        return new InsightsSeed(participants, currentMonth.minusMonths(months), end, seed,
                uuid(seed, "programme"));
    }

    /**
     * More people joining {@code programmeId} now: dated from the start of the current month to {@code until} (no
     * programme or catalogue records; another seed, so other ids).
     */
    static InsightsSeed joining(String programmeId, YearMonth currentMonth, Instant until, long seed) {
        return new InsightsSeed(Integer.MAX_VALUE, currentMonth, until, seed, programmeId);
    }

    private InsightsSeed(int participants, YearMonth firstMonth, Instant end, long seed, String programmeId) {
        this.participants = participants;
        this.firstMonth = firstMonth;
        this.end = end;
        this.seed = seed;
        this.programmeId = programmeId;
    }

    YearMonth firstMonth() {
        return firstMonth;
    }

    /** The programme and the catalogue: emitted before the participants. */
    void produceCatalogueAndProgramme(Consumer<ProducerRecord<String, byte[]>> out) {
        Instant created = firstMonth.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(3600);
        Map<String, Object> programme = new LinkedHashMap<>();
        programme.put("programmeId", programmeId);
        programme.put("organisationId", organisationId);
        programme.put("minimumGroupSize", 10);
        programme.put("createdAt", created.toString());
        out.accept(record(EventTypes.PROGRAMME_CREATED_V1, uuid("programme-created"), programmeId, created, programme));
        for (int i = 0; i < INTERVENTIONS.length; i++) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("interventionId", INTERVENTIONS[i]);
            data.put("catalogueVersion", "1");
            data.put("name", "Intervention " + INTERVENTIONS[i]);
            data.put("approach", APPROACHES[i]);
            data.put("formats", List.of("individual", "digital"));
            data.put("typicalDuration", "6-12 weekly sessions");
            data.put("targets", List.of("depression", "anxiety"));
            data.put("suitableSeverities", List.of("step-1-2", "step-2", "step-3"));
            data.put("publishedAt", created.minusSeconds(60).toString());
            out.accept(record(EventTypes.INTERVENTION_PUBLISHED_V1, uuid("intervention:" + i), INTERVENTIONS[i],
                    created.minusSeconds(60), data));
        }
    }

    /** Participants {@code from} (inclusive) to {@code to} (exclusive), each one's records in time order. */
    void produceParticipants(int from, int to, Consumer<ProducerRecord<String, byte[]>> out) {
        for (int i = from; i < to && i < participants; i++) {
            participant(i, out);
        }
    }

    private void participant(int index, Consumer<ProducerRecord<String, byte[]>> out) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + index);
        String pid = pseudonym(random);
        String department = DEPARTMENTS[pick(random, DEPARTMENT_WEIGHTS)];
        long firstSecond = firstMonth.atDay(1).atStartOfDay().toEpochSecond(ZoneOffset.UTC) + 7200;
        long span = end.getEpochSecond() - firstSecond;
        // A launch wave in the first quarter, then a steady trickle (the last 3 weeks see no new enrolments).
        double at = random.nextDouble() < 0.35 ? random.nextDouble() * 0.125 : random.nextDouble();
        long enrolled = firstSecond + (long) (at * Math.max(span / 2, span - 21 * 86400L));
        List<Event> events = new ArrayList<>();

        Map<String, Object> enrolment = new LinkedHashMap<>();
        enrolment.put("participantId", pid);
        enrolment.put("programmeId", programmeId);
        enrolment.put("cohort", Map.of("department", department));
        enrolment.put("consentGiven", true);
        enrolment.put("enrolledAt", Instant.ofEpochSecond(enrolled).toString());
        events.add(new Event(EventTypes.PARTICIPANT_ENROLLED_V1, uuid(pid + ":enrolled"), enrolled, enrolment));

        // Entry severity: PHQ-9 mostly minimal/mild, about a quarter clinical cases; GAD-7 and WHO-5 follow it.
        double phqEntry = clamp(Math.abs(gaussian(random) * 6.5 + 3.0), 0, 27);
        double gadEntry = clamp(phqEntry * 0.75 + gaussian(random) * 2.5, 0, 21);
        double trajectory = random.nextDouble();
        // Improvement per re-assessment as a share of the entry score: 55 % improve, 30 % stay, 15 % worsen.
        double step = trajectory < 0.55 ? 0.15 + random.nextDouble() * 0.2
                : trajectory < 0.85 ? random.nextDouble() * 0.06 - 0.03 : -(0.08 + random.nextDouble() * 0.12);
        long assessed = enrolled + 600 + random.nextInt(3 * 86400);
        String entryPhq = null;
        String entryBand = null;
        int round = 0;
        List<String> goals = new ArrayList<>();
        Map<String, Integer> firstRating = new LinkedHashMap<>();
        while (assessed < end.getEpochSecond()) {
            double factor = Math.max(0.0, 1.0 - step * round);
            int phq = (int) Math.round(clamp(phqEntry * factor + gaussian(random) * 1.5 + (step < 0 ? round : 0), 0, 27));
            int gad = (int) Math.round(clamp(gadEntry * factor + gaussian(random) * 1.2, 0, 21));
            int whoRaw = (int) Math.round(clamp(21 - phq * 0.55 + gaussian(random) * 3.0, 0, 25));
            String phqId = uuid(pid + ":phq-9:" + round);
            events.add(assessment(phqId, pid, "phq-9", phq, 27, phqBand(phq), assessed));
            events.add(assessment(uuid(pid + ":gad-7:" + round), pid, "gad-7", gad, 21, gadBand(gad), assessed + 240));
            events.add(assessment(uuid(pid + ":who-5:" + round), pid, "who-5", whoRaw * 4, 100, who5Band(whoRaw * 4),
                    assessed + 420));
            if (round == 0) {
                entryPhq = phqId;
                entryBand = phqBand(phq);
                events.add(recommendations(pid, entryPhq, entryBand, random, assessed + 425));
                Event issued = events.get(events.size() - 1);
                // 55 % set a goal with an intervention (70 % of them one that was recommended), some a second one.
                int goalCount = random.nextDouble() < 0.55 ? (random.nextDouble() < 0.3 ? 2 : 1) : 0;
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> recommended = (List<Map<String, Object>>) issued.data().get("recommendations");
                for (int g = 0; g < goalCount; g++) {
                    String intervention = random.nextDouble() < 0.7
                            ? (String) recommended.get(random.nextInt(recommended.size())).get("interventionId")
                            : INTERVENTIONS[random.nextInt(INTERVENTIONS.length)];
                    String goalId = uuid(pid + ":goal:" + g);
                    long setAt = assessed + 3600 + random.nextInt(5 * 86400);
                    Map<String, Object> goal = new LinkedHashMap<>();
                    goal.put("goalId", goalId);
                    goal.put("participantId", pid);
                    goal.put("interventionId", intervention);
                    goal.put("scale", "gbo-0-10");
                    goal.put("setByRole", "participant");
                    goal.put("setAt", Instant.ofEpochSecond(setAt).toString());
                    events.add(new Event(EventTypes.GOAL_SET_V1, uuid(pid + ":goal-set:" + g), setAt, goal));
                    goals.add(goalId);
                }
            }
            for (String goalId : goals) {
                long ratedAt = assessed + 7200 + (round == 0 ? 6 * 86400 : 0);
                int rating = (int) Math.round(clamp(2 + round * (step > 0.1 ? 1.6 : 0.4) + gaussian(random), 0, 10));
                Integer first = firstRating.putIfAbsent(goalId, rating);
                Map<String, Object> rated = new LinkedHashMap<>();
                rated.put("goalId", goalId);
                rated.put("participantId", pid);
                rated.put("rating", rating);
                rated.put("ratedByRole", "participant");
                rated.put("ratedAt", Instant.ofEpochSecond(ratedAt).toString());
                if (first != null) {
                    int change = rating - first;
                    rated.put("changeFromFirst", change);
                    rated.put("changeClassification", change >= 3 ? "reliable-improvement"
                            : change <= -3 ? "reliable-deterioration" : "no-reliable-change");
                }
                events.add(new Event(EventTypes.GOAL_PROGRESS_RATED_V2, uuid(goalId + ":rated:" + round), ratedAt,
                        rated));
            }
            round++;
            // About a quarter stop re-assessing at each round.
            if (random.nextDouble() < 0.25) {
                break;
            }
            assessed += REASSESSMENT.toSeconds() + random.nextInt(14 * 86400) - 7 * 86400L;
        }
        events.sort((a, b) -> Long.compare(a.second(), b.second()));
        for (Event e : events) {
            if (e.second() <= end.getEpochSecond()) {
                out.accept(record(e.type(), e.id(), pid, Instant.ofEpochSecond(e.second()), e.data()));
            }
        }
    }

    private Event assessment(String id, String pid, String instrument, int total, int max, String band, long at) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("assessmentId", id);
        data.put("participantId", pid);
        data.put("programmeId", programmeId);
        data.put("instrumentId", instrument);
        data.put("instrumentVersion", "1.0.0");
        data.put("totalScore", total);
        data.put("scoreRange", Map.of("min", 0, "max", max));
        data.put("band", band);
        data.put("completedAt", Instant.ofEpochSecond(at).toString());
        return new Event(EventTypes.ASSESSMENT_COMPLETED_V1, uuid(id + ":event"), at, data);
    }

    private Event recommendations(String pid, String basedOn, String band, SplittableRandom random, long at) {
        String level = switch (band) {
            case "minimal" -> "universal";
            case "mild" -> "step-1-2";
            case "moderate" -> "step-2";
            default -> "step-3";
        };
        List<Map<String, Object>> recommended = new ArrayList<>();
        int start = random.nextInt(INTERVENTIONS.length);
        for (int rank = 1; rank <= 3; rank++) {
            recommended.add(Map.of("interventionId", INTERVENTIONS[(start + rank * 5) % INTERVENTIONS.length],
                    "rank", rank, "reasonCode", "suits-" + level));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("participantId", pid);
        data.put("basedOnAssessmentId", basedOn);
        data.put("instrumentId", "phq-9");
        data.put("band", band);
        data.put("steppedCareLevel", level);
        data.put("recommendations", recommended);
        data.put("issuedAt", Instant.ofEpochSecond(at).toString());
        return new Event(EventTypes.RECOMMENDATIONS_ISSUED_V1, uuid(basedOn + ":recommendations"), at, data);
    }

    private ProducerRecord<String, byte[]> record(String type, String id, String key, Instant time,
                                                  Map<String, Object> data) {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        CloudEvent event = CloudEventBuilder.v1()
                .withId(id)
                .withSource(URI.create(EventTypes.sourceOf(type).orElseThrow()))
                .withType(type)
                .withTime(time.atOffset(ZoneOffset.UTC))
                .withDataSchema(URI.create(EventTypes.dataschemaOf(type)))
                .withDataContentType("application/json")
                .withData(bytes)
                .build();
        emitted.merge(type, 1L, Long::sum);
        return KafkaMessageFactory.createWriter(EventTypes.topicOf(type), key).writeBinary(event);
    }

    private record Event(String type, String id, long second, Map<String, Object> data) {
    }

    private String uuid(String name) {
        return uuid(seed, name);
    }

    private static String uuid(long seed, String name) {
        return UUID.nameUUIDFromBytes(("tend-bench:" + seed + ":" + name).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static String pseudonym(SplittableRandom random) {
        StringBuilder id = new StringBuilder("p_");
        for (int i = 0; i < 26; i++) {
            id.append(BASE32.charAt(random.nextInt(32)));
        }
        return id.toString();
    }

    static String phqBand(int score) {
        return score <= 4 ? "minimal" : score <= 9 ? "mild" : score <= 14 ? "moderate"
                : score <= 19 ? "moderately-severe" : "severe";
    }

    static String gadBand(int score) {
        return score <= 4 ? "minimal" : score <= 9 ? "mild" : score <= 14 ? "moderate" : "severe";
    }

    static String who5Band(int percentage) {
        return percentage <= 28 ? "likely-depression" : percentage <= 50 ? "poor-wellbeing" : "no-indication";
    }

    private static int pick(SplittableRandom random, double[] weights) {
        double r = random.nextDouble();
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    private static double gaussian(SplittableRandom random) {
        return random.nextGaussian();
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }
}
