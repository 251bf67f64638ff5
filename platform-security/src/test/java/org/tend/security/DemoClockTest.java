package org.tend.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo clock: the base clock shifted by the file's offset, read at most once per cache period. */
class DemoClockTest {

    private static final Instant REAL = Instant.parse("2026-11-27T10:00:00Z");

    @TempDir
    Path directory;

    /** A base clock the test moves. */
    private static final class MovableClock extends Clock {
        private Instant now = REAL;

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @Test
    void withoutAFileItIsTheBaseClock() {
        MovableClock base = new MovableClock();
        DemoClock clock = new DemoClock(directory.resolve("demo-clock"), base, Duration.ofMillis(100));

        assertThat(clock.instant()).isEqualTo(REAL);
        assertThat(clock.offset()).isZero();
    }

    @Test
    void theWrittenOffsetShiftsItAndClearingGoesBackToRealTime() {
        Path file = directory.resolve("demo-clock");
        MovableClock base = new MovableClock();
        DemoClock clock = new DemoClock(file, base, Duration.ofMillis(100));

        DemoClock.write(file, Duration.ofDays(-180));
        assertThat(clock.instant()).isEqualTo(REAL.minus(Duration.ofDays(180)));

        // It runs at the base clock's rate.
        base.advance(Duration.ofSeconds(5));
        assertThat(clock.instant()).isEqualTo(REAL.minus(Duration.ofDays(180)).plusSeconds(5));

        DemoClock.clear(file);
        base.advance(Duration.ofMillis(100));
        assertThat(clock.instant()).isEqualTo(REAL.plusSeconds(5).plusMillis(100));
        assertThat(file).doesNotExist();
        assertThatCode(() -> DemoClock.clear(file)).doesNotThrowAnyException();
    }

    @Test
    void aNewOffsetIsSeenOnlyAfterTheCachePeriodWhichTheWriterWaitsOut() {
        Path file = directory.resolve("demo-clock");
        MovableClock base = new MovableClock();
        DemoClock clock = new DemoClock(file, base, Duration.ofMillis(100));
        DemoClock.write(file, Duration.ofDays(-30));
        assertThat(clock.offset()).isEqualTo(Duration.ofDays(-30));

        DemoClock.write(file, Duration.ofDays(-29));
        base.advance(Duration.ofMillis(99));
        assertThat(clock.offset()).as("still cached").isEqualTo(Duration.ofDays(-30));
        base.advance(Duration.ofMillis(1));
        assertThat(clock.offset()).isEqualTo(Duration.ofDays(-29));
        assertThat(DemoClock.settleTime()).isGreaterThan(DemoClock.DEFAULT_CACHE);
    }

    @Test
    void aFileThatDoesNotHoldADurationMeansNoOffset() throws Exception {
        Path file = directory.resolve("demo-clock");
        Files.writeString(file, "yesterday\n");
        DemoClock clock = new DemoClock(file, new MovableClock(), Duration.ofMillis(100));

        assertThat(clock.instant()).isEqualTo(REAL);
    }

    @Test
    void theFileHoldsOneIsoDurationAndAZoneChangeKeepsTheOffset() throws Exception {
        Path file = directory.resolve("sub").resolve("demo-clock");
        DemoClock.write(file, Duration.ofHours(-4380));
        assertThat(Files.readString(file).strip()).isEqualTo("PT-4380H");
        try (var leftovers = Files.list(file.getParent())) {
            assertThat(leftovers).as("no temporary file left").containsExactly(file);
        }

        Clock zoned = new DemoClock(file).withZone(ZoneId.of("Europe/London"));
        assertThat(zoned.getZone()).isEqualTo(ZoneId.of("Europe/London"));
        assertThat(Duration.between(zoned.instant(), Instant.now()).toHours()).isBetween(4379L, 4380L);
    }

    @Test
    void outsideTheLocalProfileADemoClockIsRefused() {
        assertThatThrownBy(() -> DeploymentSettings.refuseDemoClock(false, "/tmp/demo-clock"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("outside the 'local' profile")
                .hasMessageContaining(DemoClock.ENVIRONMENT_VARIABLE);
        assertThatCode(() -> DeploymentSettings.refuseDemoClock(true, "/tmp/demo-clock")).doesNotThrowAnyException();
        assertThatCode(() -> DeploymentSettings.refuseDemoClock(false, "")).doesNotThrowAnyException();
        assertThatCode(() -> DeploymentSettings.refuseDemoClock(false, null)).doesNotThrowAnyException();
    }
}
