package org.nuage.localstack.runner;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.nuage.localstack.runner.LambdaResponseToHttp.HttpResponse;

/**
 * An HTTP server that stands in for an API Gateway HTTP API: each request becomes a payload format 2.0 event
 * for the function its route names, and the function's answer becomes the HTTP response.
 *
 * <p>Errors look as they do on an HTTP API: a function error, crash or timeout is
 * {@code 500 {"message":"Internal Server Error"}}; a function slower than the integration timeout is
 * {@code 503 {"message":"Service Unavailable"}}; a request whose event is over Lambda's 6 MB limit is 413.
 */
public final class HttpGateway implements AutoCloseable {

    /** The default address, {@code 127.0.0.1:8080}. */
    public static final InetSocketAddress DEFAULT_ADDRESS = new InetSocketAddress("127.0.0.1", 8080);

    /** An HTTP API waits at most 30 s for a Lambda integration, which is also its default. */
    public static final Duration DEFAULT_INTEGRATION_TIMEOUT = Duration.ofSeconds(30);

    /** An HTTP API accepts request bodies of up to 10 MB; Lambda's smaller limit applies to the event after. */
    static final int MAX_BODY_BYTES = 10 * 1024 * 1024;

    private static final String INTERNAL_ERROR = "{\"message\":\"Internal Server Error\"}";
    private static final String UNAVAILABLE = "{\"message\":\"Service Unavailable\"}";

    private final HttpServer server;
    private final RouteTable routes;
    private final Map<String, LambdaFunction> functions;
    private final Duration integrationTimeout;
    private final Consumer<String> log;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    private HttpGateway(HttpServer server, RouteTable routes, Map<String, LambdaFunction> functions,
            Duration integrationTimeout, Consumer<String> log) {
        this.server = server;
        this.routes = routes;
        this.functions = functions;
        this.integrationTimeout = integrationTimeout;
        this.log = log;
    }

    /** Starts a gateway with the default integration timeout, logging failed requests to standard output. */
    public static HttpGateway start(InetSocketAddress address, RouteTable routes, Collection<LambdaFunction> functions)
            throws IOException {
        return start(address, routes, functions, DEFAULT_INTEGRATION_TIMEOUT, System.out::println);
    }

    /** Starts a gateway; every function the routes name must be among {@code functions}. */
    public static HttpGateway start(InetSocketAddress address, RouteTable routes, Collection<LambdaFunction> functions,
            Duration integrationTimeout, Consumer<String> log) throws IOException {
        var byName = new LinkedHashMap<String, LambdaFunction>();
        functions.forEach(f -> byName.put(f.name(), f));
        for (String name : routes.functions()) {
            if (!byName.containsKey(name)) {
                throw new IllegalArgumentException("the routes name function '" + name + "', which is not given");
            }
        }
        var server = HttpServer.create(address, 64);
        var gateway = new HttpGateway(server, routes, Map.copyOf(byName), integrationTimeout, log);
        server.createContext("/", gateway::handle);
        server.setExecutor(gateway.executor);
        server.start();
        return gateway;
    }

    /** The bound address, with the actual port when port 0 was asked for. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Instant received = Instant.now();
            String requestId = Base64.getEncoder().encodeToString(RequestToApiGatewayEvent.random(11));
            exchange.getResponseHeaders().set("apigw-requestid", requestId);
            byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                send(exchange, HttpResponse.json(413, "{\"message\":\"Request Entity Too Large\"}"));
                return;
            }
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            LambdaFunction function = functions.get(routes.functionFor(method, path));
            byte[] event = Json.bytes(RequestToApiGatewayEvent.convert(exchange, body, requestId, received));
            send(exchange, invoke(function, event, method + " " + path));
        }
    }

    private HttpResponse invoke(LambdaFunction function, byte[] event, String request) {
        if (event.length > LambdaFunction.MAX_SYNC_PAYLOAD_BYTES) {
            log.accept("[gateway] " + request + " -> " + function.name() + ": event of " + event.length
                    + " bytes is over Lambda's limit");
            return HttpResponse.json(413, Json.MAPPER.createObjectNode().put("message",
                    "Request payload (" + event.length + " bytes as an API Gateway event) exceeds Lambda's 6 MB "
                            + "limit for synchronous invocations (" + LambdaFunction.MAX_SYNC_PAYLOAD_BYTES
                            + " bytes)").toString());
        }
        InvocationResult result;
        try {
            result = function.invoke(event).get(integrationTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.accept("[gateway] " + request + " -> " + function.name() + ": no answer within "
                    + integrationTimeout.toMillis() + " ms");
            return HttpResponse.json(503, UNAVAILABLE);
        } catch (ExecutionException e) {
            log.accept("[gateway] " + request + " -> " + function.name() + ": " + e.getCause());
            return HttpResponse.json(500, INTERNAL_ERROR);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HttpResponse.json(503, UNAVAILABLE);
        }
        if (result.failed()) {
            log.accept("[gateway] " + request + " -> " + function.name() + "#" + result.instance() + ": "
                    + result.errorType() + ": " + result.errorMessage());
            return HttpResponse.json(500, INTERNAL_ERROR);
        }
        HttpResponse response = LambdaResponseToHttp.convert(result.payload());
        if (response == null) {
            log.accept("[gateway] " + request + " -> " + function.name() + ": malformed Lambda proxy response");
            return HttpResponse.json(500, INTERNAL_ERROR);
        }
        return response;
    }

    private static void send(HttpExchange exchange, HttpResponse response) throws IOException {
        var headers = exchange.getResponseHeaders();
        response.headers().forEach((name, values) -> values.forEach(v -> headers.add(name, v)));
        int status = response.status();
        boolean noBody = exchange.getRequestMethod().equals("HEAD") || status == 204 || status == 304
                || response.body().length == 0;
        exchange.sendResponseHeaders(status, noBody ? -1 : response.body().length);
        if (!noBody) {
            exchange.getResponseBody().write(response.body());
        }
    }
}
