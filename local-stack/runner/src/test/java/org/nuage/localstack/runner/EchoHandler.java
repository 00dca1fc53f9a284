package org.nuage.localstack.runner;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The function the runner's tests run in real child JVMs: it echoes events, fails, sleeps or exits on demand,
 * and reports partial batch failures for SQS bodies that contain "fail".
 *
 * <p>Each event is also appended, one per line, to the file named by EVENT_LOG, so a test can read exactly what
 * the runtime delivered.
 */
public class EchoHandler implements RequestStreamHandler {

    static {
        if ("1".equals(System.getenv("CRASH_ON_INIT"))) {
            Runtime.getRuntime().halt(4);
        }
        if ("1".equals(System.getenv("HANG_ON_INIT"))) {
            sleep(120_000);
        }
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String event = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        System.out.println("handling " + context.getAwsRequestId());
        String eventLog = System.getenv("EVENT_LOG");
        if (eventLog != null) {
            Files.writeString(Path.of(eventLog), event.replace("\n", " ") + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        Object parsed = event.isBlank() ? null : MiniJson.parse(event);
        Map<?, ?> map = parsed instanceof Map<?, ?> m ? m : Map.of();
        String answer;
        if (map.containsKey("Records")) {
            answer = sqs(map);
        } else if (map.containsKey("routeKey")) {
            answer = http(map, event);
        } else {
            answer = direct(map, event, context);
        }
        output.write(answer.getBytes(StandardCharsets.UTF_8));
    }

    private static String sqs(Map<?, ?> event) {
        List<Object> failures = new ArrayList<>();
        for (Object record : (List<?>) event.get("Records")) {
            Map<?, ?> message = (Map<?, ?>) record;
            String body = (String) message.get("body");
            if (body.contains("throw")) {
                throw new IllegalStateException("asked to throw by " + message.get("messageId"));
            }
            if (body.contains("fail")) {
                failures.add(Map.of("itemIdentifier", message.get("messageId")));
            }
        }
        return MiniJson.write(Map.of("batchItemFailures", failures));
    }

    private static String http(Map<?, ?> event, String raw) {
        String path = (String) event.get("rawPath");
        if (path.equals("/fail")) {
            throw new IllegalStateException("asked to fail");
        }
        if (path.startsWith("/sleep/")) {
            sleep(Long.parseLong(path.substring("/sleep/".length())));
        }
        if (path.equals("/binary")) {
            byte[] bytes = new byte[256];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) i;
            }
            return MiniJson.write(Map.of("statusCode", 200, "isBase64Encoded", true,
                    "headers", Map.of("content-type", "application/octet-stream"),
                    "body", Base64.getEncoder().encodeToString(bytes)));
        }
        if (path.equals("/plain")) {
            return MiniJson.write(Map.of("hello", "world"));
        }
        var response = new LinkedHashMap<String, Object>();
        response.put("statusCode", 201);
        response.put("headers", Map.of("content-type", "application/json", "x-echo", "yes",
                "x-function", System.getenv("AWS_LAMBDA_FUNCTION_NAME"),
                "x-pid", Long.toString(ProcessHandle.current().pid())));
        response.put("multiValueHeaders", Map.of("x-multi", List.of("a", "b")));
        response.put("cookies", List.of("session=abc; Path=/; HttpOnly", "theme=dark"));
        response.put("body", raw);
        response.put("isBase64Encoded", false);
        return MiniJson.write(response);
    }

    private static String direct(Map<?, ?> event, String raw, Context context) {
        Object action = event.get("action");
        if ("fail".equals(action)) {
            throw new IllegalArgumentException("asked to fail");
        }
        if ("sleep".equals(action)) {
            sleep(((Number) event.get("ms")).longValue());
        }
        if ("exit".equals(action)) {
            Runtime.getRuntime().halt(3);
        }
        if ("spawn".equals(action)) {
            // A child of the function's JVM, which close() must not leave behind.
            try {
                Process child = new ProcessBuilder("sleep", "120").start();
                return MiniJson.write(Map.of("child", child.pid(), "pid", ProcessHandle.current().pid()));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        if ("big".equals(action)) {
            return "\"" + "x".repeat(7 * 1024 * 1024) + "\"";
        }
        if ("context".equals(action)) {
            var report = new LinkedHashMap<String, Object>();
            report.put("pid", ProcessHandle.current().pid());
            report.put("requestId", context.getAwsRequestId());
            report.put("functionArn", context.getInvokedFunctionArn());
            report.put("functionName", context.getFunctionName());
            report.put("functionVersion", context.getFunctionVersion());
            report.put("memoryLimitInMB", context.getMemoryLimitInMB());
            report.put("remainingTimeInMillis", context.getRemainingTimeInMillis());
            report.put("logGroupName", context.getLogGroupName());
            report.put("logStreamName", context.getLogStreamName());
            report.put("traceHeader", System.getProperty("com.amazonaws.xray.traceHeader"));
            report.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
            var env = new LinkedHashMap<String, Object>(System.getenv());
            report.put("env", env);
            return MiniJson.write(report);
        }
        return raw;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
