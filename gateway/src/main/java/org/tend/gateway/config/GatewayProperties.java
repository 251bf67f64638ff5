package org.tend.gateway.config;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Tend's own gateway settings ({@code tend.gateway.*}); the routes themselves are Spring Cloud Gateway's
 * {@code spring.cloud.gateway.server.webflux.routes}.
 *
 * @param hrAllowedPaths          path patterns on which a token with the {@code hr} role is let through (none yet)
 * @param untrustedRequestHeaders request header names removed on arrival; a trailing {@code *} matches any suffix
 */
@ConfigurationProperties("tend.gateway")
public record GatewayProperties(List<String> hrAllowedPaths, List<String> untrustedRequestHeaders) {

    public GatewayProperties {
        hrAllowedPaths = hrAllowedPaths == null ? List.of() : List.copyOf(hrAllowedPaths);
        untrustedRequestHeaders = untrustedRequestHeaders == null ? List.of() : List.copyOf(untrustedRequestHeaders);
    }
}
