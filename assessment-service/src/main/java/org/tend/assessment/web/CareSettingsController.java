package org.tend.assessment.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.tend.assessment.domain.programme.CareDefaults;
import org.tend.assessment.domain.programme.CareSettings;
import org.tend.assessment.domain.programme.ChangeCareSettings;
import org.tend.assessment.domain.programme.Programme;
import org.tend.assessment.domain.programme.ScheduleItem;
import org.tend.plumbing.axon.AggregateStates;
import org.tend.plumbing.axon.Commands;
import org.tend.plumbing.security.Caller;
import org.tend.plumbing.security.RequiresRole;
import org.tend.plumbing.web.NoControlCharacters;
import org.tend.plumbing.web.NotFoundException;
import org.tend.security.Role;

/**
 * A programme's care settings, set by its administrators: how many goals a participant may have active at once
 * (goal-service), how long a review flag may stay unresolved (progress-service) and the re-assessment schedule.
 * Every change is published as {@code tend.assessment.programme-settings-changed.v1}.
 */
@RestController
class CareSettingsController {

    /**
     * @param maxActiveGoals 1–5
     * @param reviewPeriod   ISO-8601 days, {@code P1D} to {@code P999D}
     * @param schedule       the new re-assessment schedule; omitted, the current one is kept
     */
    record CareSettingsRequest(Integer maxActiveGoals, @Size(max = 20) @NoControlCharacters String reviewPeriod,
                               @Valid ScheduleRequest schedule) {
    }

    /** @param items one per measure (an instrument's id or {@code goal-rating}), at most 20 */
    record ScheduleRequest(@NotNull @Size(max = CareSettings.MAX_SCHEDULE_ITEMS) List<@Valid ItemRequest> items) {
    }

    /** @param applies sent as {@code while}: {@code enrolled} or {@code plan-active} */
    record ItemRequest(@Size(max = 64) @NoControlCharacters String measure,
                       @Size(max = 20) @NoControlCharacters String every,
                       @JsonProperty("while") @Size(max = 20) @NoControlCharacters String applies) {
    }

    record ItemResponse(String measure, String every, @JsonProperty("while") String applies) {
    }

    record ScheduleResponse(String version, List<ItemResponse> items) {
    }

    record CareSettingsResponse(String programmeId, int maxActiveGoals, String reviewPeriod,
                                ScheduleResponse schedule) {

        static CareSettingsResponse of(String programmeId, CareSettings s) {
            return new CareSettingsResponse(programmeId, s.maxActiveGoals(), s.reviewPeriod(),
                    new ScheduleResponse(s.scheduleVersion(), s.schedule().stream()
                            .map(i -> new ItemResponse(i.measure(), i.every(), i.applies())).toList()));
        }
    }

    private final Commands commands;
    private final AggregateStates states;
    private final CareDefaults defaults;

    CareSettingsController(Commands commands, AggregateStates states, CareDefaults defaults) {
        this.commands = commands;
        this.states = states;
        this.defaults = defaults;
    }

    /** 404 {@code programmeId} for no such programme. */
    @RequiresRole(Role.ADMIN)
    @GetMapping("/api/programmes/{programmeId}/care-settings")
    CareSettingsResponse get(@PathVariable UUID programmeId) {
        return current(programmeId.toString());
    }

    /**
     * New care settings. 422 naming each field at fault: {@code maxActiveGoals} {@code required}/{@code range},
     * {@code reviewPeriod} {@code required}/{@code iso-8601-days}/{@code range}, {@code schedule.items} {@code range},
     * {@code schedule.items[i].measure} {@code unknown}/{@code duplicate}, {@code schedule.items[i].every} as
     * {@code reviewPeriod}, {@code schedule.items[i].while} {@code unknown}; 409 {@code programme-closed}; 404
     * {@code programmeId}. Nothing is written on a refusal; the same settings again change nothing.
     */
    @RequiresRole(Role.ADMIN)
    @PutMapping("/api/programmes/{programmeId}/care-settings")
    CareSettingsResponse change(@PathVariable UUID programmeId, @Valid @RequestBody CareSettingsRequest request,
                                Caller caller) {
        String id = programmeId.toString();
        current(id);
        List<ScheduleItem> schedule = request.schedule() == null ? null : request.schedule().items().stream()
                .map(i -> i == null ? null : new ScheduleItem(i.measure(), i.every(), i.applies())).toList();
        commands.send(new ChangeCareSettings(id, request.maxActiveGoals(), request.reviewPeriod(), schedule,
                caller.pseudonym(), commands.now()), "programmeId");
        return current(id);
    }

    private CareSettingsResponse current(String id) {
        return states.read(Programme.class, id, p -> CareSettingsResponse.of(id, p.careSettings(defaults)))
                .orElseThrow(() -> new NotFoundException("programmeId", "There is no programme " + id));
    }
}
