package org.tend.catalogue.domain.entry;

import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How a catalogue entry records what the data file says: first publication, revisions, and nothing else. */
class CatalogueEntryTest {

    private static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");
    private static final Instant T1 = Instant.parse("2025-06-01T08:00:00Z");

    private static final InterventionContent CBT_V1 = new InterventionContent("Cognitive behavioural therapy (CBT)",
            "Structured, goal-oriented talking therapy.", List.of("individual", "group"), "8 group sessions",
            "First-line in NICE [V]", List.of("depression", "anxiety"), List.of("step-2", "step-3"), "high",
            "nice-recommended", null, null);
    private static final InterventionContent CBT_V2 = new InterventionContent("Cognitive behavioural therapy (CBT)",
            "Structured, goal-oriented talking therapy.", List.of("individual", "group", "digital"),
            "8 group sessions", "First-line in NICE [V]", List.of("depression", "anxiety"),
            List.of("step-2", "step-3"), "high", "nice-recommended", null, null);

    private FixtureConfiguration<CatalogueEntry> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(CatalogueEntry.class);
    }

    @Test
    void anEntryTheStoreDoesNotHaveIsPublished() {
        fixture.givenNoPriorActivity()
                .when(new PublishIntervention("cbt", "1.0.0", CBT_V1, T0))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new InterventionPublished("cbt", "1.0.0", CBT_V1, T0));
    }

    @Test
    void seedingTheSameContentAgainChangesNothing() {
        fixture.given(new InterventionPublished("cbt", "1.0.0", CBT_V1, T0))
                .when(new ReviseIntervention("cbt", "1.0.0", CBT_V1, T1))
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }

    @Test
    void aNewDataVersionThatSaysSomethingElseIsRecordedAsARevision() {
        fixture.given(new InterventionPublished("cbt", "1.0.0", CBT_V1, T0))
                .when(new ReviseIntervention("cbt", "1.1.0", CBT_V2, T1))
                .expectEvents(new InterventionRevised("cbt", "1.1.0", CBT_V2, T1))
                .expectResultMessagePayload(true);
    }

    @Test
    void aNewDataVersionThatSaysTheSameIsNoRevision() {
        fixture.given(new InterventionPublished("cbt", "1.0.0", CBT_V1, T0))
                .when(new ReviseIntervention("cbt", "2.0.0", CBT_V1, T1))
                .expectNoEvents();
    }

    @Test
    void anOlderDataFileDoesNotUndoANewerRevision() {
        // An instance of the previous release starting during a rolling deployment.
        fixture.given(new InterventionPublished("cbt", "1.0.0", CBT_V1, T0),
                        new InterventionRevised("cbt", "1.10.0", CBT_V2, T1))
                .when(new ReviseIntervention("cbt", "1.9.0", CBT_V1, T1.plusSeconds(60)))
                .expectNoEvents();
    }

    @Test
    void aCorrectionWithinTheSameVersionIsRecorded() {
        fixture.given(new InterventionPublished("cbt", "1.0.0", CBT_V1, T0))
                .when(new ReviseIntervention("cbt", "1.0.0", CBT_V2, T1))
                .expectEvents(new InterventionRevised("cbt", "1.0.0", CBT_V2, T1));
    }

    @Test
    void revisingAnEntryTheStoreDoesNotHaveFailsSoTheSeederPublishesIt() {
        fixture.givenNoPriorActivity()
                .when(new ReviseIntervention("cbt", "1.0.0", CBT_V1, T0))
                .expectException(AggregateNotFoundException.class);
    }

    @Test
    void contentWithCodesThisServiceDoesNotKnowIsRefused() {
        InterventionContent odd = new InterventionContent("X", "x", List.of("telepathy"), "d", "n",
                List.of("stress"), List.of("step-2"), "low", "limited", null, null);
        fixture.givenNoPriorActivity()
                .when(new PublishIntervention("x", "1.0.0", odd, T0))
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
    }
}
