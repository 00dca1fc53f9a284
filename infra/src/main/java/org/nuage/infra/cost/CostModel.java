package org.nuage.infra.cost;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.nuage.core.transcode.LadderConfig;
import org.nuage.core.transcode.LadderPlanner;
import org.nuage.core.transcode.Rendition;
import org.nuage.core.transcode.SourceMedia;
import org.nuage.core.transcode.TranscodePlan;
import org.nuage.infra.cost.Estimate.Line;
import org.nuage.infra.cost.StackFacts.FunctionFacts;

/**
 * Prices a synthesized Nuage stack: an idle month, a thousand views and an hour of video
 * transcoded. Sizes and architectures come from the template, bitrates and segments from core's
 * ladder, the rest from {@link Assumptions}.
 */
public final class CostModel {

    private static final double HOURS_PER_MONTH = 730;
    private static final double SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600;

    private final StackFacts stack;
    private final PriceList prices;
    private final Assumptions assume;

    public CostModel(StackFacts stack, PriceList prices, Assumptions assume) {
        this.stack = stack;
        this.prices = prices;
        this.assume = assume;
    }

    /** A month in which nobody uses the instance. */
    public Estimate idleMonth() {
        List<Line> lines = new ArrayList<>();
        long receives = Math.round(stack.polledQueues() * assume.pollersPerQueue() * SECONDS_PER_MONTH
                / assume.longPollSeconds());
        long billed = Math.max(0, receives - prices.sqsFreeRequestsPerMonth());
        lines.add(new Line("SQS: empty receives of Lambda's pollers", String.format("%d queues, %,d requests, %,d above "
                + "the free million", stack.polledQueues(), receives, billed), billed / 1e6 * prices.sqsPerMillionRequests()));
        lines.add(new Line("S3: function zips and ffmpeg layer (CDK asset bucket)", assume.deployedArtifactsGb() + " GB",
                assume.deployedArtifactsGb() * prices.s3StandardPerGbMonth()));
        lines.add(new Line("DynamoDB: table storage", assume.tableGb() + " GB", assume.tableGb() * prices.dynamoStoragePerGbMonth()));
        if (stack.pointInTimeRecovery()) {
            lines.add(new Line("DynamoDB: point-in-time recovery", assume.tableGb() + " GB",
                    assume.tableGb() * prices.dynamoPitrPerGbMonth()));
        }
        for (StackFacts.Scheduled wakeUp : stack.scheduled()) {
            FunctionFacts function = wakeUp.function();
            double gbSeconds = wakeUp.perMonth() * assume.wakeUpSeconds() * function.memoryMb() / 1024.0;
            lines.add(new Line("Lambda: " + function.name() + " woken on schedule", String.format("%.0f invocations, "
                    + "%.0f GB-s", wakeUp.perMonth(), gbSeconds), wakeUp.perMonth() / 1e6 * prices.lambdaPerMillionRequests()
                            + gbSeconds * perGbSecond(function)));
        }
        lines.add(new Line("HTTP API, CloudWatch Logs, S3 requests, other invocations", "none while idle", 0));
        for (Map.Entry<String, Integer> fixed : stack.fixedCostResources().entrySet()) {
            double monthly = StackFacts.FIXED_MONTHLY_PRICES.getOrDefault(fixed.getKey(), 0.0);
            lines.add(new Line(fixed.getKey() + " (billed by the hour)", fixed.getValue() + "", fixed.getValue() * monthly));
        }
        return new Estimate("An idle month", lines);
    }

    /** A thousand views of one video of {@link Assumptions#videoSeconds} at {@link Assumptions#viewResolution}. */
    public Estimate thousandViews() {
        Rendition watched = plan(assume.videoSeconds()).renditions().stream()
                .filter(r -> r.resolution() == assume.viewResolution()).findFirst()
                .orElseThrow(() -> new IllegalStateException("the ladder has no " + assume.viewResolution() + "p"));
        double fromServer = 1 - assume.p2pShare();
        double bytesPerView = (watched.videoBitrate() + watched.audioBitrate()) / 8.0 * assume.videoSeconds();
        double egressGb = 1000 * bytesPerView * fromServer / PriceList.BYTES_PER_GB;
        // One GET a segment and the two playlists; peers fetch the rest from each other.
        double gets = 1000 * fromServer * (Math.ceil((double) assume.videoSeconds() / watched.segmentSeconds()) + 2);
        FunctionFacts api = stack.function("api");
        long requests = 1000L * assume.apiRequestsPerView();
        double gbSeconds = requests * assume.apiMillisPerRequest() / 1000.0 * api.memoryMb() / 1024.0;
        List<Line> lines = new ArrayList<>();
        lines.add(new Line("S3 to internet", String.format("%.1f GB (%.0f%% of %.0f MB a view, ceiling bitrate %.2f Mb/s)",
                egressGb, fromServer * 100, bytesPerView / 1e6, (watched.videoBitrate() + watched.audioBitrate()) / 1e6),
                egressGb * prices.internetEgressPerGb()));
        lines.add(new Line("S3 GETs (HLS segments, playlists)", String.format("%,.0f", gets), gets / 1000 * prices.s3PerThousandGets()));
        lines.add(new Line("HTTP API requests", String.format("%,d", requests), requests / 1e6 * prices.httpApiPerMillionRequests()));
        lines.add(new Line("Lambda api: requests and " + api.memoryMb() + " MB " + api.architecture(),
                String.format("%,d, %,.0f GB-s", requests, gbSeconds),
                requests / 1e6 * prices.lambdaPerMillionRequests() + gbSeconds * perGbSecond(api)));
        lines.add(new Line("DynamoDB reads and writes", String.format("%,d + %,d", 1000 * assume.dynamoReadsPerView(),
                1000 * assume.dynamoWritesPerView()), 1000 * (assume.dynamoReadsPerView() * prices.dynamoPerMillionReads()
                        + assume.dynamoWritesPerView() * prices.dynamoPerMillionWrites()) / 1e6));
        return new Estimate(String.format("1,000 views of a %d-minute %dp video, %.0f%% of bytes by P2P",
                assume.videoSeconds() / 60, assume.viewResolution(), assume.p2pShare() * 100), lines);
    }

