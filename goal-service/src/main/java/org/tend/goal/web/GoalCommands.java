package org.tend.goal.web;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.stereotype.Component;
import org.tend.goal.domain.DefineAttainmentScale;
import org.tend.goal.domain.GoalRejected;
import org.tend.goal.domain.RateGoalAttainment;
import org.tend.goal.domain.RateGoalProgress;
import org.tend.goal.domain.SetGoal;
import org.tend.plumbing.web.ConflictException;
import org.tend.plumbing.web.NotFoundException;

/** Sends commands to the aggregate and turns its refusals into problems at the web edge. */
@Component
class GoalCommands {

    private final CommandGateway gateway;

    GoalCommands(CommandGateway gateway) {
        this.gateway = gateway;
    }

    void setGoal(SetGoal command) {
        send(command);
    }

    void rate(RateGoalProgress command) {
        sendAboutAGoal(command);
    }

    void defineAttainmentScale(DefineAttainmentScale command) {
        sendAboutAGoal(command);
    }

    void rateAttainment(RateGoalAttainment command) {
        sendAboutAGoal(command);
    }

    /** A command about an existing goal: a participant without any goals has no such goal either. */
    private void sendAboutAGoal(Object command) {
        try {
            send(command);
        } catch (AggregateNotFoundException e) {
            throw new NotFoundException("goalId", "No such goal");
        }
    }

    private void send(Object command) {
        try {
            gateway.sendAndWait(command);
        } catch (GoalRejected rejected) {
            throw Rejections.toProblem(rejected);
        } catch (ConcurrencyException e) {
            // Another instance changed the same participant's goals at the same moment; nothing was written.
            throw new ConflictException("participantId", "concurrent-modification",
                    "The participant's goals were changed by another request; retry");
        }
    }
}
