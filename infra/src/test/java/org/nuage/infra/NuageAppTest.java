package org.nuage.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import software.amazon.awscdk.App;

class NuageAppTest {

    @Test
    void prefixComesFromTheContextFirst() {
        assertEquals("staging", NuageApp.prefix("staging", "other"));
    }

    @Test
    void prefixFallsBackToTheEnvironmentWhenTheContextHasNone() {
        assertEquals("video-example-org", NuageApp.prefix(null, "video-example-org"));
        assertEquals("video-example-org", NuageApp.prefix(" ", "video-example-org"));
    }

    @Test
    void theDeploymentComesFromTheContextWithTheRepositorysBuildOutputsByDefault() {
        Deployment defaults = NuageApp.deployment(new App());
        assertEquals(ColdStart.SNAPSTART, defaults.coldStart());
        assertEquals(Path.of("../functions/api/target/function.zip"), defaults.code(NuageFunction.API));
        assertEquals(Path.of("../ffmpeg-layer/target/ffmpeg-layer.zip"), defaults.ffmpegLayer());
        assertEquals(Optional.empty(), defaults.publicUrl());

        Deployment given = NuageApp.deployment(App.Builder.create().context(Map.of(
                "coldStart", "custom-runtime", "repository", "/srv/nuage", "ffmpegLayer", "/srv/layer.zip",
                "publicUrl", "https://video.example.org/", "instanceName", "Our videos")).build());
        assertEquals(ColdStart.CUSTOM_RUNTIME, given.coldStart());
        assertEquals(Path.of("/srv/nuage/functions/inbox/target/function-al2023.zip"), given.code(NuageFunction.INBOX));
        assertEquals(Path.of("/srv/layer.zip"), given.ffmpegLayer());
        assertEquals(Optional.of(URI.create("https://video.example.org")), given.publicUrl());
        assertEquals(Optional.of("Our videos"), given.instanceName());
    }

    @Test
    void anUnknownColdStartOptionIsRefusedWithTheChoices() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> ColdStart.parse("lazy"));
        assertEquals("coldStart must be snapstart or custom-runtime, was 'lazy'", refused.getMessage());
        assertEquals(ColdStart.SNAPSTART, ColdStart.parse(" SnapStart "));
    }

    @Test
    void prefixDefaultsToNuage() {
        assertEquals("nuage", NuageApp.prefix(null, null));
        assertEquals("nuage", NuageApp.prefix("", ""));
    }
}
