package org.nuage.core.federation.follow;

import java.util.List;

/** Port: who follows each of our actors. */
public interface Followers {

    /** Records the follower; following again replaces the record (a new Follow id). */
    void add(Follower follower);

    void remove(String target, String actor);

    List<Follower> of(String target);

    /** The URLs of our actors that {@code actor} follows. */
    List<String> followedBy(String actor);
}
