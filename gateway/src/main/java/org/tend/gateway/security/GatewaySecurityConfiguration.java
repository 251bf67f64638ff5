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
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ServerWebExchange;
import java.net.URI;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.web.server.DelegatingServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.logout.RedirectServerLogoutSuccessHandler;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.security.web.server.authorization.ServerWebExchangeDelegatingServerAccessDeniedHandler;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.savedrequest.WebSessionServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.security.web.server.util.matcher.AndServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.OrServerWebExchangeMatcher;
import org.tend.gateway.apidocs.CombinedApiDocs;
import org.tend.gateway.config.BrowserSessionProperties;
import org.tend.gateway.config.GatewayProperties;
import org.tend.security.Role;
import org.tend.gateway.web.CarePages;
import org.tend.gateway.web.HrPages;
import org.tend.gateway.web.Problems;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Bearer tokens for API clients, and sessions for browsers ({@link BrowserSessions}). A bearer token: the token's signature (against {@code TEND_JWT_JWK_SET_URI}), then the same
 * {@link TokenRules} every service applies (issuer, audience, exp, iat, sub, roles array); known roles in the
 * {@code roles} claim become {@code ROLE_<role>}, unknown names are ignored. Every refusal is an RFC 9457 problem
 * with a fixed detail; why a token was refused is logged only. Outside the local profile the gateway will not start
 * with development settings ({@link DeploymentSettings}).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
