package org.tend.plumbing.security;

import org.tend.security.Role;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.tend.security.DeploymentSettings;
import org.tend.security.TokenRules;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.MethodParameter;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.tend.plumbing.identity.Pseudonymizer;
import org.tend.plumbing.web.ForbiddenException;
import org.tend.plumbing.web.ProblemHandlers;

/**
 * Every service validates every token itself, as strictly as the gateway (defence in depth: a service reached
 * directly holds the same line): signature against the issuer's JWK set, then {@link TokenRules}. Roles come from
 * the {@code roles} claim. Failures are RFC 9457 problems.
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableMethodSecurity
public class SecurityAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    public Pseudonymizer pseudonymizer(@Value("${tend.pseudonym.key:}") String key) {
        return new Pseudonymizer(key);
    }

    /**
     * The token rules every service applies itself, as strictly as the gateway ({@link TokenRules}): issuer,
     * audience ({@code TEND_JWT_AUDIENCE}), exp, iat, sub and a roles array. Outside the local profile,
     * development settings stop the start first ({@link DeploymentSettings}: an http:// issuer or key set, no
     * audience, the local stack's published pseudonym key), naming each.
     */
    @Bean
    @ConditionalOnMissingBean
    public OAuth2TokenValidator<Jwt> tendTokenRules(Environment environment,
            @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri}") String issuer,
            @Value("${tend.jwt.audience:}") String audience,
            @Value("${tend.jwt.clock-skew:PT30S}") Duration clockSkew) {
        DeploymentSettings.refuseDevelopmentSettings(
                environment.acceptsProfiles(Profiles.of(DeploymentSettings.LOCAL_PROFILE)), issuer,
                environment.getProperty("spring.security.oauth2.resourceserver.jwt.jwk-set-uri"), audience,
                environment.getProperty("tend.pseudonym.key"));
        return TokenRules.validator(issuer, audience, clockSkew, Clock.systemUTC());
    }

    /** Keys from the issuer's JWK set (RS256 only), every token checked by the rules. */
    @Bean
    @ConditionalOnMissingBean
    public JwtDecoder jwtDecoder(@Value("${spring.security.oauth2.resourceserver.jwt.jwk-set-uri}") String jwkSetUri,
                                 OAuth2TokenValidator<Jwt> tendTokenRules) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwkSetUri)
                .jwsAlgorithm(SignatureAlgorithm.RS256).build();
        decoder.setJwtValidator(tendTokenRules);
        return decoder;
    }

    /** A fingerprint of the pseudonym key (never the key): every service must derive the same pseudonyms. */
    @Bean
    public InfoContributor pseudonymKeyFingerprint(Pseudonymizer pseudonymizer) {
        return info -> info.withDetail("pseudonym", Map.of("keyFingerprint", pseudonymizer.keyFingerprint()));
    }

    /**
     * Every request to the API needs a valid token with a known role; which roles may call an operation is its
     * {@link RequiresRole} (enforced by {@link RoleCheck}, documented in the OpenAPI document), and what each role may
     * see is decided where the data is, in the controllers. Refusals are problems with a fixed detail; why a token was
     * refused is logged only.
     */
    @Bean
    @ConditionalOnMissingBean
    public SecurityFilterChain tendSecurity(HttpSecurity http) throws Exception {
        AuthenticationEntryPoint unauthenticated = (request, response, e) -> {
            log.info("refused a bearer token for {} {}: {}", request.getMethod(), request.getRequestURI(),
                    e.getMessage());
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            problem(response, HttpStatus.UNAUTHORIZED, "unauthenticated", TokenRules.UNAUTHENTICATED);
        };
        AccessDeniedHandler forbidden = (request, response, e) -> problem(response, HttpStatus.FORBIDDEN,
                "forbidden", TokenRules.FORBIDDEN);
        String[] knownRoles = java.util.Arrays.stream(Role.values()).map(Role::claimValue).toArray(String[]::new);
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info",
                                "/actuator/prometheus").permitAll()
                        // The service's API description (OpenApiAutoConfiguration): what the API is, no data. Not
                        // routed by the gateway, which serves the services' documents combined.
                        .requestMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**").permitAll()
                        .requestMatchers("/api/**").hasAnyRole(knownRoles)
                        .anyRequest().authenticated())
                .oauth2ResourceServer(rs -> rs
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(new RolesClaimConverter()))
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(ex -> ex.authenticationEntryPoint(unauthenticated).accessDeniedHandler(forbidden));
        return http.build();
    }

    @Bean
    public WebMvcConfigurer callerArgumentResolver(Pseudonymizer pseudonymizer) {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CallerResolver(pseudonymizer));
            }

            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new RoleCheck());
            }
        };
    }

    static void problem(HttpServletResponse response, HttpStatus status, String type, String detail)
            throws IOException {
        ProblemHandlers.write(response, ProblemHandlers.problem(status, type, detail, List.of()));
    }

    /** Maps the {@code roles} claim to {@code ROLE_<role>} authorities; unknown role names are ignored. */
    static final class RolesClaimConverter implements Converter<Jwt, AbstractAuthenticationToken> {
        @Override
        public AbstractAuthenticationToken convert(Jwt jwt) {
            Collection<GrantedAuthority> authorities = TokenRules.roles(jwt).stream()
                    .map(role -> (GrantedAuthority) new SimpleGrantedAuthority(role.authority())).toList();
            return new JwtAuthenticationToken(jwt, authorities, jwt.getSubject());
        }
    }

    static final class CallerResolver implements HandlerMethodArgumentResolver {
        private final Pseudonymizer pseudonymizer;

        CallerResolver(Pseudonymizer pseudonymizer) {
            this.pseudonymizer = pseudonymizer;
        }

        @Override
        public boolean supportsParameter(MethodParameter parameter) {
            return parameter.getParameterType() == Caller.class;
        }

        @Override
        public Caller resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
                                      WebDataBinderFactory binderFactory) {
            if (!(SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token)) {
                throw new IllegalStateException("no validated token on an authenticated route");
            }
            return Caller.of(token, pseudonymizer);
        }
    }
}
