package org.tend.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

class CallerKeysTest {

    private final CallerKeys keys = new CallerKeys();

    private static ServerWebExchange from(String address, Principal principal) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/journeys/mine")
                .remoteAddress(new InetSocketAddress(address, 50_000)));
        return principal == null ? exchange : exchange.mutate().principal(Mono.just(principal)).build();
    }

    private static JwtAuthenticationToken token(String subject) {
        Jwt jwt = Jwt.withTokenValue("t").header("alg", "RS256").subject(subject).claim("roles", List.of("participant"))
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60)).build();
        return new JwtAuthenticationToken(jwt, AuthorityUtils.createAuthorityList("ROLE_participant"));
    }

    private String key(ServerWebExchange exchange) {
        return keys.of(exchange).block();
    }

    @Test
    void aValidTokensSubjectIsTheCallerWhereverItComesFrom() {
        String fromHome = key(from("10.0.0.1", token("alice")));
        String fromWork = key(from("10.0.0.2", token("alice")));

        assertThat(fromHome).startsWith("s:").isEqualTo(fromWork);
        assertThat(key(from("10.0.0.1", token("bob")))).isNotEqualTo(fromHome);
    }

    @Test
    void withoutAValidTokenTheClientAddressIsTheCaller() {
        String one = key(from("10.0.0.1", null));

        assertThat(one).startsWith("a:").isEqualTo(key(from("10.0.0.1", null)));
        assertThat(key(from("10.0.0.2", null))).isNotEqualTo(one);
        AnonymousAuthenticationToken anonymous = new AnonymousAuthenticationToken("key", "anonymousUser",
                AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));
        assertThat(key(from("10.0.0.1", anonymous))).isEqualTo(one);
    }

    @Test
    void aKeyShowsNeitherTheSubjectNorTheAddressAndDiffersBetweenGatewayRuns() {
        String key = key(from("10.0.0.1", token("alice-subject")));

        assertThat(key).doesNotContain("alice").doesNotContain("10.0.0.1");
        assertThat(new CallerKeys().of(from("10.0.0.1", token("alice-subject"))).block()).isNotEqualTo(key);
    }
}
