package org.tend.plumbing.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.function.BiFunction;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * Counts the events the service stores: {@code tend.events.published} [{@code tend_events_published_total}] by
 * {@code type} (the event's class name, e.g. {@code AssessmentCompleted}). Events published inside a unit of work
 * are counted once it has committed, so a rolled-back command counts nothing.
 */
public class PublishedEventMetrics implements MessageDispatchInterceptor<EventMessage<?>> {

    private final MeterRegistry meters;

    public PublishedEventMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        List<String> types = messages.stream().map(m -> m.getPayloadType().getSimpleName()).toList();
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(u -> count(types));
        } else {
            count(types);
        }
        return (index, message) -> message;
    }

    private void count(List<String> types) {
        for (String type : types) {
            Counter.builder("tend.events.published").description("Events stored in the service's event store, by type")
                    .tag("type", type).register(meters).increment();
        }
    }
}
