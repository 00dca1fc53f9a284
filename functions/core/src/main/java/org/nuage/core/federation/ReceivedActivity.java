package org.nuage.core.federation;

import java.time.Instant;
import java.util.Optional;

/** An activity as the inbox accepted it, and when the delivery worker applied it, if it has. */
public record ReceivedActivity(String activityId, String activityType, String actor, String inboxPath,
        byte[] body, Instant receivedAt, Optional<Instant> processedAt) {

    public InboxEnvelope envelope() {
        return new InboxEnvelope(activityId, activityType, actor, inboxPath, receivedAt);
    }
}
