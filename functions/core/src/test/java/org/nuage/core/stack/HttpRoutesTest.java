package org.nuage.core.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class HttpRoutesTest {

    @Test
    void onlyInboxPostsLeaveTheDefaultFunction() {
        assertEquals(List.of("POST /inbox", "POST /accounts/{name}/inbox", "POST /video-channels/{name}/inbox"),
                HttpRoutes.ROUTES.stream().map(r -> r.method() + " " + r.path()).toList());
        HttpRoutes.ROUTES.forEach(r -> assertEquals(HttpRoutes.INBOX_FUNCTION, r.function()));
    }

    @Test
    void parameterSegmentsBecomeWildcards() {
        assertEquals("/video-channels/*/inbox", new HttpRoutes.Route("POST", "/video-channels/{name}/inbox", "inbox")
                .wildcardPath());
        assertEquals("/inbox", new HttpRoutes.Route("POST", "/inbox", "inbox").wildcardPath());
    }

    @Test
    void refusesARelativePath() {
        assertThrows(IllegalArgumentException.class, () -> new HttpRoutes.Route("POST", "inbox", "inbox"));
    }
}
