package org.tend.plumbing.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.tend.plumbing.identity.Pseudonymizer;
import org.tend.security.Role;

class CallerTest {

    private final Pseudonymizer pseudonyms = new Pseudonymizer("k".repeat(32));

    private Caller callerWith(Object org) {
        Jwt.Builder jwt = Jwt.withTokenValue("t").header("alg", "RS256").subject("hana")
                .issuedAt(Instant.now()).claim("roles", List.of("hr"));
        if (org != null) {
            jwt.claim("org", org);
        }
        return Caller.of(new JwtAuthenticationToken(jwt.build(), List.of(new SimpleGrantedAuthority("ROLE_hr"))),
                pseudonyms);
    }

    @Test
    void anOrgClaimThatIsASlugNamesTheCallersOrganisation() {
        Caller hana = callerWith("acme");
        assertThat(hana.organisation()).contains("acme");
        assertThat(hana.has(Role.HR)).isTrue();
        assertThat(callerWith("acme-uk").organisation()).contains("acme-uk");
    }

    @Test
    void aMissingOrMalformedOrgClaimNamesNoOrganisation() {
        assertThat(callerWith(null).organisation()).isEmpty();
        assertThat(callerWith("").organisation()).isEmpty();
        assertThat(callerWith("Acme").organisation()).isEmpty();
        assertThat(callerWith("acme/../globex").organisation()).isEmpty();
        assertThat(callerWith("a".repeat(41)).organisation()).isEmpty();
        assertThat(callerWith(List.of("acme")).organisation()).isEmpty();
        assertThat(callerWith(Map.of("id", "acme")).organisation()).isEmpty();
    }

    @Test
    void aCallerMadeWithoutAnOrganisationHasNone() {
        assertThat(new Caller("s", "p", java.util.EnumSet.of(Role.ADMIN)).organisation()).isEqualTo(Optional.empty());
    }
}
