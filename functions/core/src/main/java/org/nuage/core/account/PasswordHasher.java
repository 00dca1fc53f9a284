package org.nuage.core.account;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/** Hashes and checks passwords with bcrypt (Bouncy Castle), in the usual {@code $2b$} text form. */
public final class PasswordHasher {

    /**
     * Cost 12 takes ~250 ms on one Lambda vCPU: slow for an attacker holding the table, tolerable
     * for a person signing in. OWASP asks for at least 10.
     */
    public static final int COST = 12;

    /** bcrypt reads at most 72 bytes of a password; longer ones would be silently truncated. */
    public static final int MAX_PASSWORD_BYTES = 72;

    private final SecureRandom random = new SecureRandom();
    private final int cost;

    public PasswordHasher() {
        this(COST);
    }

    /** A lower cost is for tests only, where hundreds of hashes must stay fast. */
    public PasswordHasher(int cost) {
        this.cost = cost;
    }

    public String hash(String password) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        return OpenBSDBCrypt.generate("2b", password.getBytes(StandardCharsets.UTF_8), salt, cost);
    }

    public boolean matches(String password, String hash) {
        if (hash == null || password == null) {
            return false;
        }
        try {
            return OpenBSDBCrypt.checkPassword(hash, password.getBytes(StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
