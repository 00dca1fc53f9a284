package org.nuage.localstack.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RouteTableTest {

    private final RouteTable nuage = RouteTable.defaultTo("api")
            .route("POST", "/inbox", "inbox")
            .route("POST", "/accounts/*/inbox", "inbox")
            .route("post", "/video-channels/*/inbox", "inbox");

    @Test
    void sendsInboxPostsToTheInboxFunction() {
        assertEquals("inbox", nuage.functionFor("POST", "/inbox"));
        assertEquals("inbox", nuage.functionFor("POST", "/accounts/alice/inbox"));
        assertEquals("inbox", nuage.functionFor("POST", "/video-channels/cats/inbox"));
    }

    @Test
    void sendsEverythingElseToTheDefault() {
        assertEquals("api", nuage.functionFor("GET", "/inbox"));
        assertEquals("api", nuage.functionFor("POST", "/accounts/alice/outbox"));
        assertEquals("api", nuage.functionFor("POST", "/accounts/inbox"));
        assertEquals("api", nuage.functionFor("POST", "/accounts/alice/bob/inbox"));
        assertEquals("api", nuage.functionFor("POST", "/accounts//inbox"));
        assertEquals("api", nuage.functionFor("POST", "/inbox/"));
    }

    @Test
    void theFirstMatchingRuleWinsAndAnyMatchesEveryMethod() {
        var table = RouteTable.defaultTo("api").route("ANY", "/feeds/*", "feeds").route("GET", "/feeds/*", "never");
        assertEquals("feeds", table.functionFor("GET", "/feeds/videos"));
        assertEquals("feeds", table.functionFor("DELETE", "/feeds/videos"));
    }

    @Test
    void rejectsAPatternThatIsNotAnAbsolutePath() {
        assertThrows(IllegalArgumentException.class, () -> RouteTable.defaultTo("api").route("GET", "inbox", "inbox"));
    }
}
