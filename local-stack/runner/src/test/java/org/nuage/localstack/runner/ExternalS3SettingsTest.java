package org.nuage.localstack.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** NUAGE_S3_* read from the environment, and refused with a reason when they cannot work. */
class ExternalS3SettingsTest {

    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void withoutAnEndpointTheBuiltInS3AndItsBucketsAreUsed() {
        LocalNuage.Settings settings = LocalNuage.Settings.fromEnvironment(env("NUAGE_S3_MEDIA_BUCKET", "ignored"));
        assertFalse(settings.externalS3().isPresent());
        assertEquals("nuage-media", settings.stack().media().name());
    }

    @Test
    void readsTheStoreItsKeyItsAddressingAndTheBucketNames() {
        LocalNuage.Settings settings = LocalNuage.Settings.fromEnvironment(env(
                "NUAGE_S3_ENDPOINT", "https://0123abcd.r2.cloudflarestorage.com",
                "NUAGE_S3_REGION", "auto", "NUAGE_S3_PATH_STYLE", "False",
                "AWS_ACCESS_KEY_ID", "key", "AWS_SECRET_ACCESS_KEY", "secret",
                "NUAGE_S3_ORIGINALS_BUCKET", "coll-originals", "NUAGE_S3_MEDIA_BUCKET", "coll-media",
                "NUAGE_S3_MEDIA_PUBLIC_URL", "https://media.example.org"));
        LocalNuage.ExternalS3 s3 = settings.externalS3().orElseThrow();
        assertEquals(URI.create("https://0123abcd.r2.cloudflarestorage.com"), s3.endpoint().url());
        assertEquals("auto", s3.endpoint().region());
        assertFalse(s3.endpoint().pathStyle());
        assertEquals("key", s3.endpoint().accessKey());
        assertEquals(Optional.of(URI.create("https://media.example.org")), s3.mediaPublicUrl());
        assertEquals("coll-originals", settings.stack().originals().name());
        assertEquals("coll-media", settings.stack().media().name());
        assertTrue(settings.stack().originals().objectCreated().isPresent(), "uploads still wake the transcoder");
        assertEquals(URI.create("https://coll-media.0123abcd.r2.cloudflarestorage.com"),
                s3.endpoint().bucketUrl("coll-media"));
    }

    @Test
    void refusesAnEndpointWithoutTheStoresKey() {
        var refused = assertThrows(IllegalArgumentException.class, () -> LocalNuage.Settings.fromEnvironment(env(
                "NUAGE_S3_ENDPOINT", "https://s3.example.org", "AWS_ACCESS_KEY_ID", "key")));
        assertTrue(refused.getMessage().contains("AWS_SECRET_ACCESS_KEY"), refused.getMessage());
    }

    @Test
    void refusesAPathStyleThatIsNeitherTrueNorFalse() {
        var refused = assertThrows(IllegalArgumentException.class, () -> LocalNuage.Settings.fromEnvironment(env(
                "NUAGE_S3_ENDPOINT", "https://s3.example.org", "NUAGE_S3_PATH_STYLE", "yes",
                "AWS_ACCESS_KEY_ID", "key", "AWS_SECRET_ACCESS_KEY", "secret")));
        assertTrue(refused.getMessage().contains("NUAGE_S3_PATH_STYLE"), refused.getMessage());
    }

    @Test
    void refusesAnEndpointThatIsNotAUrl() {
        var refused = assertThrows(IllegalArgumentException.class, () -> LocalNuage.Settings.fromEnvironment(env(
                "NUAGE_S3_ENDPOINT", "s3.example.org", "AWS_ACCESS_KEY_ID", "key", "AWS_SECRET_ACCESS_KEY", "secret")));
        assertTrue(refused.getMessage().contains("must be a URL"), refused.getMessage());
    }
}
