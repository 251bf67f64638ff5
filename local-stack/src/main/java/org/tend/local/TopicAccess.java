package org.tend.local;

import static org.tend.contracts.EventTypes.ASSESSMENT_TOPIC;
import static org.tend.contracts.EventTypes.CATALOGUE_TOPIC;
import static org.tend.contracts.EventTypes.GOAL_TOPIC;
import static org.tend.contracts.EventTypes.PROGRESS_TOPIC;
import static org.tend.contracts.EventTypes.deadLettersTopicOf;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.tend.contracts.EventTypes;
import org.tend.keys.KafkaKeyRecords;

/**
 * Who may write and read what on Kafka: the one table the local broker's ACLs, its topics and
 * {@code deploy/kafka-acls.md} come from.
 *
 * <p>Why a table in code: a forged record (say {@code practitioner-assigned} written by anything but
 * assessment-service) would change who sees a participant's data, so the broker must refuse it; and the rights
 * must not drift between the local stack, the tests and the deployment notes. The event topics are the
 * contracts' ({@link EventTypes}); each is written only by the service named in it and read by the services
 * that consume it and by {@code analytics}.
 *
 * <p>Rights are the least each client needs: {@code WRITE} (which lets an idempotent producer start, so no
 * cluster-wide {@code IDEMPOTENT_WRITE}), {@code READ} on topics and on the service's own consumer group, and no
 * {@code CREATE}: the launcher creates every topic up front. {@code READ} and {@code WRITE} imply
 * {@code DESCRIBE}, which the services' start-up topic check needs. The broker ({@link #BROKER}) and the operator
 * ({@link #ADMIN}) are super users and have no rows.
 */
public final class TopicAccess {

    /** The broker's own principal (inter-broker and controller traffic); a super user. */
    public static final String BROKER = "broker";
    /** The operator: creates credentials, topics and ACLs; a super user. */
    public static final String ADMIN = "admin";
    /** Read-only consumer of the event topics. */
    public static final String ANALYTICS = "analytics";
    /** Consumer groups of {@link #ANALYTICS} start with this, so an analyst can commit offsets and no one else's. */
    public static final String ANALYTICS_GROUP_PREFIX = "analytics-";

    /** Internal: assessment-service's holds on care, read by catalogue-service alone. */
    public static final String CARE_HOLDS_TOPIC = EventTypes.CARE_HOLDS_TOPIC;
    /** Internal: every service's audit entries, read by assessment-service alone. */
    public static final String AUDIT_TOPIC = EventTypes.AUDIT_TOPIC;
    /** Internal: the participants' wrapped data keys, compacted; an erasure marker erases one (docs/erasure.md). */
    public static final String KEYS_TOPIC = EventTypes.KEYS_TOPIC;
    /** Internal: each service's confirmations that an erasure reached its stores, read by assessment-service alone. */
    public static final String ERASURE_TOPIC = EventTypes.ERASURE_TOPIC;
    /** Internal: how many safety alerts of each programme are overdue (counts only), read by progress-service alone. */
    public static final String ALERT_COUNTS_TOPIC = EventTypes.ALERT_COUNTS_TOPIC;
    /** How long the confirmations topic keeps a record: a report has its confirmations long before. */
    public static final java.time.Duration CONFIRMATIONS_RETENTION = java.time.Duration.ofDays(30);
    /** The erasure bound the local stack gives the key topic (TEND_ERASURE_BOUND's default). */
    public static final java.time.Duration ERASURE_BOUND = java.time.Duration.ofHours(1);
    /** How long the audit topic keeps an entry: the trail's default retention (tend.audit.retention). */
    public static final java.time.Duration AUDIT_RETENTION = java.time.Duration.ofDays(400);

    /** The contracts' published event topics (not the internal ones): what {@link #ANALYTICS} may read. */
    public static final SortedSet<String> EVENT_TOPICS = Collections.unmodifiableSortedSet(
            new TreeSet<>(EventTypes.PUBLISHED_TOPICS));

