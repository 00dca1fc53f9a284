package org.nuage.core.federation.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nuage.core.federation.actor.ActorKeyring;
import org.nuage.core.federation.actor.ActorKeys;
import org.nuage.core.federation.signature.RequestSigner;
import org.nuage.core.json.Json;
import org.nuage.core.net.AddressPolicy;
import org.nuage.core.net.SafeHttp;
import org.nuage.core.net.SafeUrls;
import org.nuage.core.queue.WorkQueue;
import org.nuage.core.time.TestClock;

/**
 * The outbound worker against an inbox on loopback that answers 503 until told otherwise, on a
 * clock the test moves: each queued message is taken when it is due, as SQS would hand it out.
 */
class OutboundRetryTest {

    private static final String SIGNER = "https://nuage.example/accounts/ann";

    private final TestClock clock = new TestClock(Instant.parse("2026-11-26T12:00:00Z"));
    private final DelayQueue queue = new DelayQueue();
    private final List<Instant> posts = new ArrayList<>();
    private volatile int status = 503;
    private HttpServer peer;
    private String inbox;

    /** SQS as far as this worker sees it: messages handed out in the order they become visible. */
    private final class DelayQueue implements WorkQueue {
        private record Queued(Instant visibleAt, long order, String body) {
        }

        private final PriorityQueue<Queued> messages = new PriorityQueue<>((a, b) -> a.visibleAt().equals(b.visibleAt())
                ? Long.compare(a.order(), b.order()) : a.visibleAt().compareTo(b.visibleAt()));
        private long sent;
        final List<Integer> delays = new ArrayList<>();

        @Override
        public void send(Name queue, String body) {
            send(queue, body, 0);
        }

        @Override
        public void send(Name queue, String body, int delaySeconds) {
            assertEquals(Name.OUTBOUND, queue);
            assertTrue(delaySeconds >= 0 && delaySeconds <= 900, "SQS allows 0-900 s, got " + delaySeconds);
            delays.add(delaySeconds);
            messages.add(new Queued(clock.instant().plusSeconds(delaySeconds), sent++, body));
        }

        /** When the next message becomes visible, if there is one. */
        Instant nextVisibleAt() {
            return messages.isEmpty() ? Instant.MAX : messages.peek().visibleAt();
        }

        /** Moves the clock to the next message's visibility and hands it out. */
        Optional<Delivery> next() {
            Queued next = messages.poll();
            if (next == null) {
                return Optional.empty();
            }
            if (clock.instant().isBefore(next.visibleAt())) {
                clock.advance(Duration.between(clock.instant(), next.visibleAt()));
            }
            return Optional.of(Json.read(next.body(), Delivery.class));
        }
    }

