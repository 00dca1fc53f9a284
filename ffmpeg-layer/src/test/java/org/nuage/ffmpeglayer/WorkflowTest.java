package org.nuage.ffmpeglayer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The GitHub Actions workflow parses, and says what the project promises: CI builds and tests as
 * {@code .ci/run} does, uploads the layer, deploys from main with short-lived OIDC credentials only,
 * and builds the native functions without holding the deployment back.
 */
class WorkflowTest {

    static final Path ROOT = Path.of(System.getProperty("repository.root", "..")).toAbsolutePath().normalize();

    static String text;
    static JsonNode jobs;

    @BeforeAll
    static void parse() throws Exception {
        text = Files.readString(ROOT.resolve(".github/workflows/ci.yml"));
        JsonNode workflow = new ObjectMapper(new YAMLFactory()).readTree(text);
        jobs = workflow.path("jobs");
        assertEquals(List.of("build", "deploy", "native"), names(jobs));
    }

    @Test
    void buildJobRunsCiRunWhoseTestCommandIsTheReadmes() throws Exception {
        List<String> ciRun = Files.readAllLines(ROOT.resolve(".ci/run"));
        // .ci/run's last command is the one the README tells people to run.
        assertEquals("mvn verify -B", ciRun.getLast().strip());
        assertTrue(runs(jobs.path("build")).contains(".ci/run"), "the build job does not run .ci/run");
        String install = runs(jobs.path("build"));
        for (String tool : List.of("ffmpeg", "mktorrent", "aria2", "chromium", "chromium-driver", "binutils", "zip")) {
            assertTrue(install.matches("(?s).*apt-get install[^\\n]*\\b" + tool + "\\b.*"), tool + " is not installed");
        }
        JsonNode java = step(jobs.path("build"), "actions/setup-java");
        assertEquals("temurin", java.path("with").path("distribution").asText());
        assertEquals("25", java.path("with").path("java-version").asText());
        assertEquals("20", step(jobs.path("build"), "actions/setup-node").path("with").path("node-version").asText());
    }

    @Test
    void buildJobUploadsTheFunctionsAndTheLayer() {
        String paths = step(jobs.path("build"), "actions/upload-artifact").path("with").path("path").asText();
        assertTrue(paths.contains("ffmpeg-layer/target/ffmpeg-layer.zip"), paths);
        assertTrue(paths.contains("functions/*/target/function.zip"), paths);
    }

    @Test
    void deployRunsOnMainOnlyAfterTheBuildWithAnOidcRole() {
        JsonNode deploy = jobs.path("deploy");
        assertEquals("build", deploy.path("needs").asText());
        assertTrue(deploy.path("if").asText().contains("github.ref == 'refs/heads/main'"), deploy.path("if").asText());
        assertEquals("write", deploy.path("permissions").path("id-token").asText());
        JsonNode credentials = step(deploy, "aws-actions/configure-aws-credentials").path("with");
        assertEquals("${{ vars.AWS_DEPLOY_ROLE_ARN }}", credentials.path("role-to-assume").asText());
        assertEquals("${{ vars.AWS_REGION }}", credentials.path("aws-region").asText());
        // No long-lived keys, neither as inputs nor as secrets.
        assertFalse(text.contains("aws-access-key-id") || text.contains("AWS_SECRET_ACCESS_KEY"), "long-lived AWS keys");
        assertTrue(runs(deploy).contains("npx --yes aws-cdk@2 deploy"), runs(deploy));
    }

    @Test
    void nativeBuildUsesTheRootPomsProfileAndDoesNotHoldDeployBack() throws Exception {
        JsonNode nativeJob = jobs.path("native");
        assertTrue(nativeJob.path("continue-on-error").asBoolean(), "a broken native build must not fail the run");
        assertFalse(jobs.path("deploy").path("needs").toString().contains("native"));
        assertTrue(runs(nativeJob).contains("-Pnative"), runs(nativeJob));
        // The profile sets the property Quarkus 3.33 reads (quarkus.native.enabled, not the older -Dnative).
        assertTrue(Files.readString(ROOT.resolve("pom.xml")).contains("<quarkus.native.enabled>true</quarkus.native.enabled>"));
        assertEquals("mandrel", step(nativeJob, "graalvm/setup-graalvm").path("with").path("distribution").asText());
    }

    private static List<String> names(JsonNode object) {
        return StreamSupport.stream(((Iterable<String>) object::fieldNames).spliterator(), false).toList();
    }

    /** Every {@code run:} of a job, one after the other. */
    private static String runs(JsonNode job) {
        StringBuilder all = new StringBuilder();
        job.path("steps").forEach(step -> all.append(step.path("run").asText()).append('\n'));
        return all.toString();
    }

    private static JsonNode step(JsonNode job, String action) {
        for (JsonNode step : job.path("steps")) {
            if (step.path("uses").asText().startsWith(action + "@")) {
                return step;
            }
        }
        throw new AssertionError("no step uses " + action);
    }
}
