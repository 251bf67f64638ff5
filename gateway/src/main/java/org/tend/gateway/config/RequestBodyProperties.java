package org.tend.gateway.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code tend.gateway.request-body.*}: what the gateway accepts as a request body.
 *
 * @param maxSize the largest body relayed (default 64 KiB); a larger one is refused with a 413 problem
 */
@ConfigurationProperties("tend.gateway.request-body")
public record RequestBodyProperties(DataSize maxSize) {

    public RequestBodyProperties {
        maxSize = maxSize == null ? DataSize.ofKilobytes(64) : maxSize;
        if (maxSize.toBytes() < 0 || maxSize.toBytes() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("tend.gateway.request-body.max-size must be 0 to 2 GiB: " + maxSize);
        }
    }
}
