package org.nuage.localstack.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.nuage.core.account.AccountService;
import org.nuage.core.stack.HttpRoutes;
import org.nuage.core.stack.StackDefinition;
import org.nuage.core.stack.TableLayout;
import org.nuage.core.time.SimulatedClock;
import org.nuage.localstack.emulator.AwsClients;
import org.nuage.localstack.emulator.EmulatorOptions;
import org.nuage.localstack.emulator.Emulators;
import org.nuage.localstack.emulator.Endpoints;
import org.nuage.localstack.emulator.ObjectCreatedPoller;
import org.nuage.localstack.emulator.ProvisionedStack;
import org.nuage.localstack.emulator.ResourceProvisioner;
import org.nuage.localstack.emulator.TrackerServer;
import org.nuage.localstack.emulator.S3Endpoint;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * One whole Nuage instance on this machine: the emulators (or external AWS-compatible endpoints),
 * the resources from the stack definition, the four packaged functions, the HTTP gateway routed
 * as {@code infra/} routes it, and the queue pollers that feed the workers.
 */
public final class LocalNuage implements AutoCloseable {

    /** The handler every Quarkus Lambda exposes; Quarkus routes to the app's own handler inside. */
    static final String QUARKUS_HANDLER = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest";

    /** Quarkus's thread pool reaches into java.lang at shutdown, which JDK 25 refuses without this. */
    static final List<String> QUARKUS_JVM_OPTIONS = List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED");

    /** The functions and how Lambda would be configured for each (memory MB, timeout). */
    /** The delivery function's JIT: C2 too (see {@link #spec}). */
    static final String DELIVERY_JIT = "-XX:TieredStopAtLevel=4";

    enum Function {
        API(512, Duration.ofSeconds(30)),
        INBOX(512, Duration.ofSeconds(10)),
        DELIVERY(512, Duration.ofSeconds(StackDefinition.DELIVERY_TIMEOUT_SECONDS)),
        TRANSCODER(2048, Duration.ofSeconds(StackDefinition.TRANSCODER_TIMEOUT_SECONDS));

        final int memoryMb;
        final Duration timeout;

        Function(int memoryMb, Duration timeout) {
            this.memoryMb = memoryMb;
            this.timeout = timeout;
        }

        String id() {
            return name().toLowerCase();
        }
    }

    /**
     * A self-hoster's own S3-compatible store, used instead of the built-in S3 emulator while
     * SQS and DynamoDB stay built in (or at NUAGE_AWS_ENDPOINT).
     *
     * @param mediaPublicUrl where browsers and BitTorrent clients read the media bucket (a CDN or
     *        custom domain); by default the bucket's own URL at the endpoint
     */
    public record ExternalS3(S3Endpoint endpoint, Optional<URI> mediaPublicUrl) {
    }

    /**
     * A self-hoster's own SQS-compatible queue server (ElasticMQ run on its own) and
     * DynamoDB-compatible database (ScyllaDB's Alternator), used instead of the built-in emulators
     * it names; each with the emulators' credentials, which such servers accept when they do not
     * check signatures (ElasticMQ never does, Alternator unless {@code alternator_enforce_authorization}).
     */
    public record OwnServices(Optional<URI> sqs, Optional<URI> dynamodb) {
        public static final OwnServices NONE = new OwnServices(Optional.empty(), Optional.empty());
    }

