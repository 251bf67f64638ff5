package org.tend.contracts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every store an erasure must reach, as its report lists them: an id (what {@code tend.erasure.store-erased.v1}
 * names) and what it covers. One list for the services that confirm and for assessment-service, which keeps the
 * reports; a report is complete when every store here has confirmed.
 */
public final class ErasureStores {

    public static final String KEYS = "key-store";
    public static final String TOPICS = "event-topics";
    public static final String DEAD_LETTERS = "dead-letters";
    public static final String ASSESSMENT_EVENTS = "assessment-service/event-store";
    public static final String ASSESSMENT_VIEWS = "assessment-service/read-models";
    public static final String ASSESSMENT_SAFETY_ALERTS = "assessment-service/safety-alerts";
    public static final String ASSESSMENT_MEMBERSHIPS = "assessment-service/programme-memberships";
    public static final String GOAL_EVENTS = "goal-service/event-store";
    public static final String GOAL_VIEWS = "goal-service/read-models";
    public static final String CATALOGUE_EVENTS = "catalogue-service/event-store";
    public static final String CATALOGUE_VIEWS = "catalogue-service/read-models";
    public static final String PROGRESS_JOURNEYS = "progress-service/journeys";
    public static final String INSIGHTS_FACTS = "insights-service/facts";

    private static final Map<String, String> DESCRIPTIONS = new LinkedHashMap<>();

    static {
        DESCRIPTIONS.put(KEYS, "the participant's data key destroyed (participant_keys and tend.keys.participants), "
                + "their erasure codes dropped");
        DESCRIPTIONS.put(TOPICS, "tend.assessment.events, tend.assessment.care-holds, tend.catalogue.events, "
                + "tend.goal.events, tend.progress.events, and every copy consumers or backups kept: the "
                + "participant's records are sealed with the destroyed key");
        DESCRIPTIONS.put(DEAD_LETTERS, "tend.<service>.dead-letters: a parked record about the participant is the "
                + "sealed record as it was on its topic");
        DESCRIPTIONS.put(ASSESSMENT_EVENTS,
                "assessment-service event store: answers, scores, bands and cohort sealed with the destroyed key");
        DESCRIPTIONS.put(ASSESSMENT_VIEWS, "assessment-service read models: assessments and follow-ups");
        DESCRIPTIONS.put(ASSESSMENT_SAFETY_ALERTS, "assessment-service read models: safety alerts");
        DESCRIPTIONS.put(ASSESSMENT_MEMBERSHIPS,
                "assessment-service read models: the participant's programme membership (for retention)");
        DESCRIPTIONS.put(GOAL_EVENTS,
                "goal-service event store: goal texts, scales and ratings sealed with the key, which it no longer holds");
        DESCRIPTIONS.put(GOAL_VIEWS, "goal-service read models: goals and the caseload directory");
        DESCRIPTIONS.put(CATALOGUE_EVENTS, "catalogue-service event store: outcomes, preferences and recommendations "
                + "sealed with the key, which it no longer holds");
        DESCRIPTIONS.put(CATALOGUE_VIEWS,
                "catalogue-service read models: recommendations, preferences, care holds and the caseload directory");
        DESCRIPTIONS.put(PROGRESS_JOURNEYS,
                "progress-service journeys, months and memberships, in every generation of the projection");
        DESCRIPTIONS.put(INSIGHTS_FACTS, "insights-service facts, in every generation (figures already released "
                + "are kept as released aggregates, nothing about the person)");
    }

    /** Every store, in the order a report lists them. */
    public static final List<String> ALL = List.copyOf(DESCRIPTIONS.keySet());

    private ErasureStores() {
    }

    /** What a store covers, for the report; the id itself for an unknown one. */
    public static String description(String store) {
        return DESCRIPTIONS.getOrDefault(store, store);
    }
}
