package org.nuage.core.id;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Port: the numbers PeerTube's API gives things ({@code id: 42}), one counter per kind and the two
 * lookups between a number and the thing's own reference (a uuid, a name, a URL). {@link NumericIds}
 * holds the rules; an adapter only stores.
 */
public interface IdSequence {

    /** The next number of the kind's counter, one atomic increment: never the same twice. */
    long next(IdKind kind);

    /** The number already given to {@code ref}, if any. */
    OptionalLong find(IdKind kind, String ref);

    /** The numbers already given to those of {@code refs} that have one, in as few reads as the store allows. */
    Map<String, Long> findAll(IdKind kind, Collection<String> refs);

    /** Records that {@code id} names {@code ref}; {@code id} is fresh from {@link #next}, so nothing is overwritten. */
    void bind(IdKind kind, long id, String ref);

    /** Gives {@code id} to {@code ref} unless it has a number already (one conditional write); true when given. */
    boolean claim(IdKind kind, String ref, long id);

    /** Forgets a number bound but not claimed: another writer gave {@code ref} its number first. */
    void unbind(IdKind kind, long id);

    /** Forgets which number {@code ref} has: a thing whose name may be given to another (a deleted channel's). */
    void unclaim(IdKind kind, String ref);

    /** What {@code id} names, if it names anything. */
    Optional<String> ref(IdKind kind, long id);
}
