package org.nuage.core.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.nuage.core.Refusal;

/**
 * Limits failed sign-ins per account and per client address in fixed windows, so that a password
 * cannot be guessed at the speed of the API: once either limit is reached, every sign-in of that
 * account or from that address waits for the window's end, even with the right password.
 */
public final class SignInLimits {

    /** The length of a window; its counts are dropped when it ends. */
    public static final Duration WINDOW = Duration.ofMinutes(15);

    /** Failed sign-ins of one account per window. */
    public static final int PER_ACCOUNT = 10;

    /** Failed sign-ins from one address per window, whatever the accounts (several people may share one). */
    public static final int PER_ADDRESS = 50;

    /** A limit is reached; says when to try again. */
    public static final class Limited extends Refusal {

        private final Duration retryAfter;

        Limited(String message, Duration retryAfter) {
            super(429, message);
            this.retryAfter = retryAfter;
        }

        /** How long until the window ends, at least a second. */
        public Duration retryAfter() {
            return retryAfter;
        }
    }

    private final AttemptCounter counter;
    private final Clock clock;

    public SignInLimits(AttemptCounter counter, Clock clock) {
        this.counter = counter;
        this.clock = clock;
    }

    /** Refuses with {@link Limited} when {@code username} or {@code address} has used up its failures. */
    public void check(String username, String address) {
        Instant end = windowEnd();
        if (counter.count(accountKey(username), end) >= PER_ACCOUNT) {
            throw limited("too many failed sign-ins to this account", end);
        }
        if (counter.count(addressKey(address), end) >= PER_ADDRESS) {
            throw limited("too many failed sign-ins from this address", end);
        }
    }

    /** Counts a failed sign-in against both the account and the address. */
    public void failed(String username, String address) {
        Instant end = windowEnd();
        counter.add(accountKey(username), end);
        counter.add(addressKey(address), end);
    }

    private Limited limited(String why, Instant end) {
        Duration wait = Duration.between(clock.instant(), end);
        long seconds = Math.max(1, wait.toSeconds());
        return new Limited(why + "; try again in " + (seconds + 59) / 60 + " min", Duration.ofSeconds(seconds));
    }

    private Instant windowEnd() {
        long window = WINDOW.toSeconds();
        return Instant.ofEpochSecond((clock.instant().getEpochSecond() / window + 1) * window);
    }

    private static String accountKey(String username) {
        return "signin-account:" + (username == null ? "" : username.strip().toLowerCase(Locale.ROOT));
    }

    private static String addressKey(String address) {
        return "signin-address:" + (address == null ? "unknown" : address);
    }
}
