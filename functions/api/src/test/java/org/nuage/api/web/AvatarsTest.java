package org.nuage.api.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nuage.core.account.ActorImage;
import org.nuage.core.media.ObjectStore;

class AvatarsTest {

    /** Only publicUrl is asked for: the pages never read or write objects. */
    private static final ObjectStore MEDIA = (ObjectStore) Proxy.newProxyInstance(ObjectStore.class.getClassLoader(),
            new Class<?>[] {ObjectStore.class}, (proxy, method, args) -> {
                if (!method.getName().equals("publicUrl")) {
                    throw new UnsupportedOperationException(method.getName());
                }
                return URI.create("https://media.example/" + args[0]);
            });

    private static final Instant AT = Instant.parse("2026-12-07T12:00:00Z");
    private static final List<ActorImage> SIZES = List.of(new ActorImage("avatars/a-600.jpg", 600, "image/jpeg", AT),
            new ActorImage("avatars/a-120.jpg", 120, "image/jpeg", AT), new ActorImage("avatars/a-48.jpg", 48, "image/jpeg", AT));

    private final Avatars avatars = new Avatars(MEDIA);

    @Test
    void picksTheSizeThatFillsThePlaceAndATwiceLargerOneForSharpScreens() {
        String html = avatars.of(SIZES, "Alice", 48, null);
        assertTrue(html.startsWith("<img class=\"avatar\" src=\"https://media.example/avatars/a-48.jpg\""), html);
        assertTrue(html.contains("srcset=\"https://media.example/avatars/a-48.jpg 1x, https://media.example/avatars/a-120.jpg 2x\""), html);
        assertTrue(html.contains("alt=\"Avatar of Alice\""), html);
        assertTrue(html.contains("width=\"48\" height=\"48\""), html);
        String large = avatars.of(SIZES, "Alice", 96, "me");
        assertTrue(large.contains("src=\"https://media.example/avatars/a-120.jpg\""), large);
        assertTrue(large.contains("id=\"me\""), large);
        assertFalse(avatars.of(SIZES, "Alice", 600, null).contains("srcset"), "nothing larger than 600");
    }

    @Test
    void withoutAnAvatarTheInitialStandsInAndNamesAreEscaped() {
        String html = avatars.of(List.of(), "élodie <script>", 96, null);
        assertTrue(html.startsWith("<span class=\"avatar avatar-none\" role=\"img\""), html);
        assertTrue(html.contains(">É</span>"), html);
        assertTrue(html.contains("aria-label=\"élodie &lt;script&gt; has no avatar\""), html);
        assertFalse(html.contains("<script>"));
        assertEquals("?", avatars.of(List.of(), " ", 32, null).replaceAll(".*>(.)</span>$", "$1"));
    }
}