    /**
     * One principal's rights.
     *
     * @param name        the SCRAM user name ({@code User:<name>})
     * @param writes      topics it may write
     * @param reads       topics it may read
     * @param group       its consumer group (literal), or null
     * @param groupPrefix a prefix of consumer groups it may use, or null
     */
    public record Principal(String name, Set<String> writes, Set<String> reads, String group, String groupPrefix) {

        public Principal {
            writes = Set.copyOf(writes);
            reads = Set.copyOf(reads);
        }

        /** A Tend service: writes its own topics, dead letters and audit entries; reads with {@code tend-<name>}. */
        static Principal service(String name, Set<String> ownTopics, Set<String> reads) {
            Set<String> writes = new LinkedHashSet<>(ownTopics);
            writes.add(deadLettersTopicOf(name));
            writes.add(AUDIT_TOPIC);
            return new Principal(name, writes, reads, "tend-" + name, null);
        }
    }

    /** The table. */
    public static final List<Principal> PRINCIPALS = List.of(
            // assessment makes each participant's key (and erases it): it writes the key topic and reads it back.
            // It keeps the erasure reports: it reads the other services' confirmations.
            // It counts each programme's overdue safety alerts for the practitioners' digest (progress sends it).
            Principal.service("assessment", Set.of(ASSESSMENT_TOPIC, CARE_HOLDS_TOPIC, KEYS_TOPIC, ALERT_COUNTS_TOPIC),
                    Set.of(AUDIT_TOPIC, KEYS_TOPIC, ERASURE_TOPIC)),
            // catalogue and goal seal personal data with the keys assessment made: they read the key topic. They,
            // progress and insights confirm each erasure into its report.
            Principal.service("catalogue", Set.of(CATALOGUE_TOPIC, ERASURE_TOPIC), Set.of(ASSESSMENT_TOPIC,
                    CARE_HOLDS_TOPIC, KEYS_TOPIC)),
            Principal.service("goal", Set.of(GOAL_TOPIC, ERASURE_TOPIC), Set.of(ASSESSMENT_TOPIC, CATALOGUE_TOPIC,
                    KEYS_TOPIC)),
            // progress also runs a rebuild consumer without a group (assign and seek): topic READ is all it needs.
            // It publishes its outcome classifications on its own topic and reads the three it projects.
            // Records about a participant are sealed with their key: progress and insights read the key topic too.
            Principal.service("progress", Set.of(PROGRESS_TOPIC, ERASURE_TOPIC), Set.of(ASSESSMENT_TOPIC,
                    CATALOGUE_TOPIC, GOAL_TOPIC, KEYS_TOPIC, ALERT_COUNTS_TOPIC)),
            // insights aggregates every published topic (progress's classifications included), rebuilds like progress.
            Principal.service("insights", Set.of(ERASURE_TOPIC), withKeys(EVENT_TOPICS)),
            new Principal(ANALYTICS, Set.of(), EVENT_TOPICS, null, ANALYTICS_GROUP_PREFIX));

    /**
     * Partitions of every event topic: 6, so that the consumers of a group spread evenly over 1, 2, 3 or 6 instances
     * (each instance reads its share of the partitions, and no more instances than partitions can share the work). A
     * partition carries far more than Tend's records per second; what limits a consumer is the work per record, so
     * the number is set by how many instances should share it, not by volume. Records of one participant keep their
     * order: the key is the participant's pseudonym, so they stay on one partition.
     */
    public static final int EVENT_PARTITIONS = 6;

    private static Set<String> withKeys(Set<String> topics) {
        Set<String> with = new LinkedHashSet<>(topics);
        with.add(KEYS_TOPIC);
        return with;
    }

    private TopicAccess() {
    }

