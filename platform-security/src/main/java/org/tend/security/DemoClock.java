package org.tend.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * DEVELOPMENT ONLY: the system clock shifted by an offset that another process sets through a file, so that the local
 * stack's demo seeder can replay six months of a programme in minutes through the public API and leave the stack at
 * real time afterwards.
 *
 * <p>Why a file: the seeder runs in the launcher's JVM and every service in a JVM of its own; a file in the data
 * directory is the one thing they all see without a new endpoint (an endpoint that moves a service's time would be
 * an attack surface in every deployment). The file holds one ISO-8601 duration ({@code -PT4380H}); no file, an empty
 * file or one that does not parse means no offset. Each JVM reads it at most once per {@link #DEFAULT_CACHE} (100 ms),
 * so the writer waits a little longer than that before relying on a new offset ({@link #settleTime()}).
 *
 * <p>What it shifts: only the service's {@code Clock} bean, the "now" its commands and read models record (an
 * assessment's completion, an enrolment, a goal's setting and rating, recommendations' issue). Never the clock tokens
 * are checked against (tokens are minted at real time), nor Axon's event timestamps, on which the tracking tokens and
 * the reconciler rely (engineering notes §8, §21).
 *
 * <p>Why it cannot reach a deployment: services use it only when {@value #PROPERTY} ({@value #ENVIRONMENT_VARIABLE})
 * is set, and outside the {@value DeploymentSettings#LOCAL_PROFILE} profile they refuse to start with it
 * ({@link DeploymentSettings#refuseDemoClock}).
 */
public final class DemoClock extends Clock {

    /** The setting that names the file; unset (the default), a service's clock is the system clock. */
    public static final String PROPERTY = "tend.demo.clock-file";
    /** The environment variable the local stack sets. */
    public static final String ENVIRONMENT_VARIABLE = "TEND_DEMO_CLOCK_FILE";
    /** How long a JVM keeps the offset it read before reading the file again. */
    public static final Duration DEFAULT_CACHE = Duration.ofMillis(100);

    private static final System.Logger log = System.getLogger(DemoClock.class.getName());

    private final Path file;
    private final Clock base;
    private final long cacheMillis;
    private volatile Read last;

    private record Read(Duration offset, long atMillis) {
    }

    /** The system clock (UTC) shifted by the offset in {@code file}. */
    public DemoClock(Path file) {
        this(file, Clock.systemUTC(), DEFAULT_CACHE);
    }

    /**
     * @param base  the clock that is shifted (the system clock; tests give another)
     * @param cache how long an offset read is kept, measured on {@code base}
     */
    public DemoClock(Path file, Clock base, Duration cache) {
        this.file = Objects.requireNonNull(file);
        this.base = Objects.requireNonNull(base);
        this.cacheMillis = cache.toMillis();
    }

    /** How long a writer waits after {@link #write} before every JVM reading the file has seen the new offset. */
    public static Duration settleTime() {
        return DEFAULT_CACHE.multipliedBy(3);
    }

    /** Sets the offset of every demo clock reading {@code file} (written whole: a reader never sees half of it). */
    public static void write(Path file, Duration offset) {
        try {
            Path directory = file.toAbsolutePath().getParent();
            Files.createDirectories(directory);
            Path temporary = Files.createTempFile(directory, file.getFileName().toString(), ".tmp");
            Files.writeString(temporary, offset.toString() + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo clock's offset to " + file, e);
        }
    }

    /** Back to real time: removes the file (nothing happens when there is none). */
    public static void clear(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the demo clock's file " + file, e);
        }
    }

    /** The file this clock reads. */
    public Path file() {
        return file;
    }

    /** The offset now in force (zero without a file). */
    public Duration offset() {
        long now = base.millis();
        Read read = last;
        if (read == null || now < read.atMillis() || now - read.atMillis() >= cacheMillis) {
            read = new Read(readOffset(), now);
            last = read;
        }
        return read.offset();
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset());
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return zone.equals(base.getZone()) ? this : new DemoClock(file, base.withZone(zone), Duration.ofMillis(cacheMillis));
    }

    @Override
    public String toString() {
        return "DemoClock[" + file + ", offset " + offset() + "]";
    }

    private Duration readOffset() {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            return Duration.ZERO;
        } catch (IOException e) {
            log.log(System.Logger.Level.WARNING, "cannot read the demo clock's file " + file + "; no offset: " + e);
            return Duration.ZERO;
        }
        if (text.isEmpty()) {
            return Duration.ZERO;
        }
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            log.log(System.Logger.Level.WARNING, "the demo clock's file " + file
                    + " does not hold an ISO-8601 duration (e.g. -PT4380H); no offset");
            return Duration.ZERO;
        }
    }
}
