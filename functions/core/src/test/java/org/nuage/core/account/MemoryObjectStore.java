package org.nuage.core.account;

import java.net.URI;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.nuage.core.media.ObjectStore;

/** The media bucket in memory: the keys and bytes a unit test can look at. */
public final class MemoryObjectStore implements ObjectStore {

    public final Map<String, byte[]> media = new TreeMap<>();

    @Override
    public boolean download(Bucket bucket, String key, Path target) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void upload(Bucket bucket, String key, Path file, String contentType) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void put(Bucket bucket, String key, byte[] content, String contentType) {
        media.put(key, content);
    }

    @Override
    public void putImmutable(String mediaKey, byte[] content, String contentType) {
        media.put(mediaKey, content);
    }

    @Override
    public Optional<byte[]> read(Bucket bucket, String key) {
        return Optional.ofNullable(media.get(key));
    }

    @Override
    public void delete(Bucket bucket, Collection<String> keys) {
        keys.forEach(media::remove);
    }

    @Override
    public int deletePrefix(Bucket bucket, String prefix) {
        int before = media.size();
        media.keySet().removeIf(k -> k.startsWith(prefix));
        return before - media.size();
    }

    @Override
    public URI publicUrl(String mediaKey) {
        return URI.create("https://media.example/" + mediaKey);
    }
}