public class GatewaySecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(GatewaySecurityConfiguration.class);

    /** The programme figures: HR and administrators only, never individual data. */
    public static final String AGGREGATE_PATHS = "/api/insights/**";

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

    /**
     * One chain for both kinds of caller. An API client sends a bearer token on every request (no session, no cookie,
     * no CSRF token: a cross-site page cannot set that header). A browser signs in once through the identity provider
     * and is then known by its session cookie; its state-changing requests need the CSRF token (cookie to header).
     */
    @Bean
    SecurityWebFilterChain gatewaySecurity(ServerHttpSecurity http, GatewayProperties properties, Problems problems,
                                           BrowserSessionProperties sessions,
                                           ServerOAuth2AuthorizationRequestResolver pkceAuthorizationRequests,
                                           ServerOAuth2AuthorizedClientRepository authorizedClients) {
        ServerAuthenticationEntryPoint unauthenticated = (exchange, e) -> unauthenticated(problems, exchange, e);
        ServerAccessDeniedHandler forbidden = (exchange, e) -> problems.write(exchange, HttpStatus.FORBIDDEN,
                "forbidden", TokenRules.FORBIDDEN);
        ServerWebExchangeMatcher hrPages = ServerWebExchangeMatchers.pathMatchers("/hr", "/hr/**");
        ServerWebExchangeMatcher participantPages = ServerWebExchangeMatchers.pathMatchers(CarePages.PARTICIPANT_PAGES);
        ServerWebExchangeMatcher practitionerPages = ServerWebExchangeMatchers.pathMatchers(CarePages.PRACTITIONER_PAGES);
        ServerWebExchangeMatcher pages = new OrServerWebExchangeMatcher(hrPages, participantPages, practitionerPages);
        WebSessionServerRequestCache requestCache = new WebSessionServerRequestCache();
        requestCache.setSaveRequestMatcher(new AndServerWebExchangeMatcher(
                ServerWebExchangeMatchers.pathMatchers(HttpMethod.GET, "/**"), pages));
        CookieServerCsrfTokenRepository csrfTokens = CookieServerCsrfTokenRepository.withHttpOnlyFalse();
        csrfTokens.setCookieCustomizer(cookie -> cookie.sameSite("Lax"));
        DelegatingServerAuthenticationEntryPoint entryPoint = new DelegatingServerAuthenticationEntryPoint(
                new DelegatingServerAuthenticationEntryPoint.DelegateEntry(pages,
                        new RedirectServerAuthenticationEntryPoint(BrowserSessions.SIGN_IN_PATH)));
        entryPoint.setDefaultEntryPoint(unauthenticated);
        ServerWebExchangeDelegatingServerAccessDeniedHandler denied = new ServerWebExchangeDelegatingServerAccessDeniedHandler(
                new ServerWebExchangeDelegatingServerAccessDeniedHandler.DelegateEntry(hrPages, HrPages::refused),
                new ServerWebExchangeDelegatingServerAccessDeniedHandler.DelegateEntry(participantPages,
                        CarePages::refusedParticipantPages),
                new ServerWebExchangeDelegatingServerAccessDeniedHandler.DelegateEntry(practitionerPages,
                        CarePages::refusedPractitionerPages));
        denied.setDefaultAccessDeniedHandler(forbidden);
        RedirectServerLogoutSuccessHandler signedOut = new RedirectServerLogoutSuccessHandler();
        signedOut.setLogoutSuccessUrl(URI.create(sessions.logoutRedirectUri().isEmpty() ? "/hr/"
                : sessions.logoutRedirectUri()));
        return http
                .csrf(csrf -> csrf
                        .csrfTokenRepository(csrfTokens)
                        .csrfTokenRequestHandler(new ServerCsrfTokenRequestAttributeHandler())
                        .requireCsrfProtectionMatcher(GatewaySecurityConfiguration::browserWrite))
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(logout -> logout
                        .logoutUrl("/logout")
                        .logoutSuccessHandler(signedOut))
                .requestCache(cache -> cache.requestCache(requestCache))
                .securityContextRepository(new WebSessionServerSecurityContextRepository())
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/actuator/health/**").permitAll()
                        .pathMatchers("/oauth2/**", "/login/oauth2/**").permitAll()
                        // The dashboard's own scripts and styles and the chart library: no data in them.
                        .pathMatchers(HttpMethod.GET, "/hr/assets/**", "/webjars/**").permitAll()
                        .pathMatchers(HttpMethod.GET, CarePages.PAGE_ASSETS).permitAll()
                        // The API's description and its page, public: what the API is, no data
                        // (CombinedApiDocs). The services' own documents are not routed.
                        .pathMatchers(HttpMethod.GET, CombinedApiDocs.PATH, CombinedApiDocs.UI_PATH,
                                CombinedApiDocs.UI_FILES, CombinedApiDocs.SWAGGER_CONFIG).permitAll()
                        .pathMatchers(AGGREGATE_PATHS).access(GatewaySecurityConfiguration::hrOrAdmin)
                        .pathMatchers("/api/**").access(new HrAccessPolicy(properties.hrAllowedPaths()))
                        .matchers(hrPages).access(GatewaySecurityConfiguration::hrOrAdmin)
                        // A participant's own pages, and a practitioner's caseload (CarePages).
                        .matchers(participantPages).hasAuthority(Role.PARTICIPANT.authority())
                        .matchers(practitionerPages).hasAuthority(Role.PRACTITIONER.authority())
                        .anyExchange().authenticated())
                .oauth2Login(login -> login
                        .authorizationRequestResolver(pkceAuthorizationRequests)
                        .authorizedClientRepository(authorizedClients)
                        .securityContextRepository(new WebSessionServerSecurityContextRepository())
                        .authenticationFailureHandler(HrPages::signInFailed))
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(GatewaySecurityConfiguration::authentication))
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(denied))
                .build();
    }

    /**
     * CSRF protection applies to what a browser session could be tricked into: a state-changing request without a
     * bearer token (a request with one is authenticated by that token alone, never by the session cookie).
     */
    static Mono<ServerWebExchangeMatcher.MatchResult> browserWrite(ServerWebExchange exchange) {
        HttpMethod method = exchange.getRequest().getMethod();
        boolean safe = HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method) || HttpMethod.OPTIONS.equals(method)
                || HttpMethod.TRACE.equals(method);
        String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        boolean bearer = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
        return safe || bearer ? ServerWebExchangeMatcher.MatchResult.notMatch() : ServerWebExchangeMatcher.MatchResult.match();
    }

    /** HR and administrators, and a token with the hr role is let through nowhere else (HrAccessPolicy). */
    static Mono<AuthorizationResult> hrOrAdmin(Mono<Authentication> authentication, AuthorizationContext context) {
        return authentication
                .filter(auth -> auth.isAuthenticated() && !(auth instanceof AnonymousAuthenticationToken))
                .map(auth -> (AuthorizationResult) new AuthorizationDecision(auth.getAuthorities().stream()
                        .map(GrantedAuthority::getAuthority)
                        .anyMatch(a -> a.equals(Role.HR.authority()) || a.equals(Role.ADMIN.authority()))))
                .defaultIfEmpty(new AuthorizationDecision(false));
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
