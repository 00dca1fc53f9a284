package org.nuage.core.federation;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.nuage.core.federation.delivery.OutboundService;
import org.nuage.core.federation.follow.Follower;
import org.nuage.core.federation.follow.Followers;
import org.nuage.core.video.Video;

/**
 * Tells followers about a video's life, as PeerTube does: on publication a {@code Create} of the
 * Video by the account to the account's followers and an {@code Announce} of it by the channel to
 * the channel's followers (which is how a Mastodon user following the channel sees it); on deletion
 * a {@code Delete} to both.
 */
public final class VideoFederation {

    private static final Logger LOG = Logger.getLogger(VideoFederation.class.getName());

    private final VideoObjects objects;
    private final Followers followers;
    private final OutboundService outbound;

    public VideoFederation(VideoObjects objects, Followers followers, OutboundService outbound) {
        this.objects = objects;
        this.followers = followers;
        this.outbound = outbound;
    }

    public void published(Video video) {
        Optional<Map<String, Object>> object = objects.video(video);
        if (object.isEmpty()) {
            return;
        }
        String videoUrl = objects.videoUrl(video.uuid());
        String account = objects.accountUrl(video.owner());
        String channel = objects.channelUrl(video.channel());
        List<String> accountInboxes = followers.of(account).stream().map(Follower::deliveryInbox).toList();
        List<String> channelInboxes = followers.of(channel).stream().map(Follower::deliveryInbox).toList();
        if (!accountInboxes.isEmpty()) {
            Map<String, Object> create = activity(videoUrl + "/activity", "Create", account, object.get(), video);
            outbound.send(account, create, accountInboxes);
        }
        if (!channelInboxes.isEmpty()) {
            Map<String, Object> announce = activity(videoUrl + "/announces/" + video.channel(), "Announce", channel,
                    videoUrl, video);
            // The channel's followers, with the public: a boost, as Mastodon shows it.
            announce.put("to", List.of(VideoObjects.PUBLIC));
            announce.put("cc", List.of(channel + "/followers"));
            outbound.send(channel, announce, channelInboxes);
        }
        LOG.info(() -> "video " + video.uuid() + " announced to " + accountInboxes.size() + " account and "
                + channelInboxes.size() + " channel follower inboxes");
    }

    /**
     * The video's views count, as PeerTube federates it: an {@code Update} of the whole Video by
     * the account (PeerTube's {@code sendUpdateVideo}) to the followers of the account and of the
     * channel, once per inbox. PeerTube names it {@code {video}/updates/{updatedAt}}, which does not
     * change with the views; ours carries the time of sending, so that a receiver dropping activity
     * ids it has seen (Nuage does) takes each count.
     */
    public void viewsUpdated(Video video, long views, Instant at) {
        Optional<Map<String, Object>> object = objects.video(video, views);
        if (object.isEmpty()) {
            return;
        }
        List<String> inboxes = followerInboxes(video);
        if (inboxes.isEmpty()) {
            return;
        }
        String account = objects.accountUrl(video.owner());
        Map<String, Object> update = activity(objects.videoUrl(video.uuid()) + "/updates/" + at, "Update", account,
                object.get(), video);
        outbound.send(account, update, inboxes);
        LOG.info(() -> "views of video " + video.uuid() + " (" + views + ") sent to " + inboxes.size() + " inboxes");
    }

    /** Whether other servers know the video: published, public or unlisted (PeerTube's {@code canVideoBeFederated}). */
    public static boolean federated(Video video) {
        return video.state() == Video.State.PUBLISHED && video.metadata().privacy() != Video.Privacy.PRIVATE;
    }

    /** The inboxes of the followers of the video's account and channel, each once. */
    public List<String> followerInboxes(Video video) {
        return Stream.concat(followers.of(objects.accountUrl(video.owner())).stream(),
                followers.of(objects.channelUrl(video.channel())).stream())
                .map(Follower::deliveryInbox).distinct().toList();
    }

    /**
     * A deleted video that had been federated (published, public or unlisted): the account sends a
     * {@code Delete} of its id to every inbox that was told of it, once per inbox even when the
     * server follows both the account and the channel. PeerTube sends it from the account too.
     */
    public void deleted(Video video) {
        if (!federated(video)) {
            return;
        }
        String videoUrl = objects.videoUrl(video.uuid());
        String account = objects.accountUrl(video.owner());
        List<String> inboxes = followerInboxes(video);
        if (inboxes.isEmpty()) {
            return;
        }
        Map<String, Object> delete = activity(videoUrl + "/delete", "Delete", account, videoUrl, video);
        outbound.send(account, delete, inboxes);
        LOG.info(() -> "deletion of video " + video.uuid() + " sent to " + inboxes.size() + " inboxes");
    }

    private Map<String, Object> activity(String id, String type, String actor, Object object, Video video) {
        Map<String, Object> activity = new LinkedHashMap<>();
        activity.put("@context", VideoObjects.CONTEXT);
        activity.put("id", id);
        activity.put("type", type);
        activity.put("actor", actor);
        activity.put("object", object);
        activity.putAll(objects.audience(video));
        return activity;
    }
}
