package org.nuage.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.nuage.core.instance.ServerStatistics;

/**
 * PeerTube's {@code GET /api/v1/server/stats}, counted by {@link ServerStatistics}. Counting reads
 * every published video's comments and files, so a function instance keeps its answer for a minute;
 * PeerTube keeps its own for four hours.
 */
@Path("/api/v1/server/stats")
@ApplicationScoped
public class ServerStatsResource {

    static final Duration KEPT = Duration.ofMinutes(1);

    private final ServerStatistics statistics;
    private final Clock clock;
    private Map<String, Object> answer;
    private Instant countedAt = Instant.MIN;

    public ServerStatsResource(ServerStatistics statistics, Clock clock) {
        this.statistics = statistics;
        this.clock = clock;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public synchronized Map<String, Object> stats() {
        Instant now = clock.instant();
        if (answer == null || now.isAfter(countedAt.plus(KEPT))) {
            answer = statistics.compute();
            countedAt = now;
        }
        return answer;
    }
}
