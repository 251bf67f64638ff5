package org.tend.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.tend.contracts.EventTypes;
import org.tend.local.TopicAccess.Principal;

/** The access table says what the issue asks, covers every topic of the contracts, and matches the deploy notes. */
class TopicAccessTest {

    @Test
    void eachEventTopicIsWrittenByTheServiceItNamesAlone() {
        assertThat(TopicAccess.EVENT_TOPICS).containsExactly(EventTypes.ASSESSMENT_TOPIC, EventTypes.CATALOGUE_TOPIC,
                EventTypes.GOAL_TOPIC, EventTypes.PROGRESS_TOPIC);
        for (String topic : TopicAccess.EVENT_TOPICS) {
            String producer = topic.split("\\.")[1];
            assertThat(writersOf(topic)).as(topic).containsExactly(producer);
        }
    }

    @Test
    void deadLettersAreWrittenByTheirServiceAloneAndReadByNoOne() {
        for (String service : List.of("assessment", "catalogue", "goal", "progress", "insights")) {
            String topic = EventTypes.deadLettersTopicOf(service);
            assertThat(writersOf(topic)).as(topic).containsExactly(service);
            assertThat(readersOf(topic)).as(topic).isEmpty();
        }
        assertThat(List.of(EventTypes.CATALOGUE_DEAD_LETTERS_TOPIC, EventTypes.GOAL_DEAD_LETTERS_TOPIC,
                EventTypes.PROGRESS_DEAD_LETTERS_TOPIC)).allSatisfy(topic -> assertThat(writersOf(topic)).hasSize(1));
    }

    @Test
    void eachServiceReadsWhatItConsumesWithItsOwnGroup() {
        Map<String, Principal> byName = TopicAccess.PRINCIPALS.stream()
                .collect(Collectors.toMap(Principal::name, Function.identity()));
        // assessment makes the participants' keys; catalogue and goal seal with them (docs/erasure.md).
        assertThat(byName.get("assessment").reads()).containsExactlyInAnyOrder(TopicAccess.AUDIT_TOPIC,
                TopicAccess.KEYS_TOPIC, TopicAccess.ERASURE_TOPIC);
        // Every other service confirms erasures into the reports assessment keeps; nobody else reads them.
        assertThat(writersOf(TopicAccess.ERASURE_TOPIC)).containsExactlyInAnyOrder("catalogue", "goal", "progress",
                "insights");
        assertThat(readersOf(TopicAccess.ERASURE_TOPIC)).containsExactly("assessment");
        assertThat(byName.get("catalogue").reads()).containsExactlyInAnyOrder(EventTypes.ASSESSMENT_TOPIC,
                TopicAccess.CARE_HOLDS_TOPIC, TopicAccess.KEYS_TOPIC);
        assertThat(byName.get("goal").reads()).containsExactlyInAnyOrder(EventTypes.ASSESSMENT_TOPIC,
                EventTypes.CATALOGUE_TOPIC, TopicAccess.KEYS_TOPIC);
        assertThat(byName.get("progress").reads()).containsExactlyInAnyOrder(EventTypes.ASSESSMENT_TOPIC,
                EventTypes.CATALOGUE_TOPIC, EventTypes.GOAL_TOPIC, TopicAccess.KEYS_TOPIC,
                TopicAccess.ALERT_COUNTS_TOPIC);
        // The overdue safety alert counts: from assessment to progress alone (the practitioners' digest).
        assertThat(writersOf(TopicAccess.ALERT_COUNTS_TOPIC)).containsExactly("assessment");
        assertThat(readersOf(TopicAccess.ALERT_COUNTS_TOPIC)).containsExactly("progress");
        // insights aggregates every published topic, progress's outcome classifications included; the records about a
        // participant are sealed, so it reads the key topic too (analytics does not: it sees no one's data).
        assertThat(byName.get("insights").reads()).containsAll(TopicAccess.EVENT_TOPICS)
                .contains(EventTypes.PROGRESS_TOPIC, TopicAccess.KEYS_TOPIC).hasSize(TopicAccess.EVENT_TOPICS.size() + 1);
        assertThat(byName.get("insights").writes()).containsExactlyInAnyOrder(TopicAccess.AUDIT_TOPIC,
                "tend.insights.dead-letters", TopicAccess.ERASURE_TOPIC);
        for (String service : List.of("assessment", "catalogue", "goal", "progress", "insights")) {
            assertThat(byName.get(service).group()).isEqualTo("tend-" + service);
            assertThat(byName.get(service).writes()).contains(TopicAccess.AUDIT_TOPIC);
        }
        assertThat(writersOf(TopicAccess.CARE_HOLDS_TOPIC)).containsExactly("assessment");
        Principal analytics = byName.get(TopicAccess.ANALYTICS);
        assertThat(analytics.writes()).isEmpty();
        assertThat(analytics.reads()).containsExactlyInAnyOrderElementsOf(TopicAccess.EVENT_TOPICS)
                .contains(EventTypes.PROGRESS_TOPIC);
        assertThat(analytics.group()).isNull();
        assertThat(TopicAccess.PRINCIPALS).map(Principal::name)
                .containsExactly("assessment", "catalogue", "goal", "progress", "insights", "analytics");
    }

