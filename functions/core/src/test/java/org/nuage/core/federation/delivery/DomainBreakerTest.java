package org.nuage.core.federation.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.nuage.core.time.TestClock;

class DomainBreakerTest {

    private static final String DOMAIN = "video.example";
    private static final BreakerPolicy POLICY = new BreakerPolicy(3, Duration.ofMinutes(5), Duration.ofSeconds(60),
            Duration.ofDays(1));

    private final TestClock clock = new TestClock(Instant.parse("2026-11-26T12:00:00Z"));
    private final MemoryBreakerStates states = new MemoryBreakerStates();
    private final DomainBreaker breaker = new DomainBreaker(states, POLICY, clock);

    private void fail(int times) {
        for (int i = 0; i < times; i++) {
            DomainBreaker.Permit permit = breaker.permit(DOMAIN);
            assertTrue(permit.go(), "failure " + (i + 1) + " was let through");
            breaker.failed(DOMAIN, permit);
        }
    }

    @Test
    void staysClosedBelowTheThresholdAndASuccessForgetsTheFailures() {
        fail(2);
        DomainBreaker.Permit permit = breaker.permit(DOMAIN);
        assertTrue(permit.go());
        breaker.succeeded(DOMAIN, permit);
        fail(2);
        assertTrue(breaker.permit(DOMAIN).go(), "the count started again after the success");
    }

    @Test
    void opensAtTheThresholdAndHoldsEveryDeliveryUntilTheCoolDownEnds() {
        fail(3);
        DomainBreaker.Permit held = breaker.permit(DOMAIN);
        assertFalse(held.go());
        assertEquals(clock.instant().plus(POLICY.coolDown()), held.until());
        clock.advance(Duration.ofMinutes(4));
        assertFalse(breaker.permit(DOMAIN).go(), "still cooling down");
        assertTrue(breaker.permit("other.example").go(), "other domains are not held");
    }

    @Test
    void letsOneProbeThroughAfterTheCoolDownAndItsSuccessClosesTheBreaker() {
        fail(3);
        clock.advance(POLICY.coolDown());
        DomainBreaker.Permit probe = breaker.permit(DOMAIN);
        assertTrue(probe.go() && probe.probe(), "the first one after the cool-down is the probe");
        DomainBreaker.Permit other = breaker.permit(DOMAIN);
        assertFalse(other.go(), "only one probe at a time");
        assertEquals(clock.instant().plus(POLICY.probeWindow()), other.until());

        breaker.succeeded(DOMAIN, probe);
        assertTrue(breaker.permit(DOMAIN).go());
        assertFalse(breaker.permit(DOMAIN).probe(), "closed, not probing");
        fail(2);
        assertTrue(breaker.permit(DOMAIN).go(), "closed with a fresh count");
    }

    @Test
    void aFailedProbeOpensTheBreakerForAnotherCoolDown() {
        fail(3);
        clock.advance(POLICY.coolDown());
        DomainBreaker.Permit probe = breaker.permit(DOMAIN);
        breaker.failed(DOMAIN, probe);
        DomainBreaker.Permit held = breaker.permit(DOMAIN);
        assertFalse(held.go());
        assertEquals(clock.instant().plus(POLICY.coolDown()), held.until());
    }

    @Test
    void aProbeWhoseWorkerDiedIsReplacedAfterItsWindow() {
        fail(3);
        clock.advance(POLICY.coolDown());
        assertTrue(breaker.permit(DOMAIN).probe());
        clock.advance(POLICY.probeWindow());
        assertTrue(breaker.permit(DOMAIN).probe(), "a new probe once the first one's window is over");
    }

    @Test
    void failuresAreForgottenOnceTheirStateExpires() {
        fail(2);
        clock.advance(POLICY.coolDown().plus(POLICY.forgetAfter()).plusSeconds(1));
        fail(2);
        assertTrue(breaker.permit(DOMAIN).go(), "2 + 2 failures a day apart do not reach 3 in a row");
    }

    @Test
    void aSuccessWithNothingOnRecordWritesNothing() {
        DomainBreaker.Permit permit = breaker.permit(DOMAIN);
        breaker.succeeded(DOMAIN, permit);
        assertEquals(0, states.writes, "the common case costs one read");
    }

    @Test
    void theDomainIsTheHostWithItsPort() {
        assertEquals("video.example", DomainBreaker.domainOf(URI.create("https://Video.Example/inbox")));
        assertEquals("127.0.0.1:8081", DomainBreaker.domainOf(URI.create("http://127.0.0.1:8081/users/a/inbox")));
    }
}