    /** Where and how to run; see {@link #fromEnvironment}. */
    public record Settings(Path home, InetSocketAddress address, URI publicUrl, Path dataDir, boolean inMemory,
            Optional<URI> awsEndpoint, int maxConcurrency, StackDefinition stack, Aot aot,
            Optional<String> rootPassword, double clockSpeed, Optional<ExternalS3> externalS3, OwnServices ownServices) {

        /** Settings with the built-in (or NUAGE_AWS_ENDPOINT's) SQS and DynamoDB. */
        public Settings(Path home, InetSocketAddress address, URI publicUrl, Path dataDir, boolean inMemory,
                Optional<URI> awsEndpoint, int maxConcurrency, StackDefinition stack, Aot aot,
                Optional<String> rootPassword, double clockSpeed, Optional<ExternalS3> externalS3) {
            this(home, address, publicUrl, dataDir, inMemory, awsEndpoint, maxConcurrency, stack, aot, rootPassword,
                    clockSpeed, externalS3, OwnServices.NONE);
        }

        /** Settings with the built-in (or NUAGE_AWS_ENDPOINT's) S3. */
        public Settings(Path home, InetSocketAddress address, URI publicUrl, Path dataDir, boolean inMemory,
                Optional<URI> awsEndpoint, int maxConcurrency, StackDefinition stack, Aot aot,
                Optional<String> rootPassword, double clockSpeed) {
            this(home, address, publicUrl, dataDir, inMemory, awsEndpoint, maxConcurrency, stack, aot, rootPassword,
                    clockSpeed, Optional.empty());
        }

        /** Settings on real time. */
        public Settings(Path home, InetSocketAddress address, URI publicUrl, Path dataDir, boolean inMemory,
                Optional<URI> awsEndpoint, int maxConcurrency, StackDefinition stack, Aot aot,
                Optional<String> rootPassword) {
            this(home, address, publicUrl, dataDir, inMemory, awsEndpoint, maxConcurrency, stack, aot, rootPassword, 1);
        }

        /** The same settings with the administrator's password set, as tests and tools need it. */
        public Settings withRootPassword(String password) {
            return new Settings(home, address, publicUrl, dataDir, inMemory, awsEndpoint, maxConcurrency, stack, aot,
                    Optional.of(password), clockSpeed, externalS3, ownServices);
        }

        /**
         * The same settings with every function on a clock {@code speed} times faster than real time
         * from the start on (NUAGE_CLOCK_SPEED), and queue delays shortened alike: how a test lives
         * through two days of delivery retries in minutes.
         */
        public Settings withClockSpeed(double speed) {
            return new Settings(home, address, publicUrl, dataDir, inMemory, awsEndpoint, maxConcurrency, stack, aot,
                    rootPassword, speed, externalS3, ownServices);
        }

        /** The same settings with the objects in {@code s3}, a store of the self-hoster's own. */
        public Settings withExternalS3(ExternalS3 s3) {
            return new Settings(home, address, publicUrl, dataDir, inMemory, awsEndpoint, maxConcurrency, stack, aot,
                    rootPassword, clockSpeed, Optional.of(s3), ownServices);
        }

        /** The same settings with queues and table in {@code services}, servers of the self-hoster's own. */
        public Settings withOwnServices(OwnServices services) {
            return new Settings(home, address, publicUrl, dataDir, inMemory, awsEndpoint, maxConcurrency, stack, aot,
                    rootPassword, clockSpeed, externalS3, services);
        }

        /**
         * Reads NUAGE_HOME (the repository), NUAGE_PORT, NUAGE_PUBLIC_URL, NUAGE_DATA,
         * NUAGE_AWS_ENDPOINT, NUAGE_MAX_CONCURRENCY, NUAGE_ROOT_PASSWORD, the NUAGE_S3_* settings
         * of an external store (see {@link #externalS3(Map)}) and NUAGE_SQS_ENDPOINT and
         * NUAGE_DYNAMODB_ENDPOINT (see {@link #ownServices(Map)}), with the README's defaults.
         */
        public static Settings fromEnvironment(Map<String, String> env) {
            Path home = Path.of(env.getOrDefault("NUAGE_HOME", ".")).toAbsolutePath().normalize();
            int port = Integer.parseInt(env.getOrDefault("NUAGE_PORT", "8080"));
            URI publicUrl = URI.create(env.getOrDefault("NUAGE_PUBLIC_URL", "http://127.0.0.1:" + port));
            Path data = Path.of(env.getOrDefault("NUAGE_DATA", home.resolve("local-stack/data").toString()));
            Optional<URI> endpoint = Optional.ofNullable(env.get("NUAGE_AWS_ENDPOINT")).filter(s -> !s.isBlank())
                    .map(URI::create);
            int concurrency = Integer.parseInt(env.getOrDefault("NUAGE_MAX_CONCURRENCY", "4"));
            StackDefinition stack = StackDefinition.standard("nuage");
            Optional<ExternalS3> s3 = externalS3(env);
            if (s3.isPresent()) {
                stack = stack.withBucketNames(env.getOrDefault("NUAGE_S3_ORIGINALS_BUCKET", stack.originals().name()),
                        env.getOrDefault("NUAGE_S3_MEDIA_BUCKET", stack.media().name()));
            }
            OwnServices own = ownServices(env);
            if (endpoint.isPresent() && (own.sqs().isPresent() || own.dynamodb().isPresent())) {
                throw new IllegalArgumentException("NUAGE_AWS_ENDPOINT already names one endpoint for every service:"
                        + " set it or NUAGE_SQS_ENDPOINT/NUAGE_DYNAMODB_ENDPOINT, not both");
            }
            return new Settings(home, new InetSocketAddress("127.0.0.1", port), publicUrl, data.toAbsolutePath(),
                    false, endpoint, concurrency, stack, Aot.USE,
                    Optional.ofNullable(env.get("NUAGE_ROOT_PASSWORD")).filter(p -> !p.isBlank()), 1, s3, own);
        }

        /**
         * The queue server at NUAGE_SQS_ENDPOINT and the database at NUAGE_DYNAMODB_ENDPOINT, each
         * when set, used instead of the built-in emulator.
         */
        static OwnServices ownServices(Map<String, String> env) {
            return new OwnServices(endpointUrl(env, "NUAGE_SQS_ENDPOINT", "http://127.0.0.1:9324"),
                    endpointUrl(env, "NUAGE_DYNAMODB_ENDPOINT", "http://127.0.0.1:8000"));
        }

        /** The URL in {@code name}, when set; refused with an example when it is not a URL with a host. */
        private static Optional<URI> endpointUrl(Map<String, String> env, String name, String example) {
            String url = env.get(name);
            if (url == null || url.isBlank()) {
                return Optional.empty();
            }
            URI uri = URI.create(url.strip());
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException(name + " must be a URL such as " + example + ", not " + url);
            }
            return Optional.of(uri);
        }

