package org.nuage.core.account;

/** A refused account operation, with the HTTP status that says why and a message a person reads. */
public class AccountException extends RuntimeException {

    private final int status;

    public AccountException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static AccountException badRequest(String message) {
        return new AccountException(400, message);
    }

    public static AccountException unauthorized(String message) {
        return new AccountException(401, message);
    }

    public static AccountException forbidden(String message) {
        return new AccountException(403, message);
    }

    public static AccountException notFound(String message) {
        return new AccountException(404, message);
    }

    public static AccountException conflict(String message) {
        return new AccountException(409, message);
    }
}
