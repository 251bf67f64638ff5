package org.tend.gateway.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code tend.gateway.pseudonym-key-check.*}: the health check that compares the services' pseudonym key
 * fingerprints.
 *
 * @param cacheFor how long one round of answers is reused (default 10 s), so that probes do not hammer the services
 * @param timeout  how long a service has to answer its {@code /actuator/info} (default 2 s)
 */
@ConfigurationProperties("tend.gateway.pseudonym-key-check")
public record PseudonymKeyCheckProperties(Duration cacheFor, Duration timeout) {

    public PseudonymKeyCheckProperties {
        cacheFor = cacheFor == null ? Duration.ofSeconds(10) : cacheFor;
        timeout = timeout == null ? Duration.ofSeconds(2) : timeout;
    }
}
