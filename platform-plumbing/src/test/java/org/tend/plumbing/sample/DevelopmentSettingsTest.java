package org.tend.plumbing.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.tend.security.DeploymentSettings;
import org.tend.testsupport.EmbeddedMongo;

/** Outside the local profile a service refuses to start with development settings, naming each. */
class DevelopmentSettingsTest {

    @Test
    void aServiceWillNotStartOutsideTheLocalProfileWithDevelopmentSettings() {
        Throwable refused = catchThrowable(() -> start(
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=http://localhost:8090",
                "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://localhost:8090/jwks",
                "--tend.pseudonym.key=" + DeploymentSettings.LOCAL_STACK_PSEUDONYM_KEY).close());

        assertThat(refused).isNotNull();
        Throwable cause = refused;
        while (cause.getCause() != null && !(cause instanceof IllegalStateException
                && cause.getMessage().contains("development settings"))) {
            cause = cause.getCause();
        }
        assertThat(cause.getMessage()).contains("TEND_JWT_ISSUER", "TEND_JWT_JWK_SET_URI", "TEND_JWT_AUDIENCE",
                "TEND_PSEUDONYM_KEY");
    }

    @Test
    void productionSettingsStart() {
        try (ConfigurableApplicationContext context = start(
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=https://id.example.org",
                "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=https://id.example.org/jwks",
                "--tend.jwt.audience=tend",
                "--tend.pseudonym.key=a-secret-of-this-deployment-only-0123456789")) {
            assertThat(context.isActive()).isTrue();
        }
    }

    private static ConfigurableApplicationContext start(String... settings) {
        String[] args = new String[settings.length + 5];
        args[0] = "--server.port=0";
        args[1] = "--spring.mongodb.uri=" + EmbeddedMongo.connectionString();
        args[2] = "--tend.mongodb.database=dev-settings";
        args[3] = "--spring.kafka.bootstrap-servers=127.0.0.1:1";
        // No broker here: the topics every service declares (the audit topic at least) are not created at start-up.
        args[4] = "--spring.kafka.admin.auto-create=false";
        System.arraycopy(settings, 0, args, 5, settings.length);
        return new SpringApplicationBuilder(SampleApplication.class).run(args);
    }
}
