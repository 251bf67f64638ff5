package org.tend.plumbing.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.tend.security.DemoClock;

/** A service's clock: the system clock, or in the local profile only, the demo clock the local stack names. */
class ServiceClockTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(StoreAutoConfiguration.class));

    @TempDir
    Path directory;

    @Test
    void withoutADemoClockFileTheServiceRunsOnTheSystemClock() {
        runner.withPropertyValues("spring.profiles.active=local").run(context ->
                assertThat(context.getBean(Clock.class)).isEqualTo(Clock.systemUTC()));
    }

    @Test
    void inTheLocalProfileTheDemoClockFileShiftsTheServicesNow() {
        Path file = directory.resolve("demo-clock");
        DemoClock.write(file, Duration.ofDays(-90));
        runner.withPropertyValues("spring.profiles.active=local", DemoClock.PROPERTY + "=" + file).run(context -> {
            Clock clock = context.getBean(Clock.class);
            assertThat(clock).isInstanceOf(DemoClock.class);
            assertThat(Duration.between(clock.instant(), Instant.now()).toDays()).isEqualTo(90);
        });
    }

    @Test
    void outsideTheLocalProfileAServiceWithADemoClockRefusesToStart() {
        Path file = directory.resolve("demo-clock");
        runner.withPropertyValues("spring.profiles.active=production", DemoClock.PROPERTY + "=" + file).run(context -> {
            assertThat(context).hasFailed();
            Throwable cause = context.getStartupFailure();
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            assertThat(cause).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("outside the 'local' profile")
                    .hasMessageContaining(DemoClock.ENVIRONMENT_VARIABLE);
        });
        runner.withPropertyValues(DemoClock.PROPERTY + "=" + file).run(context ->
                assertThat(context).as("no profile at all").hasFailed());
    }
}
