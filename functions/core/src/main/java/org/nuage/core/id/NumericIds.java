package org.nuage.core.id;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * PeerTube's numeric ids for our things: the number a thing gets the first time it is asked for
 * (when it is created, or on its first read for things stored before numbers existed), the same
 * number ever after, and the thing a number names.
 *
 * <p>Two writers may ask for the same thing's number at once: each takes a number from the counter
 * and binds it, then one conditional write decides whose number the thing keeps; the other
 * forgets its number and answers the winner's. A number is bound before it is claimed, so a
 * claimed number always resolves, even when a writer stops between the two writes.
 */
public final class NumericIds {

    /** PeerTube's ids are positive integers that fit JavaScript's numbers; longer digit strings are uuids or names. */
    private static final Pattern NUMBER = Pattern.compile("[1-9][0-9]{0,15}");

    private final IdSequence sequence;

    public NumericIds(IdSequence sequence) {
        this.sequence = sequence;
    }

    /** {@code ref}'s number, given now if it has none. */
    public long idOf(IdKind kind, String ref) {
        OptionalLong known = sequence.find(kind, ref);
        return known.isPresent() ? known.getAsLong() : assign(kind, ref);
    }

    /** The numbers of {@code refs}, those without one given now; one batched read when all have one. */
    public Map<String, Long> idsOf(IdKind kind, Collection<String> refs) {
        Map<String, Long> ids = new LinkedHashMap<>();
        if (refs.isEmpty()) {
            return ids;
        }
        Map<String, Long> known = sequence.findAll(kind, new LinkedHashSet<>(refs));
        for (String ref : refs) {
            Long id = known.get(ref);
            ids.put(ref, id != null ? id : ids.containsKey(ref) ? ids.get(ref) : assign(kind, ref));
        }
        return ids;
    }

    /** What {@code id} names, when it is one of PeerTube's numbers and names something. */
    public Optional<String> refOf(IdKind kind, String id) {
        return isNumber(id) ? sequence.ref(kind, Long.parseLong(id)) : Optional.empty();
    }

    /** A video's uuid from what PeerTube's routes take: its number, its uuid or its short uuid. */
    public Optional<String> videoUuid(String id) {
        return isNumber(id) ? refOf(IdKind.VIDEO, id) : org.nuage.core.video.ShortUuid.resolve(id);
    }

    /**
     * Forgets a thing that is gone and whose reference may name another thing later (a channel's
     * name is free again once it is deleted): its number then names nothing, and the next thing of
     * that name gets a new one, as in PeerTube.
     */
    public void forget(IdKind kind, String ref) {
        OptionalLong id = sequence.find(kind, ref);
        if (id.isPresent()) {
            sequence.unbind(kind, id.getAsLong());
            sequence.unclaim(kind, ref);
        }
    }

    /** Whether a path segment is a number rather than a uuid, a short uuid or a name. */
    public static boolean isNumber(String id) {
        return id != null && NUMBER.matcher(id).matches();
    }

    private long assign(IdKind kind, String ref) {
        long id = sequence.next(kind);
        sequence.bind(kind, id, ref);
        if (sequence.claim(kind, ref, id)) {
            return id;
        }
        sequence.unbind(kind, id);
        return sequence.find(kind, ref).orElseThrow(
                () -> new IllegalStateException(kind + " " + ref + " was claimed but its number cannot be read"));
    }
}
