package org.tend.assessment.erasure;

import java.time.Clock;
import org.tend.contracts.ErasureStores;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;
import org.tend.assessment.domain.enrolment.ParticipantErased;
import org.tend.keys.ParticipantKeys;

/**
 * Carries out an erasure once it is stored: destroys the participant's key (an erasure marker on the key topic, which
 * every instance of every service follows), which makes everything sealed with it unreadable (this service's event
 * store, every record about them on the topics and in dead letters), and drops their erasure codes. Replaying it
 * changes nothing: erasing an erased key writes one more marker, and a store's first confirmation is the one kept.
 */
@Component
@ProcessingGroup(KeyShredder.PROCESSING_GROUP)
public class KeyShredder {

    public static final String PROCESSING_GROUP = "erasure";

    private final ParticipantKeys keys;
    private final ErasureReports reports;
    private final Clock clock;

    public KeyShredder(ParticipantKeys keys, ErasureReports reports, Clock clock) {
        this.keys = keys;
        this.reports = reports;
        this.clock = clock;
    }

    @EventHandler
    void on(ParticipantErased event) {
        reports.open(event.erasureId(), event.participantId(), event.requestedBy(), event.erasedAt());
        keys.erase(event.participantId());
        reports.confirm(event.erasureId(), ErasureStores.KEYS, clock.instant());
        // Every record about them on the topics was sealed with that key: no copy opens any more.
        reports.confirm(event.erasureId(), ErasureStores.TOPICS, clock.instant());
        reports.confirm(event.erasureId(), ErasureStores.DEAD_LETTERS, clock.instant());
        reports.confirm(event.erasureId(), ErasureStores.ASSESSMENT_EVENTS, clock.instant());
        reports.dropCodesOf(event.participantId());
    }
}
