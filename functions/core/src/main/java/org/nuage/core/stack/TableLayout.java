package org.nuage.core.stack;

/**
 * The keys of Nuage's single DynamoDB table, one method per item kind, with the access pattern
 * each serves. Adapters build every key here so the layout is read in one place.
 *
 * <pre>
 * item                 PK                      SK          access pattern
 * received activity    ACTIVITY#{activity id}  ACTIVITY    inbox dedupe (conditional put), worker reads body
 * upload probe         UPLOAD#{upload id}      PROBE       transcoder records, API reads progress
 * instance counters    INSTANCE                STATS       NodeInfo usage (ADD counters)
 * OAuth client         INSTANCE                OAUTH       token requests (put once, conditional)
 * instance settings    INSTANCE                SETTINGS    what administrators change at run time
 * name claim           NAME#{name}             NAME        one namespace for accounts and channels
 * email claim          EMAIL#{email}           EMAIL       one account per email
 * account              ACCOUNT#{username}      PROFILE     sign-in, /users/me, /accounts/{name}
 * channel              CHANNEL#{name}          PROFILE     /video-channels/{name}
 *   GSI1: OWNER#{username} / CHANNEL#{name}                 an account's channels
 *   GSI2: CHANNELS / {createdAt}#{name}                     every channel, newest first
 * bearer token         TOKEN#{sha-256 hex}     TOKEN       authenticate a request (TTL = expiry)
 * video                VIDEO#{uuid}            VIDEO       /api/v1/videos/{uuid}, upload, transcoder state
 *   GSI1: OWNER#{username} / VIDEO#{createdAt}#{uuid}       an account's videos, newest first
 *   GSI2: VIDEOS / {createdAt}#{uuid}                       public published videos, newest first
 * transcode job        VIDEO#{uuid}            JOB         plan, done set (ADD), progress
 * rendition output     VIDEO#{uuid}            OUTPUT#{name}  files[] of the API, master playlist
 * storage used         ACCOUNT#{username}      QUOTA       quota check (conditional ADD)
 * resumable upload     RESUMABLE#{upload id}   SESSION     PeerTube's upload-resumable: offset, parts, held
 *                                                          chunks (conditional put on version; TTL = expiry)
 * actor key pair       ACTOR#{actor url}       KEYS        actor JSON (public), signing (private); put once
 * remote actor         REMOTE#{actor id}       ACTOR       inbox, key: signature checks, deliveries (TTL)
 * follower             FOLLOWERS#{our actor}   FOLLOWER#{remote actor}  fan-out, followers collection
 *   GSI1: FOLLOWING#{remote actor} / {our actor}            what an actor follows (it deleted itself)
 * follow request       FOLLOWERS#{our actor}   REQUEST#{remote actor}   waiting for an administrator
 * comment              VIDEO#{uuid}            COMMENT#{published}#{id}  a video's comments, oldest first
 * comment by AP id     COMMENT#{url}           COMMENT     dedupe (conditional put), replies find their parent,
 *                                                          edits and deletion marks
 *   GSI1: AUTHOR#{remote actor} / {url}                     an actor's comments (it deleted itself)
 * video counters       VIDEO#{uuid}            COUNTERS    likes, dislikes, views, shares (ADD)
 * rate                 VIDEO#{uuid}            RATE#{actor}  one like or dislike per actor (conditional), with the
 *                                                          activity's id (an Undo names it); a remote video's
 *                                                          rates by our users live under its uuid too
 * views update         VIDEO#{uuid}            VIEWS_UPDATE  a federated views Update waiting on the queue
 *                                                          (conditional put: one message per interval; TTL)
 * share                VIDEO#{uuid}            SHARE#{remote actor}  one Announce per actor (conditional put)
 * view                 VIEW#{View activity id} VIEW        one count per View (conditional put; TTL)
 * views of a day       VIEWS                   {yyyy-mm-dd, UTC}#{uuid}  trending: a day's views per video (ADD; TTL)
 * abuse report         ABUSES                  ABUSE#{id}  one per Flag and object (conditional put), admin list
 * our follow           FOLLOW#{follow id}      FOLLOW      Accept/Reject of our Follow find it by its id
 *   GSI1: FOLLOWING#{our actor} / {since}#{remote actor}    subscriptions API, following collection
 *         (the same GSI1 partition as a follower's: what an actor follows, ours or remote)
 *   GSI2: FOLLOWED_HOST#{host} / {remote actor}#{our actor} is an actor or its server followed (inbound videos)
 * remote video         REMOTEVIDEO#{AP id}     VIDEO       the remote video index: Update, Delete, search
 *   GSI1: REMOTEUUID#{uuid} / {published}#{AP id}           the REST API names remote videos by uuid
 *   GSI2: REMOTE_VIDEOS / {published}#{AP id}               public remote videos, newest first
 * delivery breaker     DOMAIN#{host[:port]}    BREAKER     failures (ADD), openUntil (conditional SET); every
 *                                                          outbound POST reads it (TTL = a day after the last change)
 * id counter           SEQUENCE#{kind}         SEQUENCE    PeerTube's numeric ids: {@code ADD last :one}, UPDATED_NEW
 * number → thing       ID#{kind}#{number}      ID          /api/v1/videos/42 and the like find the thing's ref
 *                                                          (uuid, name, URL): put once, the number being fresh
 * thing → number       IDREF#{kind}#{ref}      ID          the API shows a thing's number; conditional put, so a
 *                                                          thing keeps the first number given to it
 *   a local video's, account's and channel's own item keeps its number too ({@code numId}, set with
 *   {@code attribute_not_exists(numId)} on the first read of an item stored before numbers), so
 *   reading them needs no IDREF read; comments, abuse reports and remote things use IDREF alone
 * </pre>
 *
 * Uniqueness is a conditional put on the key ({@code attribute_not_exists(PK)}), since the local
 * emulator has no transactions; expiring items carry {@link StackDefinition#TTL} and readers
 * ignore expired ones, because DynamoDB deletes them only eventually.
 */
