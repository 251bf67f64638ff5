package org.tend.catalogue.seeding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.tend.catalogue.domain.EvidenceStrength;
import org.tend.catalogue.domain.Format;
import org.tend.catalogue.domain.Intensity;
import org.tend.catalogue.domain.Intervention;
import org.tend.catalogue.domain.SteppedCareLevel;
import org.tend.catalogue.domain.entry.PublishIntervention;
import org.tend.catalogue.domain.entry.ReviseIntervention;
import org.tend.catalogue.seeding.CatalogueSeeder.Outcome;

/** Which command the seeder sends, and how it settles the races two instances starting at once can run into. */
class CatalogueSeederTest {

    private static final Intervention CBT = new Intervention("cbt", "CBT", "approach", Set.of(Format.GROUP),
            "8 sessions", "note", List.of("depression"), Set.of(SteppedCareLevel.STEP_2), Intensity.HIGH,
            EvidenceStrength.NICE_RECOMMENDED, null);

    private final CommandGateway commands = mock(CommandGateway.class);
    private final EventStore events = mock(EventStore.class);
    private final CatalogueSeeder seeder = new CatalogueSeeder(commands, events,
            Clock.fixed(Instant.parse("2025-03-01T08:00:00Z"), ZoneOffset.UTC));

    @Test
    void anEntryTheStoreDoesNotHaveIsPublished() {
        when(events.lastSequenceNumberFor("cbt")).thenReturn(Optional.empty());

        assertThat(seeder.seed(CBT, "1.0.0")).isEqualTo(Outcome.PUBLISHED);
        verify(commands, never()).sendAndWait(any(ReviseIntervention.class));
    }

    @Test
    void anEntryTheStoreHasIsComparedNotPublished() {
        when(events.lastSequenceNumberFor("cbt")).thenReturn(Optional.of(0L));
        when(commands.sendAndWait(any(ReviseIntervention.class))).thenReturn(false);

        assertThat(seeder.seed(CBT, "1.0.0")).isEqualTo(Outcome.UNCHANGED);
        verify(commands, never()).sendAndWait(any(PublishIntervention.class));
    }

    @Test
    void aChangedEntryIsRevised() {
        when(events.lastSequenceNumberFor("cbt")).thenReturn(Optional.of(0L));
        when(commands.sendAndWait(any(ReviseIntervention.class))).thenReturn(true);

        assertThat(seeder.seed(CBT, "1.1.0")).isEqualTo(Outcome.REVISED);
    }

    @Test
    void losingTheCreationRaceFallsBackToComparingWithTheWinnersEntry() {
        when(events.lastSequenceNumberFor("cbt")).thenReturn(Optional.empty());
        when(commands.sendAndWait(any(PublishIntervention.class)))
                .thenThrow(new AggregateStreamCreationException("cbt exists"));
        when(commands.sendAndWait(any(ReviseIntervention.class))).thenReturn(false);

        assertThat(seeder.seed(CBT, "1.0.0")).isEqualTo(Outcome.UNCHANGED);
    }

    @Test
    void aConcurrentRevisionIsRetriedOnTheNewState() {
        when(events.lastSequenceNumberFor("cbt")).thenReturn(Optional.of(0L));
        when(commands.sendAndWait(any(ReviseIntervention.class)))
                .thenThrow(new ConcurrencyException("revised meanwhile")).thenReturn(false);

        assertThat(seeder.seed(CBT, "1.1.0")).isEqualTo(Outcome.UNCHANGED);
    }

    @Test
    void anEntryThatVanishedBetweenLookUpAndCommandIsPublished() {
        when(events.lastSequenceNumberFor("cbt")).thenReturn(Optional.of(0L));
        when(commands.sendAndWait(any(ReviseIntervention.class)))
                .thenThrow(new AggregateNotFoundException("cbt", "no events"));

        assertThat(seeder.seed(CBT, "1.0.0")).isEqualTo(Outcome.PUBLISHED);
    }

    @Test
    void endlessConflictsStopTheStartInsteadOfLooping() {
        when(events.lastSequenceNumberFor("cbt")).thenReturn(Optional.of(0L));
        when(commands.sendAndWait(any(ReviseIntervention.class))).thenThrow(new ConcurrencyException("again"));

        assertThatThrownBy(() -> seeder.seed(CBT, "1.0.0")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cbt");
    }
}