    @Test
    void everyTopicReadOrWrittenIsCreatedAndKeptForEverButTheAuditTrail() {
        Map<String, NewTopic> topics = TopicAccess.topics().stream()
                .collect(Collectors.toMap(NewTopic::name, Function.identity()));
        Set<String> used = new TreeSet<>();
        TopicAccess.PRINCIPALS.forEach(p -> {
            used.addAll(p.writes());
            used.addAll(p.reads());
        });
        assertThat(topics.keySet()).containsExactlyInAnyOrderElementsOf(used);
        topics = new java.util.HashMap<>(topics);
        NewTopic keys = topics.remove(TopicAccess.KEYS_TOPIC);
        assertThat(keys.name()).isEqualTo(org.tend.keys.KafkaKeyRecords.TOPIC);
        assertThat(keys.configs()).containsEntry("cleanup.policy", "compact")
                .containsEntry("max.compaction.lag.ms", Long.toString(TopicAccess.ERASURE_BOUND.toMillis()));
        assertThat(keys.numPartitions()).isEqualTo(1);
        assertThat(writersOf(TopicAccess.KEYS_TOPIC)).containsExactly("assessment");
        assertThat(TopicAccess.principal(TopicAccess.ANALYTICS).orElseThrow().reads())
                .doesNotContain(TopicAccess.KEYS_TOPIC);
        for (NewTopic topic : topics.values()) {
            // Audit entries are kept for the trail's retention, not forever.
            String retention = topic.name().equals(TopicAccess.AUDIT_TOPIC)
                    ? Long.toString(TopicAccess.AUDIT_RETENTION.toMillis())
                    : topic.name().equals(TopicAccess.ERASURE_TOPIC)
                    ? Long.toString(TopicAccess.CONFIRMATIONS_RETENTION.toMillis()) : "-1";
            assertThat(topic.configs()).as(topic.name()).containsEntry("retention.ms", retention);
            int partitions = topic.name().endsWith(".dead-letters") ? 1 : TopicAccess.EVENT_PARTITIONS;
            assertThat(topic.numPartitions()).as(topic.name()).isEqualTo(partitions);
        }
    }

    /** Rows of deploy/kafka-acls.md: {@code | `name` | writes | reads | groups |}, names in backticks. */
    @Test
    void theDeployNotesShowTheSameTable() throws Exception {
        Path doc = RepositoryRoot.findUpwards(Path.of("").toAbsolutePath()).orElseThrow()
                .resolve("deploy").resolve("kafka-acls.md");
        Pattern row = Pattern.compile("^\\| `([a-z]+)` \\|(.*)\\|(.*)\\|(.*)\\|$");
        int rows = 0;
        for (String line : Files.readAllLines(doc)) {
            Matcher m = row.matcher(line);
            if (!m.matches() || TopicAccess.principal(m.group(1)).isEmpty()) {
                continue;
            }
            Principal p = TopicAccess.principal(m.group(1)).orElseThrow();
            assertThat(names(m.group(2))).as(p.name() + " writes").isEqualTo(new TreeSet<>(p.writes()));
            assertThat(names(m.group(3))).as(p.name() + " reads").isEqualTo(new TreeSet<>(p.reads()));
            Set<String> groups = new TreeSet<>();
            if (p.group() != null) {
                groups.add(p.group());
            }
            if (p.groupPrefix() != null) {
                groups.add(p.groupPrefix() + "*");
            }
            assertThat(names(m.group(4))).as(p.name() + " groups").isEqualTo(groups);
            rows++;
        }
        assertThat(rows).as("one row per principal in " + doc).isEqualTo(TopicAccess.PRINCIPALS.size());
    }

    private static Set<String> names(String cell) {
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("`([^`]+)`").matcher(cell);
        while (m.find()) {
            if (!m.group(1).equals("PREFIXED")) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    private static Set<String> writersOf(String topic) {
        return TopicAccess.PRINCIPALS.stream().filter(p -> p.writes().contains(topic)).map(Principal::name)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static Set<String> readersOf(String topic) {
        return TopicAccess.PRINCIPALS.stream().filter(p -> p.reads().contains(topic)).map(Principal::name)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
