package org.tend.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import reactor.core.publisher.Mono;

class HrAccessPolicyTest {

    private static boolean granted(HrAccessPolicy policy, Mono<Authentication> who, String path) {
        AuthorizationContext context = new AuthorizationContext(
                MockServerWebExchange.from(MockServerHttpRequest.get(path)));
        return policy.authorize(who, context).block().isGranted();
    }

    private static Mono<Authentication> withRoles(String... roles) {
        String[] authorities = java.util.Arrays.stream(roles).map(role -> "ROLE_" + role).toArray(String[]::new);
        return Mono.just(new TestingAuthenticationToken("someone", null, authorities));
    }

    @Test
    void withNoAllowedPathsHrIsDeniedEverywhere() {
        HrAccessPolicy policy = new HrAccessPolicy(List.of());

        assertThat(granted(policy, withRoles("hr"), "/api/programmes/p1")).isFalse();
        assertThat(granted(policy, withRoles("hr"), "/api/journeys/mine")).isFalse();
    }

    @Test
    void hrPassesOnlyOnAllowedPathPatterns() {
        HrAccessPolicy policy = new HrAccessPolicy(List.of("/api/programmes/*/figures/**"));

        assertThat(granted(policy, withRoles("hr"), "/api/programmes/p1/figures/uptake")).isTrue();
        assertThat(granted(policy, withRoles("hr"), "/api/programmes/p1/participants")).isFalse();
    }

    @Test
    void hrAlongsideAnotherRoleIsStillHeldToTheAllowedPaths() {
        HrAccessPolicy policy = new HrAccessPolicy(List.of());

        assertThat(granted(policy, withRoles("participant", "hr"), "/api/journeys/mine")).isFalse();
    }

    @Test
    void everyOtherRolePassesAnyApiPath() {
        HrAccessPolicy policy = new HrAccessPolicy(List.of());

        assertThat(granted(policy, withRoles("participant"), "/api/journeys/mine")).isTrue();
        assertThat(granted(policy, withRoles("practitioner"), "/api/safety/concerns")).isTrue();
        assertThat(granted(policy, withRoles("admin"), "/api/programmes")).isTrue();
    }

    /** Unknown role names are never mapped, so such a token has no authority: refused on every path. */
    @Test
    void aTokenWithNoKnownRoleIsRefusedEverywhere() {
        HrAccessPolicy policy = new HrAccessPolicy(List.of("/api/reports/**"));

        assertThat(granted(policy, withRoles(), "/api/interventions")).isFalse();
        assertThat(granted(policy, withRoles(), "/api/instruments")).isFalse();
        assertThat(granted(policy, withRoles(), "/api/reports/uptake")).isFalse();
    }

    @Test
    void noAuthenticationIsDenied() {
        HrAccessPolicy policy = new HrAccessPolicy(List.of());

        assertThat(granted(policy, Mono.empty(), "/api/interventions")).isFalse();
        TestingAuthenticationToken unauthenticated = new TestingAuthenticationToken("someone", null);
        unauthenticated.setAuthenticated(false);
        assertThat(granted(policy, Mono.just(unauthenticated), "/api/interventions")).isFalse();
    }
}
