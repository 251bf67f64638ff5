package org.tend.catalogue.web;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The bodies of the care plan's commands. Codes are checked against their lists by the controller. */
final class CarePlanRequests {

    private CarePlanRequests() {
    }

    /**
     * @param change                 {@code step-up}, {@code step-down}, {@code add}, {@code switch} or {@code stop}
     * @param interventionId         the intervention added, stopped or switched to
     * @param replacedInterventionId for a switch, the intervention that ends
     * @param reason                 one of the coded reasons
     */
    record Adjust(@NotNull(message = "Choose what changes") @Size(max = 40) String change,
                  @Size(max = 64) String interventionId, @Size(max = 64) String replacedInterventionId,
                  @NotNull(message = "Choose a reason") @Size(max = 40) String reason,
                  @Size(max = 4000) String note) {
    }

    /** @param decision {@code continue} */
    record Review(@NotNull(message = "A review decides to continue the plan") @Size(max = 40) String decision,
                  @NotNull(message = "Choose a reason") @Size(max = 40) String reason,
                  @Size(max = 4000) String note) {
    }

    /** A participant takes up one of their recommendations. */
    record TakeUp(@NotNull(message = "Choose an intervention") @Size(max = 64) String interventionId) {
    }
}
