package org.tend.plumbing.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.kafka.core.KafkaTemplate;

/** A mapping fault holds the topic up (nothing is skipped), but loudly: logged with the event id, counted, shown. */
@ExtendWith(OutputCaptureExtension.class)
class KafkaForwarderTest {

    record Renamed(String participantId) {
    }

    @Test
    @SuppressWarnings("unchecked")
    void aMappingFaultIsLoggedWithTheEventIdCountedAndShownUntilTheEventMaps(CapturedOutput output) {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ForwarderFaults faults = new ForwarderFaults(meters, Clock.systemUTC());
        boolean[] fixed = {false};
        IntegrationEventMapper mapper = event -> {
            if (!fixed[0]) {
                throw new IllegalArgumentException("no mapping for " + event.getClass().getSimpleName());
            }
            return List.of();
        };
        KafkaForwarder forwarder = new KafkaForwarder(mock(KafkaTemplate.class), new CloudEventRecords(
                MessagingAutoConfiguration.integrationJson(), "/tend/test"), List.of(mapper), "tend.test.events",
                Duration.ofSeconds(1), faults);
        EventMessage<Renamed> event = GenericEventMessage.asEventMessage(new Renamed("p_x"));

        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> handle(forwarder, event)).hasMessageContaining(event.getIdentifier());
        }
        assertThat(output.getOut()).contains("ERROR").contains("cannot map event " + event.getIdentifier()
                + " (Renamed) for tend.test.events (try 2)");
        assertThat(meters.get("tend.forwarder.mapping.faults").tag("type", "Renamed").counter().count())
                .isEqualTo(2.0);
        assertThat(faults.current()).hasValueSatisfying(fault -> {
            assertThat(fault.eventId()).isEqualTo(event.getIdentifier());
            assertThat(fault.failures()).isEqualTo(2);
        });
        assertThat(meters.get("tend.forwarder.blocked").gauge().value()).isEqualTo(1.0);
        var health = new MessagingAutoConfiguration().forwarderHealthIndicator(faults);
        assertThat(health.health().getStatus().getCode()).isEqualTo("DOWN");
        assertThat(health.health().getDetails()).containsEntry("eventId", event.getIdentifier());

        fixed[0] = true;
        handle(forwarder, event);
        assertThat(faults.current()).isEmpty();
        assertThat(health.health().getStatus().getCode()).isEqualTo("UP");
        assertThat(meters.get("tend.forwarder.blocked").gauge().value()).isEqualTo(0.0);
    }

    private static void handle(KafkaForwarder forwarder, EventMessage<Renamed> event) {
        DefaultUnitOfWork<EventMessage<Renamed>> unitOfWork = DefaultUnitOfWork.startAndGet(event);
        try {
            forwarder.on(event.getPayload(), event);
            unitOfWork.commit();
        } catch (RuntimeException e) {
            unitOfWork.rollback(e);
            throw e;
        }
    }
}
