package org.tend.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;

/**
 * What makes a token acceptable, the same at the gateway and in every service (each validates every token itself):
 * signed by the issuer's key (the decoder checks that), and
 * <ul>
 *   <li>{@code iss} is the configured issuer and {@code aud} contains the configured audience, so a token issued
 *       for another application of the same issuer is refused;</li>
 *   <li>{@code exp} is present and not past (a token without one would never expire), {@code nbf} (if any) has
 *       come, and {@code iat} is present and not in the future, each with the configured clock skew;</li>
 *   <li>{@code sub} is present and not blank (it names the person);</li>
 *   <li>{@code roles} is present and an array of strings. Unknown role names are ignored, never mapped
 *       ({@link Role#knownIn}).</li>
 * </ul>
 * Anything else is 401. Why a token was refused goes to the log only: a refusal says {@link #UNAUTHENTICATED}.
 */
public final class TokenRules {

    /** The one detail of every 401: nothing about why, which would help whoever forges tokens. */
    public static final String UNAUTHENTICATED = "A valid bearer token is required";
    /** The one detail of every 403 for a role the request does not allow. */
    public static final String FORBIDDEN = "The token's roles do not allow this request";
    public static final String ROLES_CLAIM = "roles";
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(30);

    private TokenRules() {
    }

    public static OAuth2TokenValidator<Jwt> validator(String issuer, String audience, Duration clockSkew,
                                                      Clock clock) {
        Objects.requireNonNull(issuer, "issuer");
        if (audience == null || audience.isBlank()) {
            throw new IllegalArgumentException("an audience is required");
        }
        return new DelegatingOAuth2TokenValidator<>(List.of(new JwtIssuerValidator(issuer),
                jwt -> check(jwt, audience, clockSkew, clock)));
    }

    private static OAuth2TokenValidatorResult check(Jwt jwt, String audience, Duration skew, Clock clock) {
        List<String> faults = new ArrayList<>();
        Instant now = clock.instant();
        if (jwt.getExpiresAt() == null) {
            faults.add("no exp claim");
        } else if (now.minus(skew).isAfter(jwt.getExpiresAt())) {
            faults.add("expired at " + jwt.getExpiresAt());
        }
        if (jwt.getNotBefore() != null && now.plus(skew).isBefore(jwt.getNotBefore())) {
            faults.add("not valid before " + jwt.getNotBefore());
        }
        if (jwt.getIssuedAt() == null) {
            faults.add("no iat claim");
        } else if (now.plus(skew).isBefore(jwt.getIssuedAt())) {
            faults.add("issued in the future, at " + jwt.getIssuedAt());
        }
        List<String> audiences = jwt.getAudience();
        if (audiences == null || !audiences.contains(audience)) {
            faults.add("not issued for audience " + audience);
        }
        String subject = jwt.getSubject();
        if (subject == null || subject.isBlank()) {
            faults.add("no sub claim");
        }
        Object roles = jwt.getClaims().get(ROLES_CLAIM);
        if (!(roles instanceof Collection<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            faults.add("roles is not an array of strings");
        }
        if (faults.isEmpty()) {
            return OAuth2TokenValidatorResult.success();
        }
        return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", String.join("; ", faults), null));
    }

    /** The known roles a validated token carries (unknown names ignored). */
    public static List<Role> roles(Jwt jwt) {
        List<String> names = jwt.getClaimAsStringList(ROLES_CLAIM);
        return names == null ? List.of() : Role.knownIn(names);
    }

    /** Registered claim names the rules read, for documentation and tests. */
    public static List<String> requiredClaims() {
        return List.of(JwtClaimNames.ISS, JwtClaimNames.AUD, JwtClaimNames.EXP, JwtClaimNames.IAT, JwtClaimNames.SUB,
                ROLES_CLAIM);
    }
}
