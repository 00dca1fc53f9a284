package org.nuage.core;

/** A refused request, with the HTTP status that says why and a message a person can act on. */
public class Refusal extends RuntimeException {

    private final int status;

    public Refusal(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static Refusal badRequest(String message) {
        return new Refusal(400, message);
    }

    public static Refusal unauthorized(String message) {
        return new Refusal(401, message);
    }

    public static Refusal forbidden(String message) {
        return new Refusal(403, message);
    }

    public static Refusal notFound(String message) {
        return new Refusal(404, message);
    }

    public static Refusal conflict(String message) {
        return new Refusal(409, message);
    }
}