    @BeforeEach
    void startPeer() throws Exception {
        peer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        peer.createContext("/inbox", exchange -> {
            exchange.getRequestBody().readAllBytes();
            synchronized (posts) {
                posts.add(clock.instant());
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        peer.start();
        inbox = "http://127.0.0.1:" + peer.getAddress().getPort() + "/inbox";
    }

    @AfterEach
    void stopPeer() {
        peer.stop(0);
    }

    private OutboundService outbound(BreakerPolicy policy) {
        ActorKeys keys = new MemoryActorKeys();
        SafeHttp http = new SafeHttp(new SafeUrls(new AddressPolicy(true), SafeUrls.SYSTEM_DNS), Duration.ofSeconds(2),
                Duration.ofSeconds(5), 1024, "test");
        return new OutboundService(queue, new ActorKeyring(keys, new RequestSigner(clock)), http,
                new DomainBreaker(new MemoryBreakerStates(), policy, clock), clock);
    }

    private static Map<String, Object> note(int n) {
        return Map.of("id", "https://nuage.example/notes/" + n, "type", "Create", "actor", SIGNER);
    }

    @Test
    void aDeadInboxIsTriedWithGrowingWaitsForTwoDaysThenTheMessageIsGivenUp() {
        OutboundService outbound = outbound(BreakerPolicy.DEFAULT);
        Instant start = clock.instant();
        outbound.send(SIGNER, note(1), List.of(inbox));
        OutboundService.Exhausted exhausted = assertThrows(OutboundService.Exhausted.class, () -> {
            for (Optional<Delivery> d = queue.next(); d.isPresent(); d = queue.next()) {
                outbound.deliver(d.get());
            }
        });
        assertTrue(exhausted.getMessage().contains("HTTP 503"), exhausted.getMessage());
        assertTrue(Duration.between(start, clock.instant()).compareTo(OutboundService.GIVE_UP_AFTER) > 0,
                "given up after 48 hours, not before");
        assertTrue(Duration.between(start, clock.instant()).compareTo(OutboundService.GIVE_UP_AFTER.plusHours(7)) < 0,
                "and not long after");
        List<Duration> gaps = new ArrayList<>();
        for (int i = 1; i < posts.size(); i++) {
            gaps.add(Duration.between(posts.get(i - 1), posts.get(i)));
        }
        // The single-domain breaker (10 failures, 60 s) never holds one message: its waits are longer.
        assertEquals(List.of(Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4)),
                gaps.subList(0, 4));
        for (int i = 1; i < gaps.size(); i++) {
            assertTrue(gaps.get(i).compareTo(gaps.get(i - 1)) >= 0, "waits never shrink: " + gaps);
        }
        assertEquals(Duration.ofHours(6), gaps.get(gaps.size() - 1));
        assertTrue(posts.size() >= 15 && posts.size() <= 25, posts.size() + " POSTs");
        assertTrue(queue.delays.stream().allMatch(d -> d <= 900), "long waits are made of 15-minute hops");
    }

    @Test
    void whileTheBreakerIsOpenOtherDeliveriesWaitWithoutPostingOrSpendingAttempts() {
        BreakerPolicy policy = new BreakerPolicy(3, Duration.ofMinutes(10), Duration.ofSeconds(60), Duration.ofDays(1));
        OutboundService outbound = outbound(policy);
        for (int n = 0; n < 20; n++) {
            outbound.send(SIGNER, note(n), List.of(inbox));
        }
        Instant start = clock.instant();
        while (queue.nextVisibleAt().isBefore(start.plus(policy.coolDown()))) {
            outbound.deliver(queue.next().orElseThrow());
        }
        assertEquals(3, posts.size(), "20 deliveries, but the breaker opened after 3 failures: " + posts);

        // Every message is still queued, none lost, and the held ones still have all their attempts.
        long waitingWithoutAttempt = queue.messages.stream().map(q -> Json.read(q.body(), Delivery.class))
                .filter(d -> d.attempt() == 0).count();
        assertEquals(17, waitingWithoutAttempt);
        assertEquals(20, queue.messages.size());
    }

    @Test
    void whenThePeerIsBackTheProbeSucceedsClosesTheBreakerAndThePendingDeliveriesGoThrough() {
        BreakerPolicy policy = new BreakerPolicy(3, Duration.ofMinutes(10), Duration.ofSeconds(60), Duration.ofDays(1));
        OutboundService outbound = outbound(policy);
        for (int n = 0; n < 5; n++) {
            outbound.send(SIGNER, note(n), List.of(inbox));
        }
        Instant start = clock.instant();
        while (queue.nextVisibleAt().isBefore(start.plus(policy.coolDown()))) {
            outbound.deliver(queue.next().orElseThrow());
        }
        assertEquals(3, posts.size());
        status = 202;
        Instant back = clock.instant();
        for (Optional<Delivery> d = queue.next(); d.isPresent(); d = queue.next()) {
            outbound.deliver(d.get());
        }
        // 3 failed POSTs, then the probe after the cool-down, then the other four.
        assertEquals(3 + 5, posts.size(), posts.toString());
        Instant probe = posts.get(3);
        assertTrue(!probe.isBefore(start.plus(policy.coolDown())), "nothing was sent before the cool-down ended");
        assertTrue(posts.subList(4, 8).stream().allMatch(p -> !p.isBefore(probe)), "the rest after the probe");
        assertTrue(Duration.between(back, posts.get(7)).compareTo(Duration.ofMinutes(30)) < 0,
                "all delivered soon after the peer came back: " + posts);
    }
}
