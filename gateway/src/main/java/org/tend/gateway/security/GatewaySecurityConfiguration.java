package org.tend.gateway.security;

import io.netty.channel.ChannelOption;
import java.time.Duration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.JwkSetUriReactiveJwtDecoderBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ServerWebExchange;
import org.tend.gateway.config.GatewayProperties;
import org.tend.gateway.web.Problems;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * A stateless resource server: the token's signature (against {@code TEND_JWT_JWK_SET_URI}), issuer and expiry
 * are checked by Boot's decoder from {@code spring.security.oauth2.resourceserver.jwt.*}; the {@code roles}
 * claim becomes {@code ROLE_<role>} by the same properties. Every refusal is an RFC 9457 problem.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
public class GatewaySecurityConfiguration {

    /**
     * The decoder fetches the issuer's JWK set with a WebClient that has no timeouts by default: an issuer that
     * hangs would hang every request. Bounded here; a failed fetch becomes a 503 problem.
     */
    @Bean
    JwkSetUriReactiveJwtDecoderBuilderCustomizer jwkSetFetchTimeouts() {
        HttpClient httpClient = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2_000)
                .responseTimeout(Duration.ofSeconds(5));
        return builder -> builder.webClient(WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(httpClient)).build());
    }

    @Bean
    SecurityWebFilterChain gatewaySecurity(ServerHttpSecurity http, GatewayProperties properties, Problems problems) {
        ServerAuthenticationEntryPoint unauthenticated = (exchange, e) -> unauthenticated(problems, exchange, e);
        ServerAccessDeniedHandler forbidden = (exchange, e) -> problems.write(exchange, HttpStatus.FORBIDDEN,
                "forbidden", "The token's roles do not allow this request through the gateway");
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/actuator/health/**").permitAll()
                        .pathMatchers("/api/**").access(new HrAccessPolicy(properties.hrAllowedPaths()))
                        .anyExchange().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(Customizer.withDefaults())
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(forbidden))
                .build();
    }

    private static Mono<Void> unauthenticated(Problems problems, ServerWebExchange exchange, AuthenticationException e) {
        HttpHeaders headers = exchange.getResponse().getHeaders();
        if (e instanceof OAuth2AuthenticationException) {
            // A token was sent and refused: bad signature, expired, wrong issuer, malformed.
            headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
            return problems.write(exchange, HttpStatus.UNAUTHORIZED, "unauthenticated",
                    "The bearer token was refused: " + e.getMessage());
        }
        headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        return problems.write(exchange, HttpStatus.UNAUTHORIZED, "unauthenticated",
                "A valid bearer token is required");
    }
}
