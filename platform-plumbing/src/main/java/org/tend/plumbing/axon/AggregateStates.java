package org.tend.plumbing.axon;

import java.lang.reflect.Constructor;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.common.annotation.AnnotationUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.ParameterResolver;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;

/**
 * An event-sourced aggregate's state as of its latest stored event, read without going through its repository: the
 * aggregate's own event-sourcing handlers fold its stream into a fresh instance, so there is one fold of the events
 * (the aggregate's), the read takes no lock, never waits behind a command in progress and can change nothing.
 *
 * <p>For the few places a request must see what the previous request wrote (a programme can be enrolled in the
 * moment it is created), where a read model would catch up a few milliseconds later. A stream that belongs to
 * another aggregate type (an id that names an assessment, asked for as a programme) reads as absent.
 */
public final class AggregateStates {

    private final EventStore events;
    private final Map<Class<?>, AggregateModel<?>> models = new ConcurrentHashMap<>();

    public AggregateStates(EventStore events) {
        this.events = events;
    }

    /**
     * @param state what to read from the folded aggregate (it must not be handed out itself: it is not a value)
     * @return empty when there is no stream under the id, or it is another aggregate type's stream
     */
    public <A, S> Optional<S> read(Class<A> type, String aggregateId, Function<? super A, ? extends S> state) {
        if (aggregateId == null || aggregateId.isBlank()) {
            return Optional.empty();
        }
        AggregateModel<A> model = model(type);
        DomainEventStream stream = events.readEvents(aggregateId);
        A aggregate = null;
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            if (aggregate == null) {
                if (type.isInstance(event.getPayload())) {
                    // A snapshot: the aggregate as of that event.
                    aggregate = type.cast(event.getPayload());
                    continue;
                }
                if (!model.type().equals(event.getType())) {
                    return Optional.empty();
                }
                aggregate = newInstance(type);
            }
            model.publish(event, aggregate);
        }
        return aggregate == null ? Optional.empty() : Optional.ofNullable(state.apply(aggregate));
    }

    @SuppressWarnings("unchecked")
    private <A> AggregateModel<A> model(Class<A> type) {
        return (AggregateModel<A>) models.computeIfAbsent(type, t -> AnnotatedAggregateMetaModelFactory
                .inspectAggregate(t, foldResolvers(ClasspathParameterResolverFactory.forClass(t))));
    }

    /**
     * The parameters the fold can resolve: the classpath's, as for any handler, and for a command handler's other
     * parameters (a Spring bean such as a policy, which Axon's Spring configuration injects when a command runs), a
     * placeholder. The fold calls event-sourcing handlers only, never a command handler, but inspecting the aggregate
     * resolves every handler's parameters; without the placeholder, an aggregate whose command handler takes a bean
     * could not be read at all outside a test (where Axon's test fixture resolves any parameter).
     */
    static ParameterResolverFactory foldResolvers(ParameterResolverFactory classpath) {
        return new MultiParameterResolverFactory(classpath, (executable, parameters, index) ->
                AnnotationUtils.isAnnotationPresent(executable, CommandHandler.class) ? NEVER_CALLED : null);
    }

    private static final ParameterResolver<Object> NEVER_CALLED = new ParameterResolver<>() {
        @Override
        public Object resolveParameterValue(Message<?> message) {
            throw new IllegalStateException("a fold of the event store calls no command handler");
        }

        @Override
        public boolean matches(Message<?> message) {
            return true;
        }
    };

    private static <A> A newInstance(Class<A> type) {
        try {
            Constructor<A> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type.getName() + " needs a no-argument constructor to be event-sourced", e);
        }
    }
}