    /** One hour of 1080p30 source transcoded into the whole ladder, paid once. */
    public Estimate hourTranscoded() {
        int seconds = 3600;
        TranscodePlan plan = plan(seconds);
        FunctionFacts transcoder = stack.function("transcoder");
        double functionSeconds = assume.coreSecondsPerSecond() * seconds / transcoder.vcpus();
        double gbSeconds = functionSeconds * transcoder.memoryMb() / 1024.0;
        double extraTmpGbSeconds = functionSeconds * Math.max(0, transcoder.ephemeralStorageMb() - 512) / 1024.0;
        int renditions = plan.renditions().size();
        double segmentsPerRendition = Math.ceil((double) seconds / plan.renditions().getFirst().segmentSeconds());
        int chunksPerRendition = (int) Math.ceil(seconds / 60.0);
        // A task per one-minute chunk and a join per rendition, plus the probe and the plan.
        long invocations = (long) renditions * (chunksPerRendition + 1) + 2;
        // HLS segments, every chunk's upload, and per rendition its MP4, playlist, init segment, torrent and hashes.
        double puts = renditions * (segmentsPerRendition + chunksPerRendition + 5) + 4;
        List<Line> lines = new ArrayList<>();
        lines.add(new Line("Lambda transcoder: " + transcoder.memoryMb() + " MB " + transcoder.architecture()
                + String.format(" (%.2f vCPU)", transcoder.vcpus()),
                String.format("%,.0f s, %,.0f GB-s", functionSeconds, gbSeconds), gbSeconds * perGbSecond(transcoder)));
        lines.add(new Line("Lambda: /tmp above 512 MB", String.format("%,.0f GB-s", extraTmpGbSeconds),
                extraTmpGbSeconds * prices.lambdaEphemeralPerGbSecond()));
        lines.add(new Line("Lambda requests", String.format("%,d", invocations), invocations / 1e6 * prices.lambdaPerMillionRequests()));
        lines.add(new Line("SQS: send, receive, delete per task", String.format("%,d", 3 * invocations),
                3 * invocations / 1e6 * prices.sqsPerMillionRequests()));
        lines.add(new Line("S3 PUTs", String.format("%,.0f", puts), puts / 1000 * prices.s3PerThousandPuts()));
        return new Estimate("An hour of 1080p30 video transcoded into " + renditions + " renditions, once", lines);
    }

    /** What keeping that hour's output costs every month: each rendition as HLS and as MP4. */
    public Estimate hourStored() {
        TranscodePlan plan = plan(3600);
        double storedGb = plan.renditions().stream().mapToDouble(r -> (r.videoBitrate() + r.audioBitrate()) / 8.0 * 3600)
                .sum() * 2 / PriceList.BYTES_PER_GB;
        return new Estimate("That hour kept, each month", List.of(new Line("S3 Standard: " + plan.renditions().size()
                + " renditions at their ceiling bitrates, as HLS and MP4", String.format("%.1f GB", storedGb),
                storedGb * prices.s3StandardPerGbMonth())));
    }

    private double perGbSecond(FunctionFacts function) {
        return function.arm() ? prices.lambdaPerGbSecondArm() : prices.lambdaPerGbSecondX86();
    }

    /** Core's own ladder for a 1080p30 upload of that length at the assumed source bitrate. */
    private TranscodePlan plan(int seconds) {
        return new LadderPlanner(LadderConfig.defaults()).plan("00000000-0000-4000-8000-000000000000",
                new SourceMedia(1920, 1080, 0, 30, seconds, true, true, assume.sourceBitrate()));
    }
}
