package org.nuage.api.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.nuage.aws.config.InstanceConfig;
import org.nuage.core.account.TokenService;

/**
 * The browser's session. Signing in on a page issues an ordinary OAuth access token (stored hashed,
 * with its expiry, like every token) and puts it in an HttpOnly, SameSite=Lax cookie, so scripts
 * never see it. Anything that changes state must also carry a CSRF token: for a signed-in browser it
 * is derived from the session token (a page from another site cannot compute it); before signing
 * in it is a random value kept in a second cookie and repeated in the form (double submit).
 */
@ApplicationScoped
public class WebSession {

    /** The cookie holding the access token. */
    public static final String SESSION_COOKIE = "nuage_session";

    /** The cookie holding the anonymous CSRF value of the sign-in and register forms. */
    public static final String CSRF_COOKIE = "nuage_csrf";

    /** The header scripts send the CSRF token in, and the form field pages send it in. */
    public static final String CSRF_HEADER = "X-CSRF-Token";
    public static final String CSRF_FIELD = "csrf";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final TokenService tokens;
    private final boolean secure;

    public WebSession(TokenService tokens, InstanceConfig instance) {
        this.tokens = tokens;
        this.secure = "https".equalsIgnoreCase(instance.publicUrl().getScheme());
    }

    /** The signed-in username for this session cookie, if it holds a valid token. */
    public Optional<String> user(String sessionToken) {
        return sessionToken == null || sessionToken.isBlank() ? Optional.empty() : tokens.authenticate(sessionToken);
    }

    /** Who is looking, from the session cookie's value (null: nobody signed in). */
    public Viewer viewer(String sessionToken) {
        return user(sessionToken).map(name -> new Viewer(Optional.of(name), csrfFor(sessionToken))).orElse(Viewer.ANONYMOUS);
    }

    /** The CSRF token of a signed-in session: a hash of the session token under a fixed label. */
    public static String csrfFor(String sessionToken) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("nuage-csrf:" + sessionToken).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code given} is the CSRF token of {@code sessionToken}, compared in constant time. */
    public static boolean validCsrf(String sessionToken, String given) {
        return sessionToken != null && given != null && MessageDigest.isEqual(
                csrfFor(sessionToken).getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether a double-submitted anonymous CSRF value matches its cookie. */
    public static boolean validAnonymousCsrf(String cookie, String given) {
        return cookie != null && cookie.length() >= 16 && given != null
                && MessageDigest.isEqual(cookie.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    /** A fresh random value for the anonymous CSRF cookie. */
    public static String randomToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The session cookie for a new access token, living as long as the token. */
    public NewCookie sessionCookie(String accessToken) {
        return cookie(SESSION_COOKIE, accessToken, (int) TokenService.ACCESS_TTL.toSeconds());
    }

    /** The anonymous CSRF cookie; it lives for an hour, enough to fill in a form. */
    public NewCookie csrfCookie(String value) {
        return cookie(CSRF_COOKIE, value, 3600);
    }

    /** A cookie that removes {@code name}. */
    public NewCookie expired(String name) {
        return cookie(name, "", 0);
    }

    private NewCookie cookie(String name, String value, int maxAge) {
        return new NewCookie.Builder(name).value(value).path("/").maxAge(maxAge).httpOnly(true).secure(secure)
                .sameSite(NewCookie.SameSite.LAX).build();
    }
}
