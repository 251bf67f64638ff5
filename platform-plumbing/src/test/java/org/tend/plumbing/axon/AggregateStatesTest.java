package org.tend.plumbing.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AggregateStatesTest {

    record Opened(String id) {
    }

    record Noted(String id, String note) {
    }

    /** A resource no classpath factory knows. */
    static final class Shelf {
    }

    static class Notebook {
        @AggregateIdentifier
        private String id;
        private final List<String> notes = new ArrayList<>();

        private Notebook() {
        }

        /** A command handler that takes a resource only the application's configuration could inject. */
        @org.axonframework.commandhandling.CommandHandler
        Notebook(Opened command, Shelf shelf) {
            org.axonframework.modelling.command.AggregateLifecycle.apply(command);
        }

        @EventSourcingHandler
        void on(Opened event) {
            id = event.id();
        }

        @EventSourcingHandler
        void on(Noted event) {
            notes.add(event.note());
        }

        List<String> notes() {
            return List.copyOf(notes);
        }
    }

    /** A policy a command handler takes as a bean, as assessment-service's Programme takes its PrivacyFloor. */
    record Policy(int floor) {
    }

    static class Ledger {
        @AggregateIdentifier
        private String id;

        private Ledger() {
        }

        @org.axonframework.commandhandling.CommandHandler
        Ledger(Opened command, Policy policy) {
            org.axonframework.modelling.command.AggregateLifecycle.apply(command);
        }

        @EventSourcingHandler
        void on(Opened event) {
            id = event.id();
        }

        String id() {
            return id;
        }
    }

    /**
     * Outside a test fixture nothing resolves a command handler's bean parameter (here: the classpath's own resolvers
     * without axon-test's, which resolves anything); the fold still reads the aggregate.
     */
    @Test
    void anAggregateWhoseCommandHandlerTakesABeanCanBeFolded() {
        var withoutFixture = new org.axonframework.messaging.annotation.DefaultParameterResolverFactory();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> org.axonframework.modelling.command.inspection
                .AnnotatedAggregateMetaModelFactory.inspectAggregate(Ledger.class, withoutFixture))
                .hasMessageContaining("Unable to resolve parameter 1 (Policy)");

        var model = org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory
                .inspectAggregate(Ledger.class, AggregateStates.foldResolvers(withoutFixture));
        Ledger ledger = new Ledger();
        model.publish(new GenericDomainEventMessage<>("Ledger", "l-9", 0, new Opened("l-9")), ledger);
        assertThat(ledger.id()).isEqualTo("l-9");

        append("Ledger", "l-9", 0, new Opened("l-9"));
        assertThat(states.read(Ledger.class, "l-9", Ledger::id)).contains("l-9");
    }

    private EmbeddedEventStore store;
    private AggregateStates states;

    @BeforeEach
    void setUp() {
        store = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        states = new AggregateStates(store);
    }

    private void append(String type, String id, long sequence, Object payload) {
        store.publish(new GenericDomainEventMessage<>(type, id, sequence, payload));
    }

    @Test
    void foldsTheStreamWithTheAggregatesOwnHandlersAsOfItsLatestEvent() {
        append("Notebook", "n-1", 0, new Opened("n-1"));
        append("Notebook", "n-1", 1, new Noted("n-1", "first"));
        append("Notebook", "n-1", 2, new Noted("n-1", "second"));

        assertThat(states.read(Notebook.class, "n-1", Notebook::notes)).contains(List.of("first", "second"));

        append("Notebook", "n-1", 3, new Noted("n-1", "third"));
        assertThat(states.read(Notebook.class, "n-1", Notebook::notes))
                .contains(List.of("first", "second", "third"));
    }

    @Test
    void noStreamAnotherAggregatesStreamOrNoIdReadAsAbsent() {
        append("Ledger", "l-1", 0, new Opened("l-1"));

        assertThat(states.read(Notebook.class, "missing", Notebook::notes)).isEmpty();
        assertThat(states.read(Notebook.class, "l-1", Notebook::notes)).isEmpty();
        assertThat(states.read(Notebook.class, " ", Notebook::notes)).isEmpty();
        assertThat(states.read(Notebook.class, null, Notebook::notes)).isEmpty();
    }
}
