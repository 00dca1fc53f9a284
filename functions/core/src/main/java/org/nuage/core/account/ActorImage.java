package org.nuage.core.account;

import java.time.Instant;

/**
 * One size of an account's or channel's avatar, as PeerTube's {@code ActorImage}: a square image
 * in the public media bucket under {@code key}.
 */
public record ActorImage(String key, int width, String mediaType, Instant createdAt) {
}
