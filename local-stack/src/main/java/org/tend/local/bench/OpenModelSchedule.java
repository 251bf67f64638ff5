package org.tend.local.bench;

/**
 * The open model's arrival times: the i-th arrival of a step at {@code ratePerSecond} is due at
 * {@code start + i / rate}, whatever happened to the arrivals before it. Latency is measured from that intended time,
 * not from when the request was actually sent, so a generator (or a system) that falls behind shows as latency
 * instead of silently sending less (no coordinated omission).
 */
final class OpenModelSchedule {

    private final long startNanos;
    private final double ratePerSecond;

    OpenModelSchedule(long startNanos, double ratePerSecond) {
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("rate must be positive, got " + ratePerSecond);
        }
        this.startNanos = startNanos;
        this.ratePerSecond = ratePerSecond;
    }

    /** When arrival {@code index} (from 0) is due, on the {@link System#nanoTime()} scale. */
    long intendedStart(long index) {
        return startNanos + Math.round(index * 1e9 / ratePerSecond);
    }

    /** How many arrivals fall in a step of {@code seconds} (those due strictly before its end). */
    long arrivalsIn(double seconds) {
        return (long) Math.ceil(seconds * ratePerSecond - 1e-9);
    }
}
