package org.tend.plumbing.health;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The service's availability follows its store and its broker ({@link InfrastructureMonitor}): the {@code store} and
 * {@code broker} health components, which the readiness group includes (liveness does not: a restart fixes neither),
 * and {@link UnavailableFilter} on {@code /api/}.
 *
 * <p>{@code tend.availability.check-interval} (default 2 s) and {@code tend.availability.timeout} (2 s) bound how
 * stale and how slow a check is; {@code tend.availability.retry-after} (5 s) is the {@code Retry-After} of a refusal.
 * {@code tend.availability.broker-required} (default false) makes the API refuse requests while the broker is away
 * too: by default it does not, because no request waits on Kafka (the event store keeps what the forwarder will
 * publish once the broker is back), so refusing would only turn away work the service can do.
 */
@AutoConfiguration(afterName = {"org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
        "org.tend.plumbing.store.StoreAutoConfiguration"})
@ConditionalOnBean({MongoDatabase.class, KafkaAdmin.class})
public class AvailabilityAutoConfiguration {

    @Bean
    public InfrastructureMonitor infrastructureMonitor(MongoDatabase serviceDatabase, KafkaAdmin kafkaAdmin,
            @Value("${tend.availability.check-interval:PT2S}") Duration interval,
            @Value("${tend.availability.timeout:PT2S}") Duration timeout) {
        return new InfrastructureMonitor(serviceDatabase, kafkaAdmin.getConfigurationProperties(), interval, timeout,
                Clock.systemUTC());
    }

    @Bean
    public HealthIndicator storeHealthIndicator(InfrastructureMonitor monitor) {
        return () -> health(monitor.store());
    }

    @Bean
    public HealthIndicator brokerHealthIndicator(InfrastructureMonitor monitor) {
        return () -> health(monitor.broker());
    }

    private static Health health(InfrastructureMonitor.Reachability reachability) {
        Health.Builder health = reachability.reachable() ? Health.up() : Health.down()
                .withDetail("problem", String.valueOf(reachability.problem()));
        return health.withDetail("since", reachability.since().toString()).build();
    }

    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    public FilterRegistrationBean<UnavailableFilter> unavailableFilter(InfrastructureMonitor monitor,
            @Value("${tend.availability.broker-required:false}") boolean brokerRequired,
            @Value("${tend.availability.retry-after:PT5S}") Duration retryAfter) {
        FilterRegistrationBean<UnavailableFilter> registration =
                new FilterRegistrationBean<>(new UnavailableFilter(monitor, brokerRequired, retryAfter));
        registration.addUrlPatterns("/api/*");
        // Before Spring Security: a refusal needs no token check, and the issuer may be away too.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }
}
