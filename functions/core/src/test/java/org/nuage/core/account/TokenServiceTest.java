package org.nuage.core.account;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TokenServiceTest {

    @Test
    void tokensAreStoredAsTheirSha256InHex() {
        // Known answer: SHA-256("abc").
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", TokenService.hash("abc"));
    }
}
