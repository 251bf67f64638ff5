package org.tend.insights.domain;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the figures of one programme are computed from: the programme (its k and when it began), its enrolled
 * participants and the catalogue's entries (names and approaches, for labels).
 */
public record ProgrammeFacts(InsightEvent.ProgrammeCreated programme, List<ParticipantFacts> participants,
                             Map<String, InsightEvent.InterventionPublished> catalogue) {

    public ProgrammeFacts {
        Objects.requireNonNull(programme, "programme");
        participants = List.copyOf(participants);
        catalogue = Map.copyOf(catalogue);
    }

    public String programmeId() {
        return programme.programmeId();
    }
}
