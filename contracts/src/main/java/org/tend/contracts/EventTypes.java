package org.tend.contracts;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The names of Tend's published language: every integration event type (the CloudEvents {@code type},
 * which is also the schema's file name) and every topic. See {@code docs/conventions.md}.
 *
 * <p>Beside the published language there are <em>internal</em> topics ({@link #INTERNAL_TOPICS}): records that
 * Tend's services exchange among themselves in the same form (CloudEvents, a schema per type), but that are no
 * part of what analytics consumers may read. Their types are in {@link #INTERNAL}, never in {@link #ALL}, and
 * their topics are not named {@code tend.<context>.events}.
 */
public final class EventTypes {

    /** Prefix of every schema {@code $id} and of the CloudEvents {@code dataschema} attribute. */
    public static final String SCHEMA_URN_PREFIX = "urn:tend:schema:";

    // Topics (retention.ms = -1: records keep forever).
    public static final String ASSESSMENT_TOPIC = "tend.assessment.events";
    public static final String CATALOGUE_TOPIC = "tend.catalogue.events";
    public static final String GOAL_TOPIC = "tend.goal.events";
    /** progress-service's outcome classifications, the one place they are computed. */
    public static final String PROGRESS_TOPIC = "tend.progress.events";
    /**
     * Internal: care holds ("hold" and "release" per participant, no reason), from assessment-service to
     * catalogue-service alone. Not an analytics stream: no other principal may read it.
     */
    public static final String CARE_HOLDS_TOPIC = "tend.assessment.care-holds";
    /** Dead letters of each consuming service ({@code tend.<service>.dead-letters}). */
    public static final String ASSESSMENT_DEAD_LETTERS_TOPIC = "tend.assessment.dead-letters";
    public static final String CATALOGUE_DEAD_LETTERS_TOPIC = "tend.catalogue.dead-letters";
    public static final String GOAL_DEAD_LETTERS_TOPIC = "tend.goal.dead-letters";
    public static final String PROGRESS_DEAD_LETTERS_TOPIC = "tend.progress.dead-letters";
    /**
     * Internal: the audit trail's entries, written by every service from its own outbox, read by assessment-service
     * alone (which keeps the trail). Kept on the topic for the trail's retention, not forever.
     */
    public static final String AUDIT_TOPIC = "tend.audit.entries";
    /**
     * Internal: each participant's data key, wrapped by the master key, and an erasure marker once they are erased
     * (crypto-shredding, docs/erasure.md). Compacted; written by assessment-service, read by the services that seal
     * personal data. Never readable by analytics.
     */
    public static final String KEYS_TOPIC = "tend.keys.participants";
    /**
     * Internal: each service's confirmation that its stores no longer hold anything readable about the participant
     * of an erasure, written from its own outbox, read by assessment-service alone (which keeps the erasure reports).
     */
    public static final String ERASURE_TOPIC = "tend.erasure.confirmations";
    /**
     * Internal: how many safety alerts of each programme are overdue (counts only), from assessment-service to
     * progress-service alone, for the practitioners' daily digest.
     */
    public static final String ALERT_COUNTS_TOPIC = "tend.assessment.alert-counts";

    // Produced by assessment-service on ASSESSMENT_TOPIC.
    public static final String PROGRAMME_CREATED_V1 = "tend.assessment.programme-created.v1";
    public static final String PRACTITIONER_ASSIGNED_V1 = "tend.assessment.practitioner-assigned.v1";
    public static final String PARTICIPANT_ENROLLED_V1 = "tend.assessment.participant-enrolled.v1";
    public static final String ASSESSMENT_COMPLETED_V1 = "tend.assessment.assessment-completed.v1";
    /** A practitioner no longer serves a programme. */
    public static final String PRACTITIONER_UNASSIGNED_V1 = "tend.assessment.practitioner-unassigned.v1";
    /** A participant withdrew consent: consumers accept no new data about them and stop acting on them. */
    public static final String CONSENT_WITHDRAWN_V1 = "tend.assessment.consent-withdrawn.v1";
    /**
     * A participant was erased: consumers delete everything they hold about them; their key is destroyed, so what was
     * sealed with it no longer reads anywhere (docs/erasure.md).
     */
    public static final String PARTICIPANT_ERASED_V1 = "tend.assessment.participant-erased.v1";
    /** A participant who had withdrawn consented again. */
    public static final String CONSENT_RENEWED_V1 = "tend.assessment.consent-renewed.v1";
    /**
     * A programme's care settings (goal limit, review period, re-assessment schedule), when it is created and each
     * time an administrator changes them.
     */
    public static final String PROGRAMME_SETTINGS_CHANGED_V1 = "tend.assessment.programme-settings-changed.v1";

    // Produced by assessment-service on CARE_HOLDS_TOPIC (internal).
    /** A participant's automated recommendations are held until a practitioner has reviewed them. */
    public static final String CARE_HOLD_PLACED_V1 = "tend.assessment.care-hold-placed.v1";
    /** A practitioner released the participant's hold. */
    public static final String CARE_HOLD_RELEASED_V1 = "tend.assessment.care-hold-released.v1";

    // Produced by catalogue-service on CATALOGUE_TOPIC.
    public static final String INTERVENTION_PUBLISHED_V1 = "tend.catalogue.intervention-published.v1";
    public static final String RECOMMENDATIONS_ISSUED_V1 = "tend.catalogue.recommendations-issued.v1";
    /** A participant's care plan was stepped up or down, or an intervention added, switched or stopped. */
    public static final String PLAN_ADJUSTED_V1 = "tend.catalogue.plan-adjusted.v1";
    /** A practitioner reviewed a participant's care plan and continued it. */
    public static final String PLAN_REVIEWED_V1 = "tend.catalogue.plan-reviewed.v1";

    // Produced by goal-service on GOAL_TOPIC.
    public static final String GOAL_SET_V1 = "tend.goal.goal-set.v1";
    public static final String GOAL_PROGRESS_RATED_V1 = "tend.goal.goal-progress-rated.v1";
    /** A goal was given a Goal Attainment Scaling scale (weight, baseline; the level wording stays in goal-service). */
    public static final String ATTAINMENT_SCALE_DEFINED_V1 = "tend.goal.attainment-scale-defined.v1";
    /** A goal's attainment was rated on its GAS scale, -2 … +2. */
    public static final String GOAL_ATTAINMENT_RATED_V1 = "tend.goal.goal-attainment-rated.v1";
    /** A goal was rated 0–10, with its GBO change as goal-service computes it (replaces v1). */
    public static final String GOAL_PROGRESS_RATED_V2 = "tend.goal.goal-progress-rated.v2";
    /** A goal's attainment was rated, with the participant's GAS T-score as goal-service computes it (replaces v1). */
    public static final String GOAL_ATTAINMENT_RATED_V2 = "tend.goal.goal-attainment-rated.v2";
    /** A goal was revised (a new version; the wording stays in goal-service). */
    public static final String GOAL_REVISED_V1 = "tend.goal.goal-revised.v1";
    /** A goal ended: achieved, or no longer relevant. */
    public static final String GOAL_CLOSED_V1 = "tend.goal.goal-closed.v1";

    // Produced by progress-service on PROGRESS_TOPIC.
    /**
     * A participant's outcome classifications after a completed assessment (reliable change per instrument, NHS
     * Talking Therapies caseness, improvement, deterioration and recovery), computed once in progress-service so
     * that every consumer aggregates the same results instead of recomputing them. Its id is deterministic (a
     * name-based UUID of the assessment's id): a rebuild that publishes it again is harmless.
     */
    public static final String OUTCOME_ASSESSED_V1 = "tend.progress.outcome-assessed.v1";
    /**
     * A measure of the programme's re-assessment schedule fell due for a participant; once per measure and due date
     * (a deterministic id).
     */
    public static final String REASSESSMENT_DUE_V1 = "tend.progress.reassessment-due.v1";

    // Internal, on ALERT_COUNTS_TOPIC, produced by assessment-service.
    /** How many of a programme's safety alerts are overdue now (a count, nobody named). */
    public static final String SAFETY_ALERTS_OVERDUE_V1 = "tend.assessment.safety-alerts-overdue.v1";

    // Internal, on AUDIT_TOPIC, produced by every service.
    /** A practitioner's, HR's or an administrator's request was recorded in the audit trail. */
    public static final String AUDIT_ENTRY_RECORDED_V1 = "tend.audit.entry-recorded.v1";

    // Internal, on ERASURE_TOPIC, produced by every service that holds data about participants but assessment-service.
    /** A store of a service no longer holds anything readable about the participant of an erasure. */
    public static final String STORE_ERASED_V1 = "tend.erasure.store-erased.v1";

    private static final Map<String, String> TOPIC_BY_TYPE;
    private static final Map<String, String> INTERNAL_TOPIC_BY_TYPE = Map.of(
            CARE_HOLD_PLACED_V1, CARE_HOLDS_TOPIC,
            CARE_HOLD_RELEASED_V1, CARE_HOLDS_TOPIC,
            AUDIT_ENTRY_RECORDED_V1, AUDIT_TOPIC,
            STORE_ERASED_V1, ERASURE_TOPIC,
            SAFETY_ALERTS_OVERDUE_V1, ALERT_COUNTS_TOPIC);

    static {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(PROGRAMME_CREATED_V1, ASSESSMENT_TOPIC);
        m.put(PRACTITIONER_ASSIGNED_V1, ASSESSMENT_TOPIC);
        m.put(PARTICIPANT_ENROLLED_V1, ASSESSMENT_TOPIC);
        m.put(ASSESSMENT_COMPLETED_V1, ASSESSMENT_TOPIC);
        m.put(PRACTITIONER_UNASSIGNED_V1, ASSESSMENT_TOPIC);
        m.put(CONSENT_WITHDRAWN_V1, ASSESSMENT_TOPIC);
        m.put(CONSENT_RENEWED_V1, ASSESSMENT_TOPIC);
        m.put(PARTICIPANT_ERASED_V1, ASSESSMENT_TOPIC);
        m.put(PROGRAMME_SETTINGS_CHANGED_V1, ASSESSMENT_TOPIC);
        m.put(INTERVENTION_PUBLISHED_V1, CATALOGUE_TOPIC);
        m.put(RECOMMENDATIONS_ISSUED_V1, CATALOGUE_TOPIC);
        m.put(PLAN_ADJUSTED_V1, CATALOGUE_TOPIC);
        m.put(PLAN_REVIEWED_V1, CATALOGUE_TOPIC);
        m.put(GOAL_SET_V1, GOAL_TOPIC);
        m.put(GOAL_PROGRESS_RATED_V1, GOAL_TOPIC);
        m.put(ATTAINMENT_SCALE_DEFINED_V1, GOAL_TOPIC);
        m.put(GOAL_ATTAINMENT_RATED_V1, GOAL_TOPIC);
        m.put(GOAL_PROGRESS_RATED_V2, GOAL_TOPIC);
        m.put(GOAL_ATTAINMENT_RATED_V2, GOAL_TOPIC);
        m.put(GOAL_REVISED_V1, GOAL_TOPIC);
        m.put(GOAL_CLOSED_V1, GOAL_TOPIC);
        m.put(OUTCOME_ASSESSED_V1, PROGRESS_TOPIC);
        m.put(REASSESSMENT_DUE_V1, PROGRESS_TOPIC);
        TOPIC_BY_TYPE = Map.copyOf(m);
    }

    /**
     * Every published integration event type and version, including those superseded whose records stay on the
     * topics. Internal types are not among them ({@link #INTERNAL}).
     */
    public static final Set<String> ALL = Set.copyOf(TOPIC_BY_TYPE.keySet());

    /** The topics analytics consumers read: the topics of the published types. */
    public static final Set<String> PUBLISHED_TOPICS = Set.copyOf(TOPIC_BY_TYPE.values());

    /**
     * Types whose data is about one participant and sealed on the topic with that participant's own data key
     * (crypto-shredding, docs/erasure.md): the record's value is the AEAD ciphertext of the data's JSON, its
     * {@code content-type} {@link #SEALED_CONTENT_TYPE}, its key the participant's pseudonym. Once the participant is
     * erased their key is destroyed and no copy of these records reads again, anywhere. Not sealed: what is about no
     * one participant, and {@code participant-erased} itself, which every consumer must still read.
     */
    public static final Set<String> SEALED = Set.of(PARTICIPANT_ENROLLED_V1, CONSENT_WITHDRAWN_V1, CONSENT_RENEWED_V1,
            ASSESSMENT_COMPLETED_V1, CARE_HOLD_PLACED_V1, CARE_HOLD_RELEASED_V1, RECOMMENDATIONS_ISSUED_V1, GOAL_SET_V1,
            GOAL_PROGRESS_RATED_V1, ATTAINMENT_SCALE_DEFINED_V1, GOAL_ATTAINMENT_RATED_V1, GOAL_PROGRESS_RATED_V2,
            GOAL_ATTAINMENT_RATED_V2, OUTCOME_ASSESSED_V1, PLAN_ADJUSTED_V1, PLAN_REVIEWED_V1, GOAL_REVISED_V1,
            GOAL_CLOSED_V1, REASSESSMENT_DUE_V1);

    /** The CloudEvents {@code datacontenttype} of a sealed record's value. */
    public static final String SEALED_CONTENT_TYPE = "application/vnd.tend.sealed";

    /** What a sealed record's data is bound to besides the participant (AEAD associated data): its type. */
    public static String sealingContext(String type) {
        return "record|" + type;
    }

    /** Types no service publishes any more: a newer version replaced them; consumers still read their records. */
    public static final Set<String> SUPERSEDED = Set.of(GOAL_PROGRESS_RATED_V1, GOAL_ATTAINMENT_RATED_V1);

    /** The types the services publish today. */
    public static final Set<String> CURRENT = ALL.stream().filter(type -> !SUPERSEDED.contains(type))
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    /** Types of the internal topics: they have schemas (the validator knows them) but are not published language. */
    public static final Set<String> INTERNAL = Set.copyOf(INTERNAL_TOPIC_BY_TYPE.keySet());

    /** The internal topics: read by Tend's own services only, never by analytics consumers. */
    public static final Set<String> INTERNAL_TOPICS = Set.copyOf(INTERNAL_TOPIC_BY_TYPE.values());

    private EventTypes() {
    }

    /** The topic a type (published or internal) goes on; throws {@link IllegalArgumentException} for an unknown type. */
    public static String topicOf(String type) {
        String topic = TOPIC_BY_TYPE.getOrDefault(type, INTERNAL_TOPIC_BY_TYPE.get(type));
        if (topic == null) {
            throw new IllegalArgumentException("unknown event type: " + type);
        }
        return topic;
    }

    /** Types every service writes (each under its own source), rather than one owner. */
    private static final Set<String> WRITTEN_BY_EVERY_SERVICE = Set.of(AUDIT_ENTRY_RECORDED_V1, STORE_ERASED_V1);

    /**
     * The CloudEvents {@code source} of the one service that may publish a type: {@code /tend/<ctx>-service} for
     * {@code tend.<ctx>.…}; empty for a type every service writes (the audit entries, erasure confirmations). A consumer accepts a type only
     * from its {@link #topicOf topic} and, where it has one, from this source.
     *
     * @throws IllegalArgumentException for an unknown type
     */
    public static java.util.Optional<String> sourceOf(String type) {
        topicOf(type);
        if (WRITTEN_BY_EVERY_SERVICE.contains(type)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("/tend/" + type.split("\\.")[1] + "-service");
    }

    /** Whether the type is one of the contracts', published or internal. */
    public static boolean isKnown(String type) {
        return TOPIC_BY_TYPE.containsKey(type) || INTERNAL_TOPIC_BY_TYPE.containsKey(type);
    }

    /** The CloudEvents {@code dataschema} (= the schema's {@code $id}) of a type: {@code urn:tend:schema:<type>}. */
    public static String dataschemaOf(String type) {
        return SCHEMA_URN_PREFIX + type;
    }

    /** The dead-letter topic of a consuming service, e.g. {@code "progress"} → {@code tend.progress.dead-letters}. */
    public static String deadLettersTopicOf(String service) {
        if (service == null || !service.matches("[a-z]+")) {
            throw new IllegalArgumentException("service must be a bare context name such as 'progress'");
        }
        return "tend." + service + ".dead-letters";
    }
}
