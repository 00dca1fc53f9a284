package org.nuage.localstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nuage.core.stack.StackDefinition;
import org.nuage.core.stack.TableLayout;
import org.nuage.core.video.ShortUuid;
import org.nuage.localstack.emulator.AwsClients;
import org.nuage.localstack.runner.LocalNuage;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The home page's trending section, without a browser: views counted per day in the table, and
 * the week's most viewed videos first, whatever their age.
 */
class HomePageIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static LocalNuage nuage;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        nuage = SharedNuage.get();
        Api.use(nuage);
        base = nuage.url().toString().replaceAll("/+$", "");
    }

    @Test
    void trendingRanksTheWeeksViewsNotTheNewest(@TempDir Path tmp) throws Exception {
        String[] user = Api.newUser();
        String older = Api.publishClip(user, Files.createDirectories(tmp.resolve("older")));
        String newer = Api.publishClip(user, Files.createDirectories(tmp.resolve("newer")));
        // Views from distinct addresses, as the player reports them: the older video gets more.
        view(older, 5);
        view(newer, 4);
        // A viewer reporting again within the hour is the same view, whatever X-Forwarded-For it sends:
        // the address is the one API Gateway saw, not one the client wrote.
        view(older, 1);
        for (int forged = 1; forged <= 3; forged++) {
            HttpResponse<String> response = viewer(1).send(HttpRequest.newBuilder(URI.create(base + "/api/v1/videos/" + older + "/views"))
                    .header("X-Forwarded-For", "203.0.113." + forged).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(204, response.statusCode(), response.body());
        }

        try (DynamoDbClient dynamo = AwsClients.dynamoDb(nuage.endpoints())) {
            Map<String, AttributeValue> today = dynamo.getItem(g -> g.tableName(nuage.resources().table())
                    .key(Map.of("PK", AttributeValue.fromS(TableLayout.DAILY_VIEWS_PK),
                            "SK", AttributeValue.fromS(TableLayout.dailyViewsSk(LocalDate.now(ZoneOffset.UTC), older))))).item();
            assertEquals("5", today.get("views").n(), "today's views of the older video: " + today);
            assertTrue(today.containsKey(StackDefinition.TTL), "a day's counts expire: " + today);
        }

        String home = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/")).build(), HttpResponse.BodyHandlers.ofString()).body();
        int trending = home.indexOf("id=\"trending\"");
        int recent = home.indexOf("id=\"recent\"");
        assertTrue(trending > 0 && recent > trending, "a trending section before the recent one");
        String trendingSection = home.substring(trending, recent);
        // Cards link to /w/{shortUUID}.
        int olderAt = trendingSection.indexOf(ShortUuid.of(older));
        int newerAt = trendingSection.indexOf(ShortUuid.of(newer));
        assertTrue(olderAt > 0 && newerAt > 0, "both viewed videos trend: " + trendingSection);
        assertTrue(olderAt < newerAt, "the older, more viewed video ranks first");
        String recentSection = home.substring(recent);
        assertTrue(recentSection.indexOf(ShortUuid.of(newer)) < recentSection.indexOf(ShortUuid.of(older)),
                "recently added stays newest first");
    }

    /**
     * Viewer {@code i} connects from its own loopback address (all of 127/8 is loopback on Linux), so
     * the runner's API Gateway event carries it as the source IP.
     */
    static HttpClient viewer(int i) throws Exception {
        return HttpClient.newBuilder().localAddress(java.net.InetAddress.getByName("127.0.0." + (10 + i))).build();
    }

    private static void view(String uuid, int viewers) throws Exception {
        for (int i = 1; i <= viewers; i++) {
            HttpResponse<String> response = viewer(i).send(HttpRequest.newBuilder(URI.create(base + "/api/v1/videos/" + uuid + "/views"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(204, response.statusCode(), response.body());
        }
    }
}
