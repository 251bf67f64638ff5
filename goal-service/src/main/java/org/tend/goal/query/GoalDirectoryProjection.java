package org.tend.goal.query;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;
import org.tend.goal.domain.GoalSet;

/**
 * Tracks the event store (its own processing group and token, apart from the Kafka forwarder) and keeps the goal
 * directory. The write is an upsert keyed by goal id, so replaying an event changes nothing.
 */
@Component
@ProcessingGroup(GoalDirectoryProjection.PROCESSING_GROUP)
public class GoalDirectoryProjection {

    public static final String PROCESSING_GROUP = "goal-directory";

    private final GoalDirectory directory;

    public GoalDirectoryProjection(GoalDirectory directory) {
        this.directory = directory;
    }

    @EventHandler
    void on(GoalSet event) {
        directory.record(event.goalId(), event.participantId());
    }
}
