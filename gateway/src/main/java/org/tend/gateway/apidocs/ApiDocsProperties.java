package org.tend.gateway.apidocs;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code tend.gateway.api-docs.*}: the combined API document ({@link CombinedApiDocs}).
 *
 * @param cacheFor how long a combined document is served before the services' documents are read again (default
 *                 1 min; 5 s while one of them could not be read)
 * @param timeout  how long a service has to answer with its document (default 10 s: a service builds it on the
 *                 first request, which takes seconds on a busy machine; the services are asked in parallel)
 */
@ConfigurationProperties("tend.gateway.api-docs")
public record ApiDocsProperties(Duration cacheFor, Duration timeout) {

    public ApiDocsProperties {
        cacheFor = cacheFor == null ? Duration.ofMinutes(1) : cacheFor;
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
    }
}
