package org.tend.plumbing.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.time.Clock;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.eventhandling.EventBus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Tend's own meters, registered once for every service (platform-plumbing README, "Metrics"): commands by type and
 * outcome ({@link CommandMetrics}), events stored by type ({@link PublishedEventMetrics}), and how far behind each
 * consumer group applies what it reads ({@link ConsumedEventMetrics}, installed as the listener containers' record
 * and batch interceptor by Boot's Kafka auto-configuration). The forwarder's, dead letters' and rebuilds' meters are
 * kept by those components themselves.
 */
@AutoConfiguration
@ConditionalOnClass(MeterRegistry.class)
public class MetricsAutoConfiguration {

    /** Installs the command and event meters on the service's Axon buses once every bean exists. */
    @Bean
    public SmartInitializingSingleton tendAxonMetrics(ObjectProvider<MeterRegistry> registry,
                                                      ObjectProvider<CommandBus> commandBus,
                                                      ObjectProvider<EventBus> eventBus) {
        return () -> {
            MeterRegistry meters = registry.getIfAvailable(() -> Metrics.globalRegistry);
            commandBus.ifAvailable(bus -> bus.registerHandlerInterceptor(new CommandMetrics(meters)));
            eventBus.ifAvailable(bus -> bus.registerDispatchInterceptor(new PublishedEventMetrics(meters)));
        };
    }

    /**
     * Axon's event timestamps and the CloudEvents times follow the system clock (never the local stack's demo clock),
     * so lag is measured on it too.
     */
    @Bean
    public ConsumedEventMetrics tendConsumedEventMetrics(ObjectProvider<MeterRegistry> meters) {
        return new ConsumedEventMetrics(meters.getIfAvailable(() -> Metrics.globalRegistry), Clock.systemUTC());
    }
}
