package org.tend.goal.messaging;

import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;
import org.tend.contracts.EventTypes;
import org.tend.goal.domain.AttainmentScaleDefined;
import org.tend.goal.domain.GboOutcome;
import org.tend.goal.domain.GoalClosed;
import org.tend.goal.domain.GoalRevised;
import org.tend.goal.domain.GoalAttainmentRated;
import org.tend.goal.domain.GoalProgressRated;
import org.tend.goal.domain.GoalSet;
import org.tend.plumbing.messaging.IntegrationEvent;
import org.tend.plumbing.messaging.IntegrationEventMapper;

/**
 * goal-service's published language on {@code tend.goal.events}, keyed by the participant's pseudonymous id. Ids,
 * the scale, roles, ratings, GAS weights and levels, the outcomes computed here (GBO change, GAS T-score), a goal's
 * version number and how it ended, and times only: a goal's description (of any version), its target date and the
 * wording of its attainment levels never leave the service.
 */
@Component
public class GoalIntegrationEvents implements IntegrationEventMapper {

    /** {@code tend.goal.goal-set.v1}. */
    public record GoalSetV1(String goalId, String participantId, String interventionId, String scale,
                            String setByRole, Instant setAt) {
    }

    /** {@code tend.goal.goal-revised.v1}: the new version's number, never its wording or target date. */
    public record GoalRevisedV1(String goalId, String participantId, int version, String revisedByRole,
                                Instant revisedAt) {
    }

    /** {@code tend.goal.goal-closed.v1}. */
    public record GoalClosedV1(String goalId, String participantId, String closure, String closedByRole,
                               Instant closedAt) {
    }

    /** {@code tend.goal.goal-progress-rated.v2}: the rating and the goal's GBO outcome as computed here. */
    public record GoalProgressRatedV2(String goalId, String participantId, int rating, String ratedByRole,
                                      Instant ratedAt, Integer changeFromFirst, String changeClassification) {
    }

    /** {@code tend.goal.attainment-scale-defined.v1}: no level descriptions. */
    public record AttainmentScaleDefinedV1(String goalId, String participantId, int weight, int baselineLevel,
                                           Instant definedAt) {
    }

    /** {@code tend.goal.goal-attainment-rated.v1}: only for attainment ratings stored before the T-score was. */
    public record GoalAttainmentRatedV1(String goalId, String participantId, int level, String ratedByRole,
                                        Instant ratedAt) {
    }

    /** {@code tend.goal.goal-attainment-rated.v2}: the level and the participant's GAS T-score as computed here. */
    public record GoalAttainmentRatedV2(String goalId, String participantId, int level, String ratedByRole,
                                        Instant ratedAt, Double gasTScore) {
    }

    @Override
    public List<IntegrationEvent> map(Object domainEvent) {
        if (domainEvent instanceof GoalSet set) {
            return List.of(new IntegrationEvent(EventTypes.GOAL_SET_V1, set.participantId(),
                    new GoalSetV1(set.goalId(), set.participantId(), set.interventionId(), GboOutcome.SCALE,
                            set.setByRole().code(), set.setAt())));
        }
        if (domainEvent instanceof GoalRevised revised) {
            return List.of(new IntegrationEvent(EventTypes.GOAL_REVISED_V1, revised.participantId(),
                    new GoalRevisedV1(revised.goalId(), revised.participantId(), revised.version(),
                            revised.revisedByRole().code(), revised.revisedAt())));
        }
        if (domainEvent instanceof GoalClosed closed) {
            return List.of(new IntegrationEvent(EventTypes.GOAL_CLOSED_V1, closed.participantId(),
                    new GoalClosedV1(closed.goalId(), closed.participantId(), closed.closure().code(),
                            closed.closedByRole().code(), closed.closedAt())));
        }
        if (domainEvent instanceof GoalProgressRated rated) {
            return List.of(new IntegrationEvent(EventTypes.GOAL_PROGRESS_RATED_V2, rated.participantId(),
                    new GoalProgressRatedV2(rated.goalId(), rated.participantId(), rated.rating(),
                            rated.ratedByRole().code(), rated.ratedAt(), rated.changeFromFirst(),
                            rated.changeClassification())));
        }
        if (domainEvent instanceof AttainmentScaleDefined scale) {
            return List.of(new IntegrationEvent(EventTypes.ATTAINMENT_SCALE_DEFINED_V1, scale.participantId(),
                    new AttainmentScaleDefinedV1(scale.goalId(), scale.participantId(), scale.weight(),
                            scale.baselineLevel(), scale.definedAt())));
        }
        if (domainEvent instanceof GoalAttainmentRated rated && rated.gasTScore() == null) {
            // Stored before the T-score was recorded: v2 requires it, and computing it here would be a second
            // implementation of the formula, so such a record goes out as the v1 it was.
            return List.of(new IntegrationEvent(EventTypes.GOAL_ATTAINMENT_RATED_V1, rated.participantId(),
                    new GoalAttainmentRatedV1(rated.goalId(), rated.participantId(), rated.level(),
                            rated.ratedByRole().code(), rated.ratedAt())));
        }
        if (domainEvent instanceof GoalAttainmentRated rated) {
            return List.of(new IntegrationEvent(EventTypes.GOAL_ATTAINMENT_RATED_V2, rated.participantId(),
                    new GoalAttainmentRatedV2(rated.goalId(), rated.participantId(), rated.level(),
                            rated.ratedByRole().code(), rated.ratedAt(), rated.gasTScore())));
        }
        return List.of();
    }
}
