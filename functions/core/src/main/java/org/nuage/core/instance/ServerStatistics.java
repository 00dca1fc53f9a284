package org.nuage.core.instance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nuage.core.abuse.Abuses;
import org.nuage.core.account.Account;
import org.nuage.core.account.AccountService;
import org.nuage.core.account.AccountStore;
import org.nuage.core.account.Channel;
import org.nuage.core.comment.Comment;
import org.nuage.core.comment.Comments;
import org.nuage.core.federation.follow.FollowerApproval;
import org.nuage.core.federation.follow.FollowingService;
import org.nuage.core.federation.follow.Subscription;
import org.nuage.core.federation.index.RemoteVideos;
import org.nuage.core.transcode.RenditionOutput;
import org.nuage.core.transcode.TranscodeJobs;
import org.nuage.core.video.Video;
import org.nuage.core.video.VideoCatalog;
import org.nuage.core.video.VideoReactions;

/**
 * The instance's statistics in PeerTube's {@code ServerStats} shape ({@code GET /api/v1/server/stats}),
 * counted from the table when asked: users from the instance's counter, videos, views, comments,
 * files and channels from the published videos, follows, abuse reports, and the activities the
 * delivery worker applied per type. PeerTube caches its answer for four hours; callers cache too.
 */
public final class ServerStatistics {

    /** PeerTube's {@code ActivityType}s, each of which has its success and error counter in the answer. */
    public static final List<String> ACTIVITY_TYPES = List.of("Create", "Update", "Delete", "Follow", "Accept",
            "Announce", "Undo", "Like", "Reject", "View", "Dislike", "Flag", "ApproveReply", "RejectReply",
            "Download");

    /** Channels that published within these periods are PeerTube's daily, weekly and monthly active ones. */
    private static final Duration DAY = Duration.ofDays(1);
    private static final Duration WEEK = Duration.ofDays(7);
    private static final Duration MONTH = Duration.ofDays(30);

    private final InstanceStats stats;
    private final AccountStore accounts;
    private final VideoCatalog videos;
    private final RemoteVideos remoteVideos;
    private final VideoReactions reactions;
    private final Comments comments;
    private final TranscodeJobs jobs;
    private final Abuses abuses;
    private final FollowerApproval followers;
    private final FollowingService following;
    private final Clock clock;

    public ServerStatistics(InstanceStats stats, AccountStore accounts, VideoCatalog videos, RemoteVideos remoteVideos,
            VideoReactions reactions, Comments comments, TranscodeJobs jobs, Abuses abuses, FollowerApproval followers,
            FollowingService following, Clock clock) {
        this.stats = stats;
        this.accounts = accounts;
        this.videos = videos;
        this.remoteVideos = remoteVideos;
        this.reactions = reactions;
        this.comments = comments;
        this.jobs = jobs;
        this.abuses = abuses;
        this.followers = followers;
        this.following = following;
        this.clock = clock;
    }

    /** Counts everything now. */
    public Map<String, Object> compute() {
        Instant now = clock.instant();
        List<Video> local = videos.publicVideos().toList();
        List<String> uuids = local.stream().map(Video::uuid).toList();
        long views = reactions.counters(uuids).values().stream().mapToLong(VideoReactions.Counters::views).sum();
        long localComments = 0;
        long allComments = 0;
        long filesBytes = 0;
        for (Video video : local) {
            List<Comment> of = comments.of(video.uuid());
            localComments += of.stream().filter(Comment::local).count();
            allComments += of.size();
            filesBytes += jobs.outputs(video.uuid()).stream().mapToLong(RenditionOutput::mp4Bytes).sum();
        }
        long channels = 0;
        for (int start = 0; ; start += 100) {
            List<Channel> page = accounts.allChannels(start, 100);
            channels += page.size();
            if (page.size() < 100) {
                break;
            }
        }
        long admins = accounts.findAccount(AccountService.ROOT).map(Account::role)
                .filter(Account.Role.ADMINISTRATOR::equals).isPresent() ? 1 : 0;
        ActivityCounts activities = stats.activities();

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("totalUsers", stats.usage().users());
        // Nuage has administrators and users, no moderators.
        json.put("totalModerators", 0);
        json.put("totalAdmins", admins);
        json.put("totalLocalVideos", local.size());
        json.put("totalLocalVideoViews", views);
        json.put("totalLocalVideoComments", localComments);
        json.put("totalLocalVideoFilesSize", filesBytes);
        json.put("totalVideos", local.size() + remoteVideos.publicVideos().count());
        json.put("totalVideoComments", allComments);
        json.put("totalLocalVideoChannels", channels);
        json.put("totalLocalDailyActiveVideoChannels", channelsPublishingSince(local, now.minus(DAY)));
        json.put("totalLocalWeeklyActiveVideoChannels", channelsPublishingSince(local, now.minus(WEEK)));
        json.put("totalLocalMonthlyActiveVideoChannels", channelsPublishingSince(local, now.minus(MONTH)));
        // No playlists and no redundancy here.
        json.put("totalLocalPlaylists", 0);
        json.put("videosRedundancy", List.of());
        json.put("totalInstanceFollowers", followers.instanceFollowers().stream()
                .filter(f -> f.state() == FollowerApproval.State.ACCEPTED).count());
        json.put("totalInstanceFollowing", following.instanceFollows().stream()
                .filter(s -> s.state() == Subscription.State.ACCEPTED).count());
        // Sign-up is direct, never a request to approve; PeerTube answers null for an average of nothing.
        json.put("totalRegistrationRequests", 0);
        json.put("totalRegistrationRequestsProcessed", 0);
        json.put("averageRegistrationRequestResponseTimeMs", null);
        // Abuse reports are received and listed, not yet processed.
        json.put("totalAbuses", abuses.all().size());
        json.put("totalAbusesProcessed", 0);
        json.put("averageAbuseResponseTimeMs", null);
        long applied = activities.totalApplied();
        long failed = activities.totalFailed();
        json.put("totalActivityPubMessagesProcessed", applied + failed);
        json.put("totalActivityPubMessagesSuccesses", applied);
        json.put("totalActivityPubMessagesErrors", failed);
        for (String type : ACTIVITY_TYPES) {
            json.put("totalActivityPub" + type + "MessagesSuccesses", activities.applied().getOrDefault(type, 0L));
            json.put("totalActivityPub" + type + "MessagesErrors", activities.failed().getOrDefault(type, 0L));
        }
        // PeerTube divides by the seconds since its process started; ours count since the first activity.
        double seconds = activities.since().map(s -> Duration.between(s, now).toMillis() / 1000.0).orElse(0.0);
        json.put("activityPubMessagesProcessedPerSecond", seconds <= 0 ? 0.0 : (applied + failed) / seconds);
        return json;
    }

    private static long channelsPublishingSince(List<Video> local, Instant since) {
        Set<String> active = new HashSet<>();
        local.stream().filter(v -> v.createdAt().isAfter(since)).forEach(v -> active.add(v.channel()));
        return active.size();
    }
}
