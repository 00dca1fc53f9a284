package org.nuage.localstack.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** NUAGE_SQS_ENDPOINT and NUAGE_DYNAMODB_ENDPOINT read from the environment, refused with a reason when they cannot work. */
class OwnServicesSettingsTest {

    @Test
    void withoutThemTheBuiltInEmulatorsAreUsed() {
        assertEquals(LocalNuage.OwnServices.NONE, LocalNuage.Settings.fromEnvironment(Map.of()).ownServices());
    }

    @Test
    void eachNamesItsServerAlone() {
        LocalNuage.Settings settings = LocalNuage.Settings.fromEnvironment(Map.of(
                "NUAGE_DYNAMODB_ENDPOINT", " http://10.0.0.5:8000 "));
        assertEquals(Optional.of(URI.create("http://10.0.0.5:8000")), settings.ownServices().dynamodb());
        assertEquals(Optional.empty(), settings.ownServices().sqs());
        settings = LocalNuage.Settings.fromEnvironment(Map.of("NUAGE_SQS_ENDPOINT", "http://127.0.0.1:9324"));
        assertEquals(Optional.of(URI.create("http://127.0.0.1:9324")), settings.ownServices().sqs());
        assertEquals(Optional.empty(), settings.ownServices().dynamodb());
    }

    @Test
    void refusesAnEndpointThatIsNotAUrl() {
        var refused = assertThrows(IllegalArgumentException.class, () -> LocalNuage.Settings.fromEnvironment(Map.of(
                "NUAGE_DYNAMODB_ENDPOINT", "scylla:8000")));
        assertTrue(refused.getMessage().contains("NUAGE_DYNAMODB_ENDPOINT must be a URL"), refused.getMessage());
    }

    @Test
    void refusesThemBesideNuageAwsEndpoint() {
        var refused = assertThrows(IllegalArgumentException.class, () -> LocalNuage.Settings.fromEnvironment(Map.of(
                "NUAGE_AWS_ENDPOINT", "http://127.0.0.1:4566", "NUAGE_SQS_ENDPOINT", "http://127.0.0.1:9324")));
        assertTrue(refused.getMessage().contains("not both"), refused.getMessage());
    }
}