        /**
         * The store at NUAGE_S3_ENDPOINT, if set: addressed path-style unless NUAGE_S3_PATH_STYLE is
         * {@code false}, signed for NUAGE_S3_REGION ({@code us-east-1}) with the standard
         * AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, its media read at NUAGE_S3_MEDIA_PUBLIC_URL
         * when given.
         */
        static Optional<ExternalS3> externalS3(Map<String, String> env) {
            Optional<URI> url = endpointUrl(env, "NUAGE_S3_ENDPOINT", "https://s3.example.org");
            if (url.isEmpty()) {
                return Optional.empty();
            }
            String accessKey = env.get("AWS_ACCESS_KEY_ID");
            String secretKey = env.get("AWS_SECRET_ACCESS_KEY");
            if (accessKey == null || accessKey.isBlank() || secretKey == null || secretKey.isBlank()) {
                throw new IllegalArgumentException("NUAGE_S3_ENDPOINT is set, so the store's key is needed:"
                        + " set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY");
            }
            String pathStyle = env.getOrDefault("NUAGE_S3_PATH_STYLE", "true").strip().toLowerCase(java.util.Locale.ROOT);
            if (!pathStyle.equals("true") && !pathStyle.equals("false")) {
                throw new IllegalArgumentException("NUAGE_S3_PATH_STYLE must be true or false, not " + pathStyle);
            }
            return Optional.of(new ExternalS3(
                    new S3Endpoint(url.get(), Boolean.parseBoolean(pathStyle),
                            env.getOrDefault("NUAGE_S3_REGION", EmulatorOptions.DEFAULT_REGION), accessKey, secretKey),
                    Optional.ofNullable(env.get("NUAGE_S3_MEDIA_PUBLIC_URL")).filter(s -> !s.isBlank()).map(URI::create)));
        }
    }

    /** What the functions' JVMs do with the JDK's AOT cache. */
    public enum Aot {
        /** Plain JIT start. */
        OFF,
        /** Start from the cache the build trained, when there is one and the JDK is 25 or newer. */
        USE,
        /** A training run: record the classes and profiles the workload uses, for the build. */
        RECORD
    }

    private final Settings settings;
    private final Clock clock;
    private final List<AutoCloseable> started = new ArrayList<>();
    private final Map<String, FunctionSpec> specs = new LinkedHashMap<>();
    private final Map<String, LambdaFunction> functions = new LinkedHashMap<>();
    private SqsClient sqsClient;
    private Optional<String> rootToCreate = Optional.empty();
    private Endpoints endpoints;
    private List<URI> trackerUrls = List.of();
    private S3Endpoint s3Endpoint;
    private ProvisionedStack resources;
    private HttpGateway gateway;

    private LocalNuage(Settings settings) {
        this.settings = settings;
        this.clock = settings.clockSpeed() == 1 ? Clock.systemUTC()
                : new SimulatedClock(Instant.now(), settings.clockSpeed(), Clock.systemUTC());
    }

    /** Starts everything; on failure, stops what had started and rethrows. */
    public static LocalNuage start(Settings settings, Consumer<String> log) {
        return start(settings, log, UnaryOperator.identity(), true);
    }

    /**
     * Same, each function run as {@code respec} turns its specification, e.g. from a custom-runtime
     * zip ({@link CustomRuntime#spec}) instead of the managed runtime.
     */
    public static LocalNuage start(Settings settings, Consumer<String> log, UnaryOperator<FunctionSpec> respec) {
        return start(settings, log, respec, true);
    }

    /**
     * Starts only the storage (emulators and resources) and prepares the function specifications,
     * without serving: benchmarks then start function instances of their own.
     */
    public static LocalNuage startStorageOnly(Settings settings, Consumer<String> log) {
        return start(settings, log, UnaryOperator.identity(), false);
    }

    private static LocalNuage start(Settings settings, Consumer<String> log, UnaryOperator<FunctionSpec> respec,
            boolean serve) {
        LocalNuage nuage = new LocalNuage(settings);
        try {
            nuage.startStorage();
            nuage.specs.replaceAll((name, spec) -> respec.apply(spec));
            if (serve) {
                nuage.serve(log);
            }
            return nuage;
        } catch (RuntimeException | Error e) {
            nuage.close();
            throw e;
        }
    }

    private void startStorage() {
        Optional<ExternalS3> external = settings.externalS3();
        endpoints = settings.awsEndpoint().map(this::externalEndpoints).orElseGet(() -> {
            EmulatorOptions options = EmulatorOptions.defaults(settings.dataDir(), settings.inMemory(),
                    settings.stack(), settings.home().resolve("local-stack"));
            // What the self-hoster runs themselves (a store, a queue server, a database) is not started here.
            Emulators emulators = Emulators.start(options, external.isEmpty(), settings.ownServices().sqs(),
                    settings.ownServices().dynamodb());
            started.add(emulators);
            return emulators.endpoints();
        });
        s3Endpoint = external.map(ExternalS3::endpoint).orElseGet(() -> S3Endpoint.of(endpoints));
        S3Client s3 = AwsClients.s3(s3Endpoint);
        SqsClient sqs = AwsClients.sqs(endpoints);
        DynamoDbClient dynamo = AwsClients.dynamoDb(endpoints);
        started.add(s3);
        started.add(sqs);
        started.add(dynamo);
        resources = new ResourceProvisioner().provision(settings.stack(), s3, sqs, dynamo);
        trackerUrls = startTracker(System.getenv());
        sqsClient = sqs;
        if (external.isPresent()) {
            // Such stores send S3's upload events to no SQS queue; the runner sends them, as the emulator does.
            started.add(ObjectCreatedPoller.start(s3Endpoint, endpoints, settings.stack(),
                    settings.inMemory() ? Optional.empty() : Optional.of(settings.dataDir().resolve("s3-events-sent.txt")),
                    ObjectCreatedPoller.DEFAULT_INTERVAL));
        }
        rootToCreate = rootExists(dynamo) ? Optional.empty()
                : Optional.of(settings.rootPassword().orElseGet(AccountService::generatePassword));
        Map<String, String> environment = functionEnvironment();
        for (Function f : Function.values()) {
            specs.put(f.id(), spec(f, environment));
        }
    }

    /**
     * The WebTorrent tracker players and torrents use: the one NUAGE_TRACKER_URLS names
     * (comma-separated), or else bittorrent-tracker started here on loopback, on NUAGE_TRACKER_PORT
     * or a free port, and stopped with the emulators.
     */
    private List<URI> startTracker(Map<String, String> env) {
        String configured = env.getOrDefault("NUAGE_TRACKER_URLS", "").strip();
        if (!configured.isEmpty()) {
            return Stream.of(configured.split(",")).map(String::strip).filter(s -> !s.isEmpty()).map(URI::create)
                    .toList();
        }
        int port = Integer.parseInt(env.getOrDefault("NUAGE_TRACKER_PORT", "0"));
        TrackerServer tracker = TrackerServer.start(settings.home().resolve("local-stack"), port);
        started.add(tracker);
        return tracker.announceUrls();
    }

    private void serve(Consumer<String> log) {
        SqsClient sqs = sqsClient;
        for (Function f : Function.values()) {
            LambdaFunction function = new LambdaFunction(specs.get(f.id()), log);
            started.add(function);
            functions.put(f.id(), function);
        }
        // The same routes as the HTTP API in infra/, from the same list: inbox POSTs to the inbox
        // function, all else to api.
        RouteTable routes = RouteTable.defaultTo(HttpRoutes.DEFAULT_FUNCTION);
        for (HttpRoutes.Route route : HttpRoutes.ROUTES) {
            routes = routes.route(route.method(), route.wildcardPath(), route.function());
        }
        try {
            gateway = HttpGateway.start(settings.address(), routes, functions.values(),
                    HttpGateway.DEFAULT_INTEGRATION_TIMEOUT, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + settings.address()
                    + " (is another instance using it? set NUAGE_PORT)", e);
        }
        started.add(gateway);
        // Lambda's event source mappings: up to ten envelopes per batch for delivery; one upload at
        // a time for the transcoder, whose jobs are long.
        started.add(QueuePoller.start(sqs, resources.queueUrl(settings.stack().inbound().name()),
                functions.get(Function.DELIVERY.id()), 10));
        // ElasticMQ answers a long poll when a message is sent, not when a delayed one becomes
        // visible; on a fast clock a 20 s poll would be hours, so the outbound pollers ask every second.
        LambdaFunction delivery = functions.get(Function.DELIVERY.id());
        started.add(QueuePoller.start(sqs, resources.queueUrl(settings.stack().outbound().name()), delivery, 10,
                delivery.spec().maxConcurrency(), clock instanceof SimulatedClock ? Duration.ofSeconds(1)
                        : QueuePoller.LAMBDA_WAIT_TIME, System.out::println));
        started.add(QueuePoller.start(sqs, resources.queueUrl(settings.stack().transcode().name()),
                functions.get(Function.TRANSCODER.id()), 1));
        createRoot(log);
    }

    /**
     * On the first start, signs in as root once, which makes the api create the administrator (it
     * does so on root's first sign-in rather than on every cold start), and says how to sign in.
     */
    private void createRoot(Consumer<String> log) {
        if (rootToCreate.isEmpty()) {
            return;
        }
        String password = rootToCreate.get();
        RootAccount.signIn(url(), password);
        log.accept("[runner] administrator 'root' created; password: "
                + (settings.rootPassword().isPresent() ? "(from NUAGE_ROOT_PASSWORD)" : password + "  (shown once)"));
    }

    private boolean rootExists(DynamoDbClient dynamo) {
        var item = dynamo.getItem(g -> g.tableName(settings.stack().table().name()).consistentRead(true)
                .key(Map.of(StackDefinition.PK, AttributeValue.fromS(TableLayout.accountPk("root")),
                        StackDefinition.SK, AttributeValue.fromS(TableLayout.PROFILE_SK)))).item();
        return item != null && !item.isEmpty();
    }

    private Endpoints externalEndpoints(URI endpoint) {
        Map<String, String> env = System.getenv();
        return new Endpoints(endpoint, endpoint, endpoint,
                env.getOrDefault("AWS_ACCESS_KEY_ID", "test"), env.getOrDefault("AWS_SECRET_ACCESS_KEY", "test"),
                env.getOrDefault("AWS_REGION", EmulatorOptions.DEFAULT_REGION));
    }

    /** What the cloud deployment sets on each function, pointed at the local endpoints. */
    private Map<String, String> functionEnvironment() {
        StackDefinition stack = settings.stack();
        Map<String, String> env = new HashMap<>();
        env.put("AWS_ACCESS_KEY_ID", endpoints.accessKey());
        env.put("AWS_SECRET_ACCESS_KEY", endpoints.secretKey());
        env.put("AWS_REGION", endpoints.region());
        // S3 may be another service than SQS and DynamoDB, with a key and region of its own.
        env.put("QUARKUS_S3_ENDPOINT_OVERRIDE", s3Endpoint.url().toString());
        env.put("QUARKUS_S3_PATH_STYLE_ACCESS", Boolean.toString(s3Endpoint.pathStyle()));
        env.put("QUARKUS_S3_AWS_REGION", s3Endpoint.region());
        env.put("QUARKUS_S3_AWS_CREDENTIALS_TYPE", "static");
        env.put("QUARKUS_S3_AWS_CREDENTIALS_STATIC_PROVIDER_ACCESS_KEY_ID", s3Endpoint.accessKey());
        env.put("QUARKUS_S3_AWS_CREDENTIALS_STATIC_PROVIDER_SECRET_ACCESS_KEY", s3Endpoint.secretKey());
        env.put("QUARKUS_SQS_ENDPOINT_OVERRIDE", endpoints.sqs().toString());
        env.put("QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE", endpoints.dynamodb().toString());
        env.put("NUAGE_STACK_TABLE_NAME", stack.table().name());
        env.put("NUAGE_STACK_ORIGINALS_BUCKET", stack.originals().name());
        env.put("NUAGE_STACK_MEDIA_BUCKET", stack.media().name());
        // The public web seed of every torrent: the bucket at its store, or the CDN in front of it.
        env.put("NUAGE_STACK_MEDIA_PUBLIC_URL", settings.externalS3().flatMap(ExternalS3::mediaPublicUrl)
                .orElseGet(() -> s3Endpoint.bucketUrl(stack.media().name())).toString());
        env.put("NUAGE_STACK_INBOUND_QUEUE_URL", resources.queueUrl(stack.inbound().name()));
        env.put("NUAGE_STACK_OUTBOUND_QUEUE_URL", resources.queueUrl(stack.outbound().name()));
        env.put("NUAGE_STACK_TRANSCODE_QUEUE_URL", resources.queueUrl(stack.transcode().name()));
        env.put("NUAGE_TRANSCODE_MAX_ATTEMPTS", Integer.toString(stack.transcode().maxReceiveCount()));
        env.put("NUAGE_INSTANCE_PUBLIC_URL", settings.publicUrl().toString());
        // Every instance of a local set-up lives on 127.0.0.1; private and link-local stay refused.
        env.put("NUAGE_FEDERATION_ALLOW_LOOPBACK", "true");
        // Local peers serve plain HTTP, so name@host is looked up over http, as in PeerTube's test mode.
        env.put("NUAGE_FEDERATION_REMOTE_SCHEME", "http");
        // A local instance is someone's own: anyone who can reach it may sign up.
        env.put("NUAGE_INSTANCE_OPEN_REGISTRATIONS", "true");
        // Players and torrents announce to the local tracker, so viewers of a video share it.
        if (!trackerUrls.isEmpty()) {
            env.put("NUAGE_TRACKER_URLS", String.join(",", trackerUrls.stream().map(URI::toString).toList()));
        }
        rootToCreate.ifPresent(password -> env.put("NUAGE_API_ROOT_PASSWORD", password));
        if (clock instanceof SimulatedClock simulated) {
            // One origin for all functions, so they agree on the simulated time (see clock()).
            env.put("NUAGE_CLOCK_SPEED", Double.toString(simulated.speed()));
            env.put("NUAGE_CLOCK_ORIGIN", simulated.origin().toString());
        }
        // The instance's transcoding choices (resolutions, chunk length, x264 preset...) and how often
        // views are federated pass through.
        System.getenv().forEach((name, value) -> {
            if (name.startsWith("NUAGE_TRANSCODE_") || name.equals("NUAGE_FEDERATION_VIEWS_INTERVAL")) {
                env.put(name, value);
            }
        });
        return env;
    }

    private FunctionSpec spec(Function f, Map<String, String> environment) {
        Path target = settings.home().resolve("functions").resolve(f.id()).resolve("target");
        Path jar = runnerJar(target);
        List<String> jvm = new ArrayList<>(jvmOptions(jar, settings.aot()));
        if (f == Function.DELIVERY) {
            // Delivery signs an RSA-2048 signature per POST: with C1 alone BigInteger's Montgomery
            // multiplication is not intrinsified and signing dominates; infra/ sets the same.
            jvm.add(DELIVERY_JIT);
        }
        return new FunctionSpec(f.id(), List.of(jar), QUARKUS_HANDLER, environment, f.memoryMb, f.timeout,
                settings.maxConcurrency(), jvm, target);
    }

    /** JVM options of a Quarkus function packaged as {@code jar}, for the given use of the AOT cache. */
    static List<String> jvmOptions(Path jar, Aot aot) {
        List<String> jvm = new ArrayList<>(QUARKUS_JVM_OPTIONS);
        switch (aot) {
            case USE -> aotCache(jar).ifPresent(cache -> jvm.add("-XX:AOTCache=" + cache));
            case RECORD -> jvm.addAll(List.of("-XX:AOTMode=record", "-XX:AOTConfiguration=" + AotCache.configurationFor(jar)));
            case OFF -> { }
        }
        return jvm;
    }

    /** The packaged function: {@code target/<artifact>-runner.jar}, whose manifest lists {@code lib/}. */
    static Path runnerJar(Path target) {
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().endsWith("-runner.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no packaged function in " + target
                            + "; build it with: mvn -DskipTests install"));
        } catch (IOException e) {
            throw new UncheckedIOException("no packaged function in " + target + "; build it with: mvn -DskipTests install", e);
        }
    }

    /** The AOT cache the build trained next to the jar, when this JVM can use one (JDK 25+). */
    static Optional<Path> aotCache(Path runnerJar) {
        Path cache = AotCache.pathFor(runnerJar);
        return Runtime.version().feature() >= 25 && Files.isRegularFile(cache) ? Optional.of(cache) : Optional.empty();
    }

    public Settings settings() {
        return settings;
    }

    /** The instance's time, as its functions read it: real time, or the fast clock of {@link Settings#withClockSpeed}. */
    public Clock clock() {
        return clock;
    }

    /** The specification each function runs with, e.g. to start fresh instances for a benchmark. */
    public FunctionSpec spec(String function) {
        return specs.get(function);
    }

    public URI url() {
        return URI.create("http://" + gateway.address().getHostString() + ":" + gateway.address().getPort());
    }

    /** SQS and DynamoDB, and S3 unless the objects live in an {@link ExternalS3} (see {@link #s3Endpoint()}). */
    public Endpoints endpoints() {
        return endpoints;
    }

    /** The trackers the functions are given (NUAGE_TRACKER_URLS): WebSocket first, then HTTP. */
    public List<URI> trackerUrls() {
        return trackerUrls;
    }

    /** Where the objects live: the S3 emulator, NUAGE_AWS_ENDPOINT, or the self-hoster's own store. */
    public S3Endpoint s3Endpoint() {
        return s3Endpoint;
    }

    public ProvisionedStack resources() {
        return resources;
    }

    public LambdaFunction function(String name) {
        return functions.get(name);
    }

    @Override
    public void close() {
        // Reverse order: stop taking work, then the functions, then the storage they use.
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                System.err.println("while stopping: " + e);
            }
        }
        started.clear();
    }
}
