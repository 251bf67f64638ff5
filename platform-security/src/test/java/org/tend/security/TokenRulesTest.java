package org.tend.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;

/** Which tokens the rules accept: only complete ones, of this issuer, for this audience, in their time. */
class TokenRulesTest {

    static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    static final String ISSUER = "https://id.example.org";
    static final OAuth2TokenValidator<Jwt> RULES = TokenRules.validator(ISSUER, "tend", Duration.ofSeconds(30),
            Clock.fixed(NOW, ZoneOffset.UTC));

    static Jwt token(Consumer<Jwt.Builder> change) {
        Jwt.Builder builder = Jwt.withTokenValue("t").header("alg", "RS256").issuer(ISSUER).audience(List.of("tend"))
                .subject("alice").issuedAt(NOW.minusSeconds(60)).expiresAt(NOW.plusSeconds(600))
                .claim("roles", List.of("participant"));
        change.accept(builder);
        return builder.build();
    }

    static boolean accepted(Jwt jwt) {
        return !RULES.validate(jwt).hasErrors();
    }

    @Test
    void aCompleteTokenOfThisIssuerForThisAudienceIsAccepted() {
        assertThat(accepted(token(b -> { }))).isTrue();
        // Within the skew either way.
        assertThat(accepted(token(b -> b.expiresAt(NOW.minusSeconds(20))))).isTrue();
        assertThat(accepted(token(b -> b.issuedAt(NOW.plusSeconds(20))))).isTrue();
        assertThat(accepted(token(b -> b.audience(List.of("other", "tend"))))).isTrue();
        assertThat(accepted(token(b -> b.claim("roles", List.of())))).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no exp: it would never expire       | exp",
            "expired beyond the skew             | expired",
            "issued in the future                | iat-future",
            "no iat                              | iat",
            "another application's audience      | aud",
            "no audience                         | no-aud",
            "no subject                          | sub",
            "a blank subject                     | blank-sub",
            "roles as a string, not an array     | roles-string",
            "no roles claim                      | no-roles",
            "roles with a number                 | roles-number",
            "another issuer                      | iss",
            "not before a time still to come     | nbf"})
    void anIncompleteOrForeignTokenIsRefused(String name, String fault) {
        Jwt jwt = token(b -> {
            switch (fault) {
                case "exp" -> b.claims(c -> c.remove("exp"));
                case "expired" -> b.expiresAt(NOW.minusSeconds(31));
                case "iat-future" -> b.issuedAt(NOW.plusSeconds(31));
                case "iat" -> b.claims(c -> c.remove("iat"));
                case "aud" -> b.audience(List.of("another-app"));
                case "no-aud" -> b.claims(c -> c.remove("aud"));
                case "sub" -> b.claims(c -> c.remove("sub"));
                case "blank-sub" -> b.subject(" ");
                case "roles-string" -> b.claim("roles", "admin");
                case "no-roles" -> b.claims(c -> c.remove("roles"));
                case "roles-number" -> b.claim("roles", List.of("admin", 7));
                case "iss" -> b.issuer("https://id.example.org/other");
                case "nbf" -> b.notBefore(NOW.plusSeconds(120));
                default -> throw new IllegalArgumentException(fault);
            }
        });

        assertThat(accepted(jwt)).isFalse();
    }

    @Test
    void unknownRolesGrantNothingAndAreNeverMapped() {
        assertThat(TokenRules.roles(token(b -> b.claim("roles", List.of("hr", "superuser", "ADMIN", "hr")))))
                .containsExactly(Role.HR);
        assertThat(TokenRules.roles(token(b -> b.claim("roles", List.of("auditor"))))).isEmpty();
    }

    @Test
    void deploymentsRefuseDevelopmentSettings() {
        assertThat(DeploymentSettings.developmentOnly(ISSUER, ISSUER + "/jwks", "tend", "a-secret-of-our-own-32-chars-long"))
                .isEmpty();
        assertThat(DeploymentSettings.developmentOnly("http://localhost:8090", "http://localhost:8090/jwks", " ",
                DeploymentSettings.LOCAL_STACK_PSEUDONYM_KEY))
                .hasSize(4)
                .anySatisfy(f -> assertThat(f).contains("TEND_JWT_ISSUER"))
                .anySatisfy(f -> assertThat(f).contains("TEND_JWT_JWK_SET_URI"))
                .anySatisfy(f -> assertThat(f).contains("TEND_JWT_AUDIENCE"))
                .anySatisfy(f -> assertThat(f).contains("TEND_PSEUDONYM_KEY"));
        assertThat(DeploymentSettings.developmentOnly(ISSUER, ISSUER, "tend", null)).isEmpty();
    }

}
