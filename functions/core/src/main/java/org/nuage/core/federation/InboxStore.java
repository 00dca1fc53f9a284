package org.nuage.core.federation;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Port: the record of activities received, which also makes the inbox drop duplicates (a
 * conditional write keyed on the activity id).
 */
public interface InboxStore {

    /**
     * Senders retry a failed delivery for days (Mastodon about 4, PeerTube less); remembering ids
     * for 30 days drops every retry of an activity we already have. An LD signature older than this
     * is refused, or its activity could be replayed once its id is forgotten.
     */
    Duration DEDUPE_WINDOW = Duration.ofDays(30);

    /**
     * Stores the activity unless one with the same id is already there; true when stored.
     *
     * @throws TooLargeException when the store cannot hold a body this large
     */
    boolean recordIfNew(ReceivedActivity activity);

    /** Undoes {@link #recordIfNew} when the activity could not be queued, so a retry is accepted. */
    void forget(String activityId);

    Optional<ReceivedActivity> find(String activityId);

    /** Marks the activity applied; a second call keeps the first time. */
    void markProcessed(String activityId, Instant at);

    /** The activity's body is larger than the store can keep. */
    final class TooLargeException extends RuntimeException {
        public TooLargeException(String message) {
            super(message);
        }
    }
}