    /** A principal of the table, by name. */
    public static Optional<Principal> principal(String name) {
        return PRINCIPALS.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** Every principal that needs SCRAM credentials: the table's, the admin and the broker. */
    public static List<String> allUserNames() {
        List<String> names = new ArrayList<>(List.of(BROKER, ADMIN));
        PRINCIPALS.forEach(p -> names.add(p.name()));
        return names;
    }

    /**
     * Every topic with the settings the services gave them when they created their own: records kept forever (the
     * audit entries for the trail's retention, erasure confirmations 30 days), {@link #EVENT_PARTITIONS} partitions, dead letters in 1; the key topic compacted, in 1.
     */
    public static List<NewTopic> topics() {
        return topics(1);
    }

    /**
     * {@link #topics()} on a cluster whose topics have {@code replicationFactor} replicas; with more than one, each
     * topic requires {@code min.insync.replicas} = replicas - 1 (2 of 3): an acknowledged record is on two brokers,
     * and writes go on while one broker is down.
     */
    public static List<NewTopic> topics(int replicationFactor) {
        Map<String, NewTopic> topics = new LinkedHashMap<>();
        for (String topic : EVENT_TOPICS) {
            topics.put(topic, kept(topic, EVENT_PARTITIONS, true));
        }
        topics.put(CARE_HOLDS_TOPIC, kept(CARE_HOLDS_TOPIC, EVENT_PARTITIONS, true));
        NewTopic alertCounts = kept(ALERT_COUNTS_TOPIC, EVENT_PARTITIONS, true);
        alertCounts.configs().put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        topics.put(ALERT_COUNTS_TOPIC, alertCounts);
        NewTopic audit = kept(AUDIT_TOPIC, EVENT_PARTITIONS, true);
        audit.configs().put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(AUDIT_RETENTION.toMillis()));
        topics.put(AUDIT_TOPIC, audit);
        NewTopic confirmations = kept(ERASURE_TOPIC, EVENT_PARTITIONS, true);
        confirmations.configs().put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(CONFIRMATIONS_RETENTION.toMillis()));
        topics.put(ERASURE_TOPIC, confirmations);
        topics.put(KEYS_TOPIC, new NewTopic(KEYS_TOPIC, 1, (short) 1)
                .configs(new LinkedHashMap<>(KafkaKeyRecords.topicConfig(ERASURE_BOUND))));
        for (Principal principal : PRINCIPALS) {
            for (String topic : principal.writes()) {
                topics.computeIfAbsent(topic, t -> kept(t, 1, false));
            }
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("replication factor " + replicationFactor);
        }
        return topics.values().stream().map(topic -> {
            Map<String, String> configs = new LinkedHashMap<>(topic.configs());
            if (replicationFactor > 1) {
                configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(replicationFactor - 1));
            }
            return new NewTopic(topic.name(), topic.numPartitions(), (short) replicationFactor).configs(configs);
        }).toList();
    }

    private static NewTopic kept(String topic, int partitions, boolean unboundedSize) {
        Map<String, String> configs = new LinkedHashMap<>();
        configs.put(TopicConfig.RETENTION_MS_CONFIG, "-1");
        if (unboundedSize) {
            configs.put(TopicConfig.RETENTION_BYTES_CONFIG, "-1");
        }
        return new NewTopic(topic, partitions, (short) 1).configs(configs);
    }

    /** The ACL bindings the table means. */
    public static Set<AclBinding> aclBindings() {
        Set<AclBinding> bindings = new LinkedHashSet<>();
        for (Principal p : PRINCIPALS) {
            for (String topic : new TreeSet<>(p.writes())) {
                bindings.add(allow(p, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.WRITE));
            }
            for (String topic : new TreeSet<>(p.reads())) {
                bindings.add(allow(p, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.READ));
            }
            if (p.group() != null) {
                bindings.add(allow(p, ResourceType.GROUP, p.group(), PatternType.LITERAL, AclOperation.READ));
            }
            if (p.groupPrefix() != null) {
                bindings.add(allow(p, ResourceType.GROUP, p.groupPrefix(), PatternType.PREFIXED, AclOperation.READ));
            }
        }
        return bindings;
    }

    private static AclBinding allow(Principal p, ResourceType type, String name, PatternType pattern,
                                    AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry("User:" + p.name(), "*", operation, AclPermissionType.ALLOW));
    }
}
