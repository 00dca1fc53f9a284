package org.nuage.core.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nuage.core.Refusal;

class AvatarServiceTest {

    private final MemoryAccountStore store = new MemoryAccountStore();
    private final MemoryObjectStore objects = new MemoryObjectStore();
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC);
    private AvatarService avatars;

    @BeforeEach
    void accounts() {
        // Cost 4: the lowest bcrypt allows; these tests sign nobody in.
        AccountService accounts = new AccountService(store, new PasswordHasher(4),
                new AccountService.Policy(true, -1, Optional.empty()), clock);
        accounts.register(new AccountService.Registration("alice", "secret-enough", "alice@example.org", null, null, null));
        accounts.register(new AccountService.Registration("bob", "secret-enough", "bob@example.org", null, null, null));
        avatars = new AvatarService(accounts, store, objects, clock);
    }

    @Test
    void anAccountsAvatarIsStoredInEverySizeUnderAFreshKeyAndTheOldOneDeletedOnReplace() throws IOException {
        List<ActorImage> first = avatars.pickAccountAvatar("alice", png(300, 300));
        assertEquals(List.of(600, 120, 48), first.stream().map(ActorImage::width).toList());
        assertEquals(first, store.accounts.get("alice").avatars());
        assertEquals(first.stream().map(ActorImage::key).sorted().toList(), List.copyOf(objects.media.keySet()));
        assertTrue(first.getFirst().key().matches("avatars/[0-9a-f-]{36}-600\\.jpg"), first.getFirst().key());

        List<ActorImage> second = avatars.pickAccountAvatar("alice", png(300, 300));
        assertFalse(second.getFirst().key().equals(first.getFirst().key()), "a new picture, a new key");
        assertEquals(second.stream().map(ActorImage::key).sorted().toList(), List.copyOf(objects.media.keySet()),
                "only the new sizes are left");

        assertTrue(avatars.removeAccountAvatar("alice"));
        assertTrue(objects.media.isEmpty());
        assertEquals(List.of(), store.accounts.get("alice").avatars());
        assertFalse(avatars.removeAccountAvatar("alice"), "nothing left to remove");
    }

    @Test
    void onlyTheOwnerChangesAChannelsAvatar() throws IOException {
        byte[] picture = png(100, 100);
        Refusal refused = assertThrows(Refusal.class, () -> avatars.pickChannelAvatar("bob", "alice_channel", picture));
        assertEquals(403, refused.status());
        assertTrue(objects.media.isEmpty(), "nothing stored for a refused request");
        assertEquals(0, store.writes);

        avatars.pickChannelAvatar("alice", "alice_channel", picture);
        assertEquals(3, objects.media.size());
        assertEquals(403, assertThrows(Refusal.class, () -> avatars.removeChannelAvatar("bob", "alice_channel")).status());
        assertEquals(3, objects.media.size(), "bob removed nothing");
        assertEquals(3, store.channels.get("alice_channel").avatars().size());
        assertEquals(404, assertThrows(Refusal.class, () -> avatars.pickChannelAvatar("alice", "nope", picture)).status());
    }

    @Test
    void aFileThatIsNoPictureChangesNothing() throws IOException {
        List<ActorImage> kept = avatars.pickAccountAvatar("alice", png(50, 50));
        int writes = store.writes;
        Refusal refused = assertThrows(Refusal.class, () -> avatars.pickAccountAvatar("alice",
                "GIF89a but not really".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(400, refused.status());
        assertEquals(writes, store.writes);
        assertEquals(kept, store.accounts.get("alice").avatars());
        assertEquals(kept.stream().map(ActorImage::key).sorted().toList(), List.copyOf(objects.media.keySet()));
    }

    private static byte[] png(int width, int height) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }
}
