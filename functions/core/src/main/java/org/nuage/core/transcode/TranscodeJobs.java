package org.nuage.core.transcode;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Port: transcoding jobs and their finished renditions. */
public interface TranscodeJobs {

    /** Records a new job; false when the video already has one (a redelivered upload notification). */
    boolean create(TranscodePlan plan, double sourceSeconds, Instant startedAt);

    Optional<TranscodeJob> find(String videoUuid);

    /** The jobs of those of {@code videoUuids} that have one, by video, in as few reads as the store allows. */
    Map<String, TranscodeJob> findAll(Collection<String> videoUuids);

    /**
     * Adds {@code outcome} to the job's done set in one atomic update and returns the set as it is
     * after it; adding an outcome twice changes nothing.
     */
    Set<String> markDone(String videoUuid, String outcome);

    void saveOutput(String videoUuid, RenditionOutput output);

    List<RenditionOutput> outputs(String videoUuid);

    /** Forgets the job and its outputs (the video is deleted). */
    void delete(String videoUuid);
}
