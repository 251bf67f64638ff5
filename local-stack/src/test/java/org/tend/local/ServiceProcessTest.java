package org.tend.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Starting, health waiting, failure reporting and stopping of a service JVM, with a stand-in jar. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServiceProcessTest {

    @TempDir
    Path dir;

    @Test
    void startsUntilHealthyAndStops() throws Exception {
        int port = FreePorts.find();
        ServiceProcess service = new ServiceProcess("fake", FakeService.jar(dir), port,
                Map.of("TEND_JWT_ISSUER", "http://localhost:1", "SERVER_PORT", "1"), ServiceProcess.DEFAULT_JVM_OPTIONS,
                dir.resolve("fake.log"));
        try {
            service.start(Duration.ofSeconds(30));
            assertThat(service.isRunning()).isTrue();
            assertThat(service.pid()).isPositive();
            assertThat(ProcessHandle.of(service.pid()).flatMap(h -> h.info().command()).orElse(""))
                    .as("pid is the JVM's own, not a wrapper's").endsWith("java");
            assertThat(service.rssBytes()).isPositive();
            String env = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/env"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(env).contains("SERVER_PORT=" + port, "TEND_JWT_ISSUER=http://localhost:1");
        } finally {
            service.stop();
        }
        assertThat(service.isRunning()).isFalse();
        assertThat(service.rssBytes()).isZero();
        assertThat(service.logTail(5)).contains("fake service up on " + port);
    }

    @Test
    void failsFastWithTheLogTailWhenTheJvmExits() throws Exception {
        ServiceProcess service = new ServiceProcess("doomed", FakeService.jar(dir), FreePorts.find(),
                Map.of("FAKE_FAIL", "1"), ServiceProcess.DEFAULT_JVM_OPTIONS, dir.resolve("doomed.log"));
        long began = System.nanoTime();
        assertThatThrownBy(() -> service.start(Duration.ofSeconds(50)))
                .hasMessageContaining("doomed exited during start (exit 3)")
                .hasMessageContaining("failing on purpose");
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void reportsTheLastHealthAnswerOnTimeout() throws Exception {
        ServiceProcess service = new ServiceProcess("sick", FakeService.jar(dir), FreePorts.find(),
                Map.of("FAKE_HEALTH", "DOWN"), ServiceProcess.DEFAULT_JVM_OPTIONS, dir.resolve("sick.log"));
        assertThatThrownBy(() -> service.start(Duration.ofSeconds(5)))
                .hasMessageContaining("not healthy within")
                .hasMessageContaining("\"status\":\"DOWN\"");
        assertThat(service.isRunning()).isFalse();
    }
}
