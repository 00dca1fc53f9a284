package org.nuage.infra.cost;

/**
 * What the cost model cannot read from the template; each default says where it comes from, and
 * docs/cost.md repeats them. Change one and rerun the report to see what it does.
 *
 * @param pollersPerQueue          Lambda's SQS event source long-polls an idle queue with about five
 *                                 pollers (AWS's "Lambda with SQS" guide describes starting with five);
 *                                 not confirmed by a published count of requests, so an estimate
 * @param longPollSeconds          each empty receive waits 20 s, SQS's longest long poll
 * @param deployedArtifactsGb      the function zips and the ffmpeg layer kept in the CDK asset bucket:
 *                                 the four function.zip files are 127 MB together (29 to 40 MB each),
 *                                 so half a GB leaves room for the layer and an older version
 * @param tableGb                  an idle instance's table: a few accounts and keys
 * @param videoSeconds             the watched video's length
 * @param viewResolution           the rendition the viewers watch
 * @param apiRequestsPerView       the watch page, the video's JSON, its description, its comments and
 *                                 one view count: what PeerTube's player asks for
 * @param apiMillisPerRequest      a warm api invocation (not measured on Lambda)
 * @param dynamoReadsPerView       item reads behind those requests
 * @param dynamoWritesPerView      the view counter
 * @param p2pShare                 the share of the bytes viewers get from each other when P2P works:
 *                                 an assumption for a video watched by many at once, not a measurement
 * @param coreSecondsPerSecond     CPU-seconds to transcode one second of 1080p30 source into the whole
 *                                 ladder: docs/performance.md "Transcoding", Nuage with 7 instances, 168.8 s on 2
 *                                 cores for a 60 s clip, so 5.63
 * @param sourceBitrate            the uploaded source's bitrate (the benchmark clip's 10 Mb/s)
 * @param wakeUpSeconds            a scheduled wake-up of a SnapStart function, restore included (an
 *                                 upper guess: restores take a fraction of a second)
 */
public record Assumptions(int pollersPerQueue, int longPollSeconds, double deployedArtifactsGb, double tableGb,
        int videoSeconds, int viewResolution, int apiRequestsPerView, int apiMillisPerRequest,
        int dynamoReadsPerView, int dynamoWritesPerView, double p2pShare, double coreSecondsPerSecond,
        long sourceBitrate, double wakeUpSeconds) {

    public static final Assumptions DEFAULTS = new Assumptions(5, 20, 0.5, 0.001, 600, 720, 5, 50, 6, 1, 0.5,
            168.8 * 2 / 60, 10_000_000, 1.0);

    /** The same assumptions with another P2P share, e.g. 0 for viewers who never overlap. */
    public Assumptions withP2pShare(double share) {
        return new Assumptions(pollersPerQueue, longPollSeconds, deployedArtifactsGb, tableGb, videoSeconds,
                viewResolution, apiRequestsPerView, apiMillisPerRequest, dynamoReadsPerView, dynamoWritesPerView,
                share, coreSecondsPerSecond, sourceBitrate, wakeUpSeconds);
    }
}
