package org.nuage.core.federation.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpMessageTest {

    @Test
    void rebuildsTheTargetFromSchemeHostAndTheRawPath() {
        HttpMessage received = HttpMessage.received("POST", "https", "/accounts/al%40ce/inbox?x=a%20b",
                Map.of("Host", "Nuage.Example:8443"), new byte[0]);
        assertEquals(URI.create("https://Nuage.Example:8443/accounts/al%40ce/inbox?x=a%20b"), received.target());
        assertEquals("/accounts/al%40ce/inbox?x=a%20b", received.requestTarget());
        assertEquals("Nuage.Example:8443", received.authority());
        assertEquals("nuage.example:8443", MessageSignature.componentValue("@authority", received));
        assertEquals("https://nuage.example:8443/accounts/al%40ce/inbox?x=a%20b",
                MessageSignature.componentValue("@target-uri", received));
        assertEquals("?x=a%20b", MessageSignature.componentValue("@query", received));
    }

    @Test
    void leavesTheDefaultPortOutOfTheAuthorityAndAnEmptyQueryAsAQuestionMark() {
        HttpMessage message = new HttpMessage("GET", URI.create("https://nuage.example:443"), Map.of(), null);
        assertEquals("nuage.example", message.authority());
        assertEquals("/", message.requestTarget());
        assertEquals("?", MessageSignature.componentValue("@query", message));
        assertEquals("https", MessageSignature.componentValue("@scheme", message));
    }

    @Test
    void lowerCasesHeaderNamesAndJoinsRepeatedOnes() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/activity+json");
        headers.put("accept", "application/ld+json");
        HttpMessage message = new HttpMessage("GET", URI.create("https://nuage.example/"), headers, null);
        assertEquals(Map.of("accept", "application/activity+json, application/ld+json"), message.headers());
        assertEquals("application/activity+json, application/ld+json", message.header("ACCEPT").orElseThrow());
    }

    @Test
    void refusesAReceivedRequestWithoutAUsableHost() {
        assertEquals("the request has no Host header", assertThrows(SignatureRefusal.class,
                () -> HttpMessage.received("POST", "https", "/inbox", Map.of(), null)).getMessage());
        SignatureRefusal garbage = assertThrows(SignatureRefusal.class,
                () -> HttpMessage.received("POST", "https", "/inbox", Map.of("host", "a b"), null));
        assertEquals(400, garbage.status());
        assertEquals("the request's Host is not a host name with an optional port", assertThrows(SignatureRefusal.class,
                () -> HttpMessage.received("POST", "https", "/inbox", Map.of("host", "evil.example?"), null)).getMessage());
        assertThrows(SignatureRefusal.class,
                () -> HttpMessage.received("POST", "https", "/inbox", Map.of("host", "a@evil.example"), null));
        assertThrows(SignatureRefusal.class,
                () -> HttpMessage.received("POST", "https", "inbox", Map.of("host", "nuage.example"), null));
        assertEquals("[::1]:8080", HttpMessage.received("GET", "http", "/", Map.of("host", "[::1]:8080"), null).authority());
    }
}
