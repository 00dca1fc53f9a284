package org.nuage.core.federation;

import java.time.Instant;

/**
 * What the inbox puts on the inbound queue: ids only. The activity's bytes stay in the table
 * where the inbox recorded them, so the message stays small and carries nothing secret.
 */
public record InboxEnvelope(String activityId, String activityType, String actor, String inboxPath,
        Instant receivedAt) {
}
