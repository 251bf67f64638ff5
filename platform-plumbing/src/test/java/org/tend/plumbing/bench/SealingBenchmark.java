package org.tend.plumbing.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.tend.kernel.PersonalData;
import org.tend.keys.InMemoryKeyRecords;
import org.tend.keys.MasterKey;
import org.tend.keys.ParticipantKeys;
import org.tend.keys.SealedFields;
import org.tend.plumbing.axon.SealingSerializer;

/**
 * What sealing costs where every event passes through it: Axon's Jackson serializer writing an event to the store's
 * representation and reading it back, with and without {@link SealingSerializer}, in the same run and alternated, so
 * the machine's noise falls on both. The event is a completed PHQ-9 as assessment-service stores it (nine answers, the
 * scores and the band sealed), for 1,000 participants whose keys are held in memory (a key is unwrapped once; the
 * key topic is not on this path). Prints events/s of each and their ratio. Not a test: {@code ./benchmark.sh sealing}.
 */
public final class SealingBenchmark {

    /** The shape of assessment-service's AssessmentCompleted. */
    public record Completed(String assessmentId, String participantId, String programmeId, String instrumentId,
                            String instrumentVersion, @PersonalData Map<String, Integer> answers,
                            @PersonalData int rawScore, @PersonalData Integer scaledScore, @PersonalData int score,
                            int scoreMin, int scoreMax, @PersonalData String band, @PersonalData String bandLabel,
                            Instant completedAt) {
    }

    public static void main(String[] args) {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Serializer plain = JacksonSerializer.defaultSerializer();
        ParticipantKeys keys = new ParticipantKeys(MasterKey.fromKeysetJson(MasterKey.generateKeysetJson()),
                new InMemoryKeyRecords());
        Serializer sealing = new SealingSerializer(JacksonSerializer.defaultSerializer(), new SealedFields(keys));
        List<Completed> workload = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            Map<String, Integer> answers = new LinkedHashMap<>();
            for (int item = 1; item <= 9; item++) {
                answers.put("phq9-" + item, (i + item) % 4);
            }
            workload.add(new Completed("a-" + i, "p_participant" + (i % 1_000), "prog", "phq-9", "1.0.0", answers,
                    14, null, 14, 0, 27, "moderate", "Moderate", Instant.parse("2026-12-01T10:00:00Z")));
        }
        run(plain, workload, events / 5); // warm up both
        run(sealing, workload, events / 5);
        double plainBest = 0;
        double sealedBest = 0;
        System.out.printf("%-6s %18s %18s %8s%n", "round", "plain events/s", "sealed events/s", "ratio");
        for (int round = 1; round <= rounds; round++) {
            double p = run(plain, workload, events);
            double s = run(sealing, workload, events);
            plainBest = Math.max(plainBest, p);
            sealedBest = Math.max(sealedBest, s);
            System.out.printf("%-6d %18.0f %18.0f %8.2f%n", round, p, s, s / p);
        }
        System.out.printf("best   %18.0f %18.0f %8.2f   (write + read of one event; sealed costs %.1f µs more)%n",
                plainBest, sealedBest, sealedBest / plainBest, 1e6 / sealedBest - 1e6 / plainBest);
    }

    /** Events per second written to bytes and read back. */
    private static double run(Serializer serializer, List<Completed> workload, int events) {
        long start = System.nanoTime();
        long check = 0;
        for (int i = 0; i < events; i++) {
            SerializedObject<byte[]> stored = serializer.serialize(workload.get(i % workload.size()), byte[].class);
            Completed read = serializer.deserialize(stored);
            check += read.score();
        }
        long elapsed = System.nanoTime() - start;
        if (check == 42) {
            System.out.print("");
        }
        return events / (elapsed / 1e9);
    }
}
