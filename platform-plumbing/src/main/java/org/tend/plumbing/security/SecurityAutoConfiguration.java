package org.tend.plumbing.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
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
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.tend.plumbing.identity.Pseudonymizer;
import org.tend.plumbing.web.ForbiddenException;

/**
 * Every service validates the token the gateway relays (defence in depth): signature against the issuer's JWK
 * set, issuer, expiry. Roles come from the {@code roles} claim. Failures are RFC 9457 problems.
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableMethodSecurity
public class SecurityAutoConfiguration {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Bean
    @ConditionalOnMissingBean
    public Pseudonymizer pseudonymizer(@Value("${tend.pseudonym.key:}") String key) {
        return new Pseudonymizer(key);
    }

    @Bean
    @ConditionalOnMissingBean
    public SecurityFilterChain tendSecurity(HttpSecurity http) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info",
                                "/actuator/prometheus").permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(rs -> rs
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(new RolesClaimConverter()))
                        .authenticationEntryPoint((request, response, e) -> problem(response, HttpStatus.UNAUTHORIZED,
                                "unauthenticated", "A valid bearer token is required: " + e.getMessage()))
                        .accessDeniedHandler((request, response, e) -> problem(response, HttpStatus.FORBIDDEN,
                                "forbidden", "The token's roles do not allow this request")))
                .exceptionHandling(ex -> ex
                        .authenticationEntryPoint((request, response, e) -> problem(response, HttpStatus.UNAUTHORIZED,
                                "unauthenticated", "A valid bearer token is required"))
                        .accessDeniedHandler((request, response, e) -> problem(response, HttpStatus.FORBIDDEN,
                                "forbidden", "The token's roles do not allow this request")));
        return http.build();
    }

    @Bean
    public WebMvcConfigurer callerArgumentResolver(Pseudonymizer pseudonymizer) {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CallerResolver(pseudonymizer));
            }
        };
    }

    static void problem(HttpServletResponse response, HttpStatus status, String type, String detail)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        String body = JSON.writeValueAsString(Map.of(
                "type", "/problems/" + type,
                "title", status.getReasonPhrase(),
                "status", status.value(),
                "detail", detail));
        response.getWriter().write(body);
    }

    /** Maps the {@code roles} claim to {@code ROLE_<role>} authorities; unknown role names are ignored. */
    static final class RolesClaimConverter implements Converter<Jwt, AbstractAuthenticationToken> {
        @Override
        public AbstractAuthenticationToken convert(Jwt jwt) {
            List<String> claim = jwt.getClaimAsStringList("roles");
            Collection<GrantedAuthority> authorities = claim == null ? List.of() : claim.stream()
                    .map(Role::fromClaim).flatMap(java.util.Optional::stream)
                    .map(role -> (GrantedAuthority) new SimpleGrantedAuthority(role.authority()))
                    .toList();
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
            Set<Role> roles = token.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                    .map(a -> a.substring("ROLE_".length())).map(Role::fromClaim).flatMap(java.util.Optional::stream)
                    .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
            String subject = token.getToken().getSubject();
            if (subject == null || subject.isBlank()) {
                throw new ForbiddenException("the token has no subject");
            }
            return new Caller(subject, pseudonymizer.pseudonymFor(subject), roles);
        }
    }
}
