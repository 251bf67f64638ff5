package org.tend.gateway.security;

import io.netty.channel.ChannelOption;
import java.time.Duration;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.tend.security.DeploymentSettings;
import org.tend.security.TokenRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
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
 * A stateless resource server: the token's signature (against {@code TEND_JWT_JWK_SET_URI}), then the same
 * {@link TokenRules} every service applies (issuer, audience, exp, iat, sub, roles array); known roles in the
 * {@code roles} claim become {@code ROLE_<role>}, unknown names are ignored. Every refusal is an RFC 9457 problem
 * with a fixed detail; why a token was refused is logged only. Outside the local profile the gateway will not start
 * with development settings ({@link DeploymentSettings}).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
public class GatewaySecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(GatewaySecurityConfiguration.class);

    /**
     * The decoder fetches the issuer's JWK set with a WebClient that has no timeouts by default: an issuer that
     * hangs would hang every request. Bounded here; a failed fetch becomes a 503 problem.
     */
    @Bean
    ReactiveJwtDecoder jwtDecoder(Environment environment,
                                  @Value("${spring.security.oauth2.resourceserver.jwt.jwk-set-uri}") String jwkSetUri,
                                  @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri}") String issuer,
                                  @Value("${tend.jwt.audience:}") String audience,
                                  @Value("${tend.jwt.clock-skew:PT30S}") Duration clockSkew) {
        DeploymentSettings.refuseDevelopmentSettings(
                environment.acceptsProfiles(Profiles.of(DeploymentSettings.LOCAL_PROFILE)), issuer, jwkSetUri,
                audience, null);
        HttpClient httpClient = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2_000)
                .responseTimeout(Duration.ofSeconds(5));
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(jwkSetUri)
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .webClient(WebClient.builder().clientConnector(new ReactorClientHttpConnector(httpClient)).build())
                .build();
        decoder.setJwtValidator(TokenRules.validator(issuer, audience, clockSkew, Clock.systemUTC()));
        return decoder;
    }

    /** Known roles only: an unknown name in the claim grants nothing and is never mapped. */
    static Mono<AbstractAuthenticationToken> authentication(Jwt jwt) {
        List<GrantedAuthority> authorities = TokenRules.roles(jwt).stream()
                .map(role -> (GrantedAuthority) new SimpleGrantedAuthority(role.authority())).toList();
        return Mono.just(new JwtAuthenticationToken(jwt, authorities, jwt.getSubject()));
    }

    @Bean
    SecurityWebFilterChain gatewaySecurity(ServerHttpSecurity http, GatewayProperties properties, Problems problems) {
        ServerAuthenticationEntryPoint unauthenticated = (exchange, e) -> unauthenticated(problems, exchange, e);
        ServerAccessDeniedHandler forbidden = (exchange, e) -> problems.write(exchange, HttpStatus.FORBIDDEN,
                "forbidden", TokenRules.FORBIDDEN);
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
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(GatewaySecurityConfiguration::authentication))
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
            // A token was sent and refused: bad signature, expired, wrong issuer or audience, incomplete.
            log.info("refused a bearer token for {} {}: {}", exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(), e.getMessage());
            headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
        } else {
            headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return problems.write(exchange, HttpStatus.UNAUTHORIZED, "unauthenticated", TokenRules.UNAUTHENTICATED);
    }
}
