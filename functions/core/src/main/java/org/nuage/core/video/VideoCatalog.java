package org.nuage.core.video;

import java.util.Collection;
import java.util.Optional;

/** Port: local videos and each account's storage use. */
public interface VideoCatalog {

    void save(Video video);

    Optional<Video> find(String uuid);

    /** The videos that exist among {@code uuids}, in as few reads as the store allows, in no set order. */
    java.util.List<Video> findAll(Collection<String> uuids);

    /** The account's videos, newest first, whatever their state or privacy (for their owner). */
    java.util.List<Video> videosOf(String owner, int start, int count);

    /**
     * Public, published videos, newest first, read page by page as the stream is consumed: listing
     * filters are applied to it, so a page of results costs only the reads up to it.
     */
    java.util.stream.Stream<Video> publicVideos();

    /**
     * Keeps PeerTube's number of the video on its item, unless the item has one or is gone: a
     * conditional write, so numbering a video stored before numbers is safe to race and to repeat.
     */
    void recordNumber(String uuid, long numericId);

    /** Forgets the video's row; its files, job and quota are the caller's to release. */
    void delete(String uuid);

    /**
     * Adds {@code bytes} to the account's used storage unless that would pass {@code quotaBytes}
     * (negative: unlimited); true when reserved. One conditional write, so parallel uploads cannot
     * overrun the quota together.
     */
    boolean reserveQuota(String username, long bytes, long quotaBytes);

    /** Gives back storage reserved for an upload that was abandoned or refused. */
    void releaseQuota(String username, long bytes);

    long usedBytes(String username);
}
