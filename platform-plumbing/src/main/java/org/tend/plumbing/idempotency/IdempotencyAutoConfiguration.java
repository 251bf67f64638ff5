package org.tend.plumbing.idempotency;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.tend.plumbing.identity.Pseudonymizer;
import org.tend.plumbing.security.SecurityAutoConfiguration;
import org.tend.plumbing.store.StoreAutoConfiguration;

/**
 * {@code Idempotency-Key} for every servlet service with a store ({@link IdempotencyFilter}): records in the service's
 * own database, kept {@code tend.idempotency.ttl} (24 h) after the first request; an in-flight record is given up
 * after {@code tend.idempotency.in-flight-lease} (2 min), so a request cut short by a crash does not block its key.
 */
@AutoConfiguration(after = {StoreAutoConfiguration.class, SecurityAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean({MongoDatabase.class, Pseudonymizer.class})
@ConditionalOnProperty(name = "tend.idempotency.enabled", havingValue = "true", matchIfMissing = true)
public class IdempotencyAutoConfiguration {

    /** Right after Spring Security's filter chain ({@code spring.security.filter.order}, −100): the caller is known. */
    static final int ORDER = -90;

    @Bean
    @ConditionalOnMissingBean
    public IdempotencyRecords idempotencyRecords(MongoDatabase database, Clock clock,
            @Value("${tend.idempotency.ttl:PT24H}") Duration ttl,
            @Value("${tend.idempotency.in-flight-lease:PT2M}") Duration inFlightLease) {
        return new IdempotencyRecords(database, clock, ttl, inFlightLease);
    }

    @Bean
    public FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(IdempotencyRecords records,
                                                                       Pseudonymizer pseudonymizer) {
        FilterRegistrationBean<IdempotencyFilter> registration =
                new FilterRegistrationBean<>(new IdempotencyFilter(records, pseudonymizer));
        registration.setOrder(ORDER);
        return registration;
    }
}
