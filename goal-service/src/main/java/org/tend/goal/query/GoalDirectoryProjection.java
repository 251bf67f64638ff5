package org.tend.goal.query;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;
import org.tend.goal.domain.GoalSet;
import org.tend.plumbing.caseload.CaseloadDirectory;

/**
 * Tracks the event store (its own processing group and token, apart from the Kafka forwarder) and keeps the goal
 * directory. The write is an upsert keyed by goal id, so replaying an event changes nothing.
 */
@Component
@ProcessingGroup(GoalDirectoryProjection.PROCESSING_GROUP)
public class GoalDirectoryProjection {

    public static final String PROCESSING_GROUP = "goal-directory";

    private final GoalDirectory directory;
    private final CaseloadDirectory caseloads;

    public GoalDirectoryProjection(GoalDirectory directory, CaseloadDirectory caseloads) {
        this.directory = directory;
        this.caseloads = caseloads;
    }

    /** A goal of someone since erased (this processor catching up, or replaying) is not written back. */
    @EventHandler
    void on(GoalSet event) {
        if (!caseloads.isErased(event.participantId())) {
            directory.record(event.goalId(), event.participantId());
        }
    }
}
