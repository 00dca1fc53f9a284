package org.nuage.core.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that runs {@code speed} times faster than the real one from {@code origin} on, so that
 * a local instance lives through two days of retries in minutes. Every function of the instance
 * is given the same origin and speed, so they agree on the time; queue delays are shortened by
 * the same factor ({@link #realSeconds}). The local runner's test setting, never a deployment's.
 */
public final class SimulatedClock extends Clock {

    private final Instant origin;
    private final double speed;
    private final Clock real;

    public SimulatedClock(Instant origin, double speed, Clock real) {
        if (!(speed >= 1)) {
            throw new IllegalArgumentException("a simulated clock runs at least as fast as the real one, not " + speed);
        }
        this.origin = origin;
        this.speed = speed;
        this.real = real;
    }

    public Instant origin() {
        return origin;
    }

    public double speed() {
        return speed;
    }

    @Override
    public Instant instant() {
        long realNanos = Duration.between(origin, real.instant()).toNanos();
        return origin.plusNanos(Math.round(realNanos * speed));
    }

    /**
     * The real seconds a queue must hold a message for it to come back {@code simulatedSeconds}
     * later on this clock: rounded up, since SQS counts whole seconds and early would be wrong.
     */
    public int realSeconds(int simulatedSeconds) {
        return (int) Math.ceil(simulatedSeconds / speed);
    }

    /** Real seconds for {@code simulatedSeconds} on {@code clock}, which is the identity unless it is simulated. */
    public static int realSeconds(Clock clock, int simulatedSeconds) {
        return clock instanceof SimulatedClock simulated ? simulated.realSeconds(simulatedSeconds) : simulatedSeconds;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a simulated clock is always UTC");
    }
}
