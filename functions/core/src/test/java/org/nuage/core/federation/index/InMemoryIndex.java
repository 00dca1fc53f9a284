package org.nuage.core.federation.index;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.nuage.core.federation.follow.Subscription;
import org.nuage.core.federation.follow.Subscriptions;
import org.nuage.core.video.Video;

/**
 * The remote video index and the subscriptions held in maps, for the rule tests of core (the
 * DynamoDB adapters are exercised end to end against the emulator in local-stack/e2e).
 */
public final class InMemoryIndex {

    public final Map<String, RemoteVideo> videos = new ConcurrentHashMap<>();
    public final Map<String, Subscription> follows = new ConcurrentHashMap<>();

    public RemoteVideos videos() {
        return new RemoteVideos() {
            @Override
            public void save(RemoteVideo video) {
                videos.put(video.id(), video);
            }

            @Override
            public Optional<RemoteVideo> find(String id) {
                return Optional.ofNullable(videos.get(id));
            }

            @Override
            public Optional<RemoteVideo> findByUuid(String uuid) {
                return videos.values().stream().filter(v -> v.uuid().equals(uuid))
                        .min(Comparator.comparing(RemoteVideo::published));
            }

            @Override
            public void delete(String id) {
                videos.remove(id);
            }

            @Override
            public Stream<RemoteVideo> publicVideos() {
                return videos.values().stream().filter(v -> v.metadata().privacy() == Video.Privacy.PUBLIC)
                        .sorted(Comparator.comparing(RemoteVideo::published).reversed());
            }
        };
    }

    public Subscriptions subscriptions() {
        return new Subscriptions() {
            @Override
            public void save(Subscription subscription) {
                follows.put(subscription.followId(), subscription);
            }

            @Override
            public Optional<Subscription> byFollowId(String followId) {
                return Optional.ofNullable(follows.get(followId));
            }

            @Override
            public List<Subscription> of(String follower) {
                return new ArrayList<>(follows.values().stream().filter(s -> s.follower().equals(follower)).toList());
            }

            @Override
            public List<Subscription> onHost(String host) {
                return follows.values().stream().filter(s -> s.targetHost().equals(host)).toList();
            }

            @Override
            public void remove(String followId) {
                follows.remove(followId);
            }
        };
    }
}
