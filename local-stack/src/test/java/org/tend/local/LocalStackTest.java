package org.tend.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.tend.local.LocalStack.MissingServiceJarException;
import org.tend.local.LocalStack.MongoBackend;

/**
 * The launcher's wiring, with stand-in service jars (the real services are exercised by the end-to-end
 * tests): start order, environment per conventions.md, measurements, stop; and the report of missing jars.
 */
class LocalStackTest {

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void findsTheRepositoryRootNotAModuleWhoseParentIsTend() {
        Path root = RepositoryRoot.findUpwards(Path.of("").toAbsolutePath()).orElseThrow();
        assertThat(root.resolve("local-stack")).isDirectory();
        assertThat(RepositoryRoot.isRoot(root.resolve("local-stack"))).isFalse();
        assertThat(RepositoryRoot.version(root)).isNotBlank();
    }

    @Test
    void reportsMissingJarsWithTheBuildCommandBeforeStartingAnything() throws Exception {
        Path fakeRoot = dir.resolve("repo");
        Files.createDirectories(fakeRoot);
        Files.writeString(fakeRoot.resolve("pom.xml"), """
                <project><modelVersion>4.0.0</modelVersion><groupId>org.tend</groupId>
                <artifactId>tend</artifactId><version>9.9.9</version></project>""");
        LocalStack stack = LocalStack.builder().dataDir(dir.resolve("data")).repositoryRoot(fakeRoot)
                .mongoBackend(MongoBackend.MEMORY).freePorts().build();

        assertThatThrownBy(stack::start)
                .isInstanceOf(MissingServiceJarException.class)
                .hasMessageContaining(fakeRoot.resolve("assessment-service/target/assessment-service-9.9.9-exec.jar").toString())
                .hasMessageContaining(fakeRoot.resolve("insights-service/target/insights-service-9.9.9-exec.jar").toString())
                .hasMessageContaining(fakeRoot.resolve("gateway/target/gateway-9.9.9-exec.jar").toString())
                .hasMessageContaining("mvn -B -q -DskipTests install");
        assertThat(stack.missingJars()).hasSize(6); // five services and the gateway
        assertThat(stack.mongo().isRunning()).isFalse();
        assertThat(stack.broker().isRunning()).isFalse();
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void startsEverythingWiredAsInTheConventionsAndStopsInReverse() throws Exception {
        Path fakeJar = FakeService.jar(dir.resolve("jars"));
        LocalStack.Builder builder = LocalStack.builder().dataDir(dir.resolve("data"))
                .mongoBackend(MongoBackend.MEMORY).freePorts().env("TEND_EXTRA", "x");
        for (TendService service : TendService.values()) {
            builder.jar(service, fakeJar);
        }
        try (LocalStack stack = builder.build()) {
            LocalStack.StartupReport report = stack.start();
            System.out.println(report.banner());
            System.out.println("startup by part (ms): " + stack.startupMillisByPart());

            assertThat(stack.isStarted()).isTrue();
            assertThat(report.gatewayUrl()).isEqualTo(stack.gatewayUrl());
            assertThat(report.tokenCurl()).contains("curl", stack.issuer().tokenUri(), "user=alice");
            assertThat(report.startupMillis()).isPositive();
            assertThat(stack.rssBytesByProcess()).containsKeys("launcher", "kafka", "assessment-service", "gateway");
            assertThat(stack.totalRssBytes()).isGreaterThan(stack.broker().rssBytes());

            String assessment = env(stack.serviceUrl(TendService.ASSESSMENT));
            assertThat(assessment).contains(
                    "KAFKA_BOOTSTRAP_SERVERS=" + stack.kafkaBootstrapServers(),
                    "MONGODB_URI=" + stack.mongoConnectionString(),
                    "TEND_MONGODB_DATABASE=tend-assessment",
                    "TEND_JWT_JWK_SET_URI=" + stack.issuer().jwkSetUri(),
                    "TEND_JWT_ISSUER=" + stack.issuer().issuer(),
                    "TEND_PSEUDONYM_KEY=" + LocalStack.DEV_ONLY_PSEUDONYM_KEY,
                    "SERVER_PORT=" + stack.service(TendService.ASSESSMENT).port(),
                    "TEND_EXTRA=x",
                    "KAFKA_SECURITY_PROTOCOL=SASL_PLAINTEXT",
                    "KAFKA_SASL_MECHANISM=SCRAM-SHA-512",
                    "KAFKA_SASL_USERNAME=assessment",
                    "KAFKA_SASL_PASSWORD=" + stack.kafkaLogin("assessment").password());
            assertThat(env(stack.serviceUrl(TendService.PROGRESS))).contains("TEND_MONGODB_DATABASE=tend-progress",
                    "KAFKA_SASL_USERNAME=progress", "KAFKA_SASL_PASSWORD=" + stack.kafkaLogin("progress").password());
            assertThat(stack.kafkaLogin("progress").password()).isNotEqualTo(stack.kafkaLogin("assessment").password());
            assertThat(report.banner()).contains("user analytics, password " + stack.kafkaLogin("analytics").password());

            String gateway = env(stack.gatewayUrl());
            for (TendService backend : TendService.backends()) {
                assertThat(gateway).contains(backend.urlVariable() + "=" + stack.serviceUrl(backend));
            }
            assertThat(gateway).doesNotContain("TEND_PSEUDONYM_KEY", "MONGODB_URI", "KAFKA_SASL");

            stack.stop();
            assertThat(stack.isStarted()).isFalse();
            assertThat(stack.broker().isRunning()).isFalse();
            assertThat(stack.mongo().isRunning()).isFalse();
            assertThat(stack.issuer().isRunning()).isFalse();
            for (TendService service : TendService.values()) {
                assertThat(stack.service(service).isRunning()).isFalse();
            }
        }
    }

    private String env(String baseUrl) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/env")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
