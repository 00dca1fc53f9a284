package org.nuage.localstack.runner;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The AWS Lambda Runtime API (version 2018-06-01) for one execution environment, on a free loopback port.
 *
 * <p>Lambda gives every execution environment its own endpoint, and so does the runner: the server then knows
 * which JVM asked for an event, so a timeout or a crash fails the right invocation and kills the right process.
 * All servers of a function share one executor; a parked {@code /next} costs a virtual thread.
 */
public final class RuntimeApiServer implements AutoCloseable {

    /** Lambda accepts a synchronous response of up to 6 MB; its error message names this many bytes. */
    public static final int MAX_RESPONSE_BYTES = 6_291_556;

    private static final String PREFIX = "/2018-06-01/runtime/";
    private static final Pattern INVOCATION_PATH =
            Pattern.compile(Pattern.quote(PREFIX) + "invocation/([^/]+)/(response|error)");

    /** What the server asks of the environment behind it. */
    public interface Environment {

        /** Completes with the next event for this runtime; the runtime's GET waits until it does. */
        CompletableFuture<Invocation> next();

        /** The runtime answered; the body holds at most {@link #MAX_RESPONSE_BYTES} + 1 bytes. */
        Outcome response(String requestId, byte[] body);

        /** The runtime reported that the invocation failed. */
        Outcome error(String requestId, String errorType, byte[] body);

        /** The runtime could not initialise; Lambda tears such an environment down. */
        void initError(String errorType, byte[] body);
    }

    /**
     * One event handed to the runtime, with the values of the {@code Lambda-Runtime-*} headers.
     *
     * @param clientContext   null unless the caller passed one
     * @param cognitoIdentity null unless the caller passed one
     */
    public record Invocation(String requestId, byte[] event, long deadlineEpochMs, String invokedFunctionArn,
            String traceId, String clientContext, String cognitoIdentity) {
    }

    /** How the Runtime API answers a posted response or error. */
    public enum Outcome {
        ACCEPTED(202, null),
        UNKNOWN_REQUEST(400, "InvalidRequestID"),
        TOO_LARGE(413, "RequestEntityTooLarge");

        private final int status;
        private final String errorType;

        Outcome(int status, String errorType) {
            this.status = status;
            this.errorType = errorType;
        }
    }

    private final HttpServer server;
    private final Environment environment;
    private final AtomicBoolean closed = new AtomicBoolean();

    private RuntimeApiServer(HttpServer server, Environment environment) {
        this.server = server;
        this.environment = environment;
    }

    /** Binds a free port on 127.0.0.1 and starts serving. */
    public static RuntimeApiServer start(Environment environment, Executor executor) throws IOException {
        var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        var api = new RuntimeApiServer(server, Objects.requireNonNull(environment));
        server.createContext("/", api::handle);
        server.setExecutor(executor);
        server.start();
        return api;
    }

    /** The value for AWS_LAMBDA_RUNTIME_API: {@code 127.0.0.1:port}. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.stop(0);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (path.equals(PREFIX + "invocation/next")) {
                if (method.equals("GET")) {
                    next(exchange);
                } else {
                    reply(exchange, 405, error("InvalidRequest", "use GET"));
                }
                return;
            }
            if (!method.equals("POST")) {
                reply(exchange, path.startsWith(PREFIX) ? 405 : 404, error("InvalidRequest", "use POST"));
                return;
            }
            String errorType = exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
            if (path.equals(PREFIX + "init/error")) {
                environment.initError(errorType, readUpTo(exchange.getRequestBody(), MAX_RESPONSE_BYTES + 1));
                reply(exchange, 202, "{\"status\":\"OK\"}");
                return;
            }
            Matcher m = INVOCATION_PATH.matcher(path);
            if (!m.matches()) {
                reply(exchange, 404, error("InvalidRequest", "no such resource: " + path));
                return;
            }
            byte[] body = readUpTo(exchange.getRequestBody(), MAX_RESPONSE_BYTES + 1);
            Outcome outcome = m.group(2).equals("response")
                    ? environment.response(m.group(1), body)
                    : environment.error(m.group(1), errorType, body);
            reply(exchange, outcome.status, outcome == Outcome.ACCEPTED
                    ? "{\"status\":\"OK\"}"
                    : error(outcome.errorType, "cannot accept this for request " + m.group(1)));
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        Invocation invocation;
        try {
            invocation = environment.next().get();
        } catch (ExecutionException | InterruptedException e) {
            // The environment is going away; 500 tells the runtime to exit, as Lambda's container errors do.
            reply(exchange, 500, error("Runtime.Shutdown", "the execution environment is shutting down"));
            return;
        }
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("Lambda-Runtime-Aws-Request-Id", invocation.requestId());
        headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(invocation.deadlineEpochMs()));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", invocation.invokedFunctionArn());
        headers.set("Lambda-Runtime-Trace-Id", invocation.traceId());
        if (invocation.clientContext() != null) {
            headers.set("Lambda-Runtime-Client-Context", invocation.clientContext());
        }
        if (invocation.cognitoIdentity() != null) {
            headers.set("Lambda-Runtime-Cognito-Identity", invocation.cognitoIdentity());
        }
        byte[] event = invocation.event();
        exchange.sendResponseHeaders(200, event.length == 0 ? -1 : event.length);
        exchange.getResponseBody().write(event);
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    private static String error(String type, String message) {
        return Json.MAPPER.createObjectNode().put("errorMessage", message).put("errorType", type).toString();
    }

    static byte[] readUpTo(InputStream in, int max) throws IOException {
        return in.readNBytes(max);
    }
}