public final class TableLayout {

    public static final String ACTIVITY_SK = "ACTIVITY";
    public static final String PROBE_SK = "PROBE";
    public static final String INSTANCE_PK = "INSTANCE";
    public static final String STATS_SK = "STATS";
    public static final String SETTINGS_SK = "SETTINGS";
    public static final String OAUTH_SK = "OAUTH";
    public static final String PROFILE_SK = "PROFILE";
    public static final String NAME_SK = "NAME";
    public static final String EMAIL_SK = "EMAIL";
    public static final String TOKEN_SK = "TOKEN";
    public static final String ALL_CHANNELS = "CHANNELS";
    public static final String VIDEO_SK = "VIDEO";
    public static final String QUOTA_SK = "QUOTA";
    public static final String JOB_SK = "JOB";
    public static final String KEYS_SK = "KEYS";
    public static final String REMOTE_ACTOR_SK = "ACTOR";
    public static final String OUTPUT_SK_PREFIX = "OUTPUT#";
    public static final String PUBLIC_VIDEOS = "VIDEOS";
    public static final String SESSION_SK = "SESSION";
    public static final String FOLLOW_SK = "FOLLOW";
    public static final String PUBLIC_REMOTE_VIDEOS = "REMOTE_VIDEOS";

    private TableLayout() {
    }

    public static String activityPk(String activityId) {
        return "ACTIVITY#" + activityId;
    }

    public static String namePk(String name) {
        return "NAME#" + name;
    }

    public static String emailPk(String email) {
        return "EMAIL#" + email;
    }

    public static String accountPk(String username) {
        return "ACCOUNT#" + username;
    }

    public static String channelPk(String name) {
        return "CHANNEL#" + name;
    }

    public static String ownerGsi1(String username) {
        return "OWNER#" + username;
    }

    /** The uuid in a {@link #videoPk}. */
    public static String uuidOfVideoPk(String pk) {
        return pk.substring("VIDEO#".length());
    }

    public static String videoPk(String uuid) {
        return "VIDEO#" + uuid;
    }

    public static String tokenPk(String hash) {
        return "TOKEN#" + hash;
    }

    public static final String FOLLOWER_SK_PREFIX = "FOLLOWER#";
    public static final String FOLLOW_REQUEST_SK_PREFIX = "REQUEST#";
    public static final String COMMENT_SK = "COMMENT";
    public static final String COMMENT_SK_PREFIX = "COMMENT#";

    public static String commentPk(String url) {
        return "COMMENT#" + url;
    }

    public static final String ABUSES_PK = "ABUSES";
    public static final String ABUSE_SK_PREFIX = "ABUSE#";
    public static final String COUNTERS_SK = "COUNTERS";
    public static final String RATE_SK_PREFIX = "RATE#";
    public static final String SHARE_SK_PREFIX = "SHARE#";
    public static final String VIEW_SK = "VIEW";
    public static final String VIEWS_UPDATE_SK = "VIEWS_UPDATE";

    public static String viewPk(String viewId) {
        return "VIEW#" + viewId;
    }

    /**
     * One partition for every day's counts, so that trending reads a week in one query; its writes
     * are one per counted view, the same load a partition per day would take on the day.
     */
    public static final String DAILY_VIEWS_PK = "VIEWS";

    /** Counted attempts (failed sign-ins) under {@code key}; the sort key is the window's end. */
    public static String attemptsPk(String key) {
        return "ATTEMPTS#" + key;
    }

    public static String dailyViewsSk(java.time.LocalDate day, String uuid) {
        return day + "#" + uuid;
    }

    public static String authorGsi1(String actor) {
        return "AUTHOR#" + actor;
    }

    public static String followersPk(String actorUrl) {
        return "FOLLOWERS#" + actorUrl;
    }

    public static String followPk(String followId) {
        return "FOLLOW#" + followId;
    }

    /** What an actor follows: a remote follower's follows of ours, or our actor's subscriptions. */
    public static String followingGsi1(String actor) {
        return "FOLLOWING#" + actor;
    }

    public static String followedHostGsi2(String host) {
        return "FOLLOWED_HOST#" + host;
    }

    public static String remoteUuidGsi1(String uuid) {
        return "REMOTEUUID#" + uuid;
    }

    public static String remoteVideoPk(String id) {
        return "REMOTEVIDEO#" + id;
    }

    public static String remoteActorPk(String actorId) {
        return "REMOTE#" + actorId;
    }

    public static String actorPk(String actorUrl) {
        return "ACTOR#" + actorUrl;
    }

    public static final String BREAKER_SK = "BREAKER";

    public static String domainPk(String domain) {
        return "DOMAIN#" + domain;
    }

    public static final String SEQUENCE_SK = "SEQUENCE";
    public static final String ID_SK = "ID";

    public static String sequencePk(String kind) {
        return "SEQUENCE#" + kind;
    }

    public static String idPk(String kind, long id) {
        return "ID#" + kind + "#" + id;
    }

    public static String idRefPk(String kind, String ref) {
        return "IDREF#" + kind + "#" + ref;
    }

    public static String uploadPk(String uploadId) {
        return "UPLOAD#" + uploadId;
    }

    public static String resumablePk(String uploadId) {
        return "RESUMABLE#" + uploadId;
    }
}
