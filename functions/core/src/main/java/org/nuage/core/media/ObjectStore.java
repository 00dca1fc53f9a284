package org.nuage.core.media;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Port: the objects of the two buckets, as the transcoder and the API handle them. Bytes stream
 * between files and the store; nothing here holds a whole video in memory.
 */
public interface ObjectStore {

    /** The private bucket of uploads (and of the transcoder's intermediate chunks), and the public one of published media. */
    enum Bucket { ORIGINALS, MEDIA }

    /** Copies an object into {@code target}; false when there is no such object (its video was deleted). */
    boolean download(Bucket bucket, String key, Path target);

    void upload(Bucket bucket, String key, Path file, String contentType);

    /** Stores a small object (a playlist, a torrent, a JSON) from memory. */
    void put(Bucket bucket, String key, byte[] content, String contentType);

    /**
     * Stores a small media object whose key is never reused (it holds a random part), so browsers
     * and caches may keep it for a year without asking again.
     */
    void putImmutable(String mediaKey, byte[] content, String contentType);

    /** A small object's bytes, or empty when there is none. */
    Optional<byte[]> read(Bucket bucket, String key);

    /** Deletes these objects; a key with no object is no error. */
    void delete(Bucket bucket, java.util.Collection<String> keys);

    /** Deletes every object whose key starts with {@code prefix}; returns how many there were. */
    int deletePrefix(Bucket bucket, String prefix);

    /** The address anyone can GET a media object at: the web seed of its torrent, the URL players fetch. */
    URI publicUrl(String mediaKey);
}
