package org.nuage.core.federation;

import java.time.Clock;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Applies activities the inbox accepted, one envelope at a time. Every step may run twice (SQS
 * delivers at least once) and must not care.
 */
public final class InboundService {

    private static final Logger LOG = Logger.getLogger(InboundService.class.getName());

    private final InboxStore store;
    private final Clock clock;

    public InboundService(InboxStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public void apply(InboxEnvelope envelope) {
        Optional<ReceivedActivity> activity = store.find(envelope.activityId());
        if (activity.isEmpty()) {
            // The inbox forgets an activity only when it could not queue it, so this envelope is a
            // stray from that race; there is nothing to apply.
            LOG.warning(() -> "no stored activity for envelope " + envelope.activityId() + "; skipped");
            return;
        }
        // The dispatch table on (activity type, object type) lands with federation; until then the
        // worker's job is to record that the activity reached it.
        store.markProcessed(envelope.activityId(), clock.instant());
        LOG.info(() -> "applied " + envelope.activityType() + " " + envelope.activityId() + " from "
                + envelope.actor());
    }
}
