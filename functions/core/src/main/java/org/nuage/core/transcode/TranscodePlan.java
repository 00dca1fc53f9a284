package org.nuage.core.transcode;

import java.util.List;

/**
 * Everything one upload becomes: its renditions (each a queue message of its own), the still
 * images, the HLS master playlist and how long encodes are cut into chunks.
 */
public record TranscodePlan(String videoUuid, List<Rendition> renditions, List<StillImage> images,
        String masterPlaylistKey, ChunkPlan chunks) {

    public TranscodePlan {
        renditions = List.copyOf(renditions);
        images = List.copyOf(images);
        if (renditions.isEmpty()) {
            throw new IllegalArgumentException("a plan has at least one rendition");
        }
    }

    /** The rendition called {@code name}, such as {@code "720"} or {@code "audio"}. */
    public Rendition rendition(String name) {
        return renditions.stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no rendition " + name + " in the plan"));
    }

    /** The image of {@code kind}; audio-only plans have none. */
    public StillImage image(StillImage.Kind kind) {
        return images.stream().filter(i -> i.kind() == kind).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no " + kind + " in the plan"));
    }
}
