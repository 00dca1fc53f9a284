package org.nuage.core.account;

import org.nuage.core.Refusal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Issues, checks, refreshes and revokes OAuth2 bearer tokens. A token is 256 random bits given to
 * the client once; the store keeps only its SHA-256, so a leaked table grants nothing.
 */
public final class TokenService {

    /** PeerTube's lifetimes: an access token lasts a day, its refresh token two weeks. */
    public static final Duration ACCESS_TTL = Duration.ofDays(1);
    public static final Duration REFRESH_TTL = Duration.ofDays(14);

    /** What a client receives after signing in or refreshing. */
    public record IssuedTokens(String accessToken, String refreshToken, Duration accessTtl, Duration refreshTtl) {
    }

    private final TokenStore store;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public TokenService(TokenStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public IssuedTokens issue(String username) {
        String access = newToken();
        String refresh = newToken();
        Instant now = clock.instant();
        String accessHash = hash(access);
        String refreshHash = hash(refresh);
        store.save(new TokenStore.StoredToken(accessHash, TokenStore.Kind.ACCESS, username, now.plus(ACCESS_TTL), refreshHash));
        store.save(new TokenStore.StoredToken(refreshHash, TokenStore.Kind.REFRESH, username, now.plus(REFRESH_TTL), accessHash));
        return new IssuedTokens(access, refresh, ACCESS_TTL, REFRESH_TTL);
    }

    /** The username an access token stands for, if it is valid now. */
    public Optional<String> authenticate(String accessToken) {
        return valid(accessToken, TokenStore.Kind.ACCESS).map(TokenStore.StoredToken::username);
    }

    /**
     * Trades a refresh token for a new pair. The old refresh token and its access token stop
     * working, and a refresh token replayed after that is refused.
     */
    public IssuedTokens refresh(String refreshToken) {
        TokenStore.StoredToken token = valid(refreshToken, TokenStore.Kind.REFRESH)
                .orElseThrow(() -> Refusal.badRequest("invalid or expired refresh token"));
        if (!store.delete(token.hash())) {
            throw Refusal.badRequest("invalid or expired refresh token");
        }
        store.delete(token.pairHash());
        return issue(token.username());
    }

    /** Signs out: the access token and its refresh token stop working. */
    public void revoke(String accessToken) {
        valid(accessToken, TokenStore.Kind.ACCESS).ifPresent(token -> {
            store.delete(token.hash());
            store.delete(token.pairHash());
        });
    }

    private Optional<TokenStore.StoredToken> valid(String token, TokenStore.Kind kind) {
        if (token == null || token.isBlank() || token.length() > 200) {
            return Optional.empty();
        }
        return store.find(hash(token))
                .filter(t -> t.kind() == kind)
                .filter(t -> t.expiresAt().isAfter(clock.instant()));
    }

    private String newToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
