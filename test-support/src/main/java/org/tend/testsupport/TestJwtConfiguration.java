package org.tend.testsupport;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Makes the service under test trust {@link TestTokens}' key, and check every token with the service's own token
 * rules (its issuer and audience are set to the test issuer's by {@link EmbeddedMongo}): what is tested is what
 * runs, with a key the test holds.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestJwtConfiguration {
    @Bean
    JwtDecoder jwtDecoder(OAuth2TokenValidator<Jwt> tendTokenRules) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(TestTokens.publicKey()).build();
        decoder.setJwtValidator(tendTokenRules);
        return decoder;
    }
}
