package org.tend.plumbing.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;

/** The command and event meters on Axon's own buses: outcomes, exceptions, and nothing counted for a rollback. */
class AxonMetricsTest {

    record Rename(String name) {
    }

    record Renamed(String name) {
    }

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void commandsAreTimedByTypeOutcomeAndException() {
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        bus.registerHandlerInterceptor(new CommandMetrics(meters));
        bus.subscribe(Rename.class.getName(), command -> {
            if (((Rename) command.getPayload()).name().isBlank()) {
                throw new IllegalArgumentException("a name is needed");
            }
            return null;
        });
        var gateway = DefaultCommandGateway.builder().commandBus(bus).build();

        gateway.sendAndWait(new Rename("x"));
        gateway.sendAndWait(new Rename("y"));
        assertThatThrownBy(() -> gateway.sendAndWait(new Rename(" "))).isInstanceOf(IllegalArgumentException.class);

        assertThat(meters.get("tend.commands").tags("type", "Rename", "outcome", "success", "exception", "none")
                .timer().count()).isEqualTo(2);
        assertThat(meters.get("tend.commands").tags("type", "Rename", "outcome", "failure",
                "exception", "IllegalArgumentException").timer().count()).isEqualTo(1);
        assertThat(meters.getMeters()).allSatisfy(meter -> assertThat(meter.getId().getTags().toString())
                .doesNotContain("\"x\"").doesNotContain("name="));
    }

    @Test
    void eventsAreCountedByTypeOnlyOnceTheirUnitOfWorkCommits() {
        SimpleEventBus bus = SimpleEventBus.builder().build();
        bus.registerDispatchInterceptor(new PublishedEventMetrics(meters));

        DefaultUnitOfWork<?> committed = DefaultUnitOfWork.startAndGet(GenericCommandMessage.asCommandMessage("c"));
        bus.publish(GenericEventMessage.asEventMessage(new Renamed("a")),
                GenericEventMessage.asEventMessage(new Renamed("b")));
        assertThat(meters.find("tend.events.published").counter()).as("not before the commit").isNull();
        committed.commit();

        DefaultUnitOfWork<?> rolledBack = DefaultUnitOfWork.startAndGet(GenericCommandMessage.asCommandMessage("d"));
        bus.publish(GenericEventMessage.asEventMessage(new Renamed("c")));
        rolledBack.rollback();

        assertThat(meters.get("tend.events.published").tag("type", "Renamed").counter().count()).isEqualTo(2.0);
    }
}
