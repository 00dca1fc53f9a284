package org.nuage.localstack.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.pattern.Patterns;
import org.elasticmq.NodeAddress;
import org.elasticmq.StrictSQSLimits$;
import org.elasticmq.actor.QueueManagerActor;
import org.elasticmq.actor.queue.QueueEvent;
import org.elasticmq.persistence.CreateQueueMetadata;
import org.elasticmq.persistence.sql.SqlQueuePersistenceActor;
import org.elasticmq.persistence.sql.SqlQueuePersistenceConfig;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.elasticmq.util.NowProvider;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

import scala.Option;
import scala.util.Either;

/**
 * ElasticMQ's SQS REST server on loopback; on disk, queues and their messages are kept in an H2
 * database, the way the standalone ElasticMQ server does with {@code messages-storage}.
 */
final class ElasticMqServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ElasticMqServer.class.getName());
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    /** Another process may take the free port we were given before we bind it; rarely twice. */
    private static final int BIND_ATTEMPTS = 3;

    /**
     * ElasticMQ's SQL persistence goes through scalikejdbc's one JVM-wide default connection pool,
     * so only one persistent server can run per JVM at a time.
     */
    private static final AtomicBoolean PERSISTENT_RUNNING = new AtomicBoolean();

    private final ActorSystem actors;
    private final SQSRestServer server;
    private final int port;
    private final boolean persistent;

    private ElasticMqServer(ActorSystem actors, SQSRestServer server, int port, boolean persistent) {
        this.actors = actors;
        this.server = server;
        this.port = port;
        this.persistent = persistent;
    }

    /** Starts ElasticMQ; {@code dataDir} null keeps queues in memory only. */
    static ElasticMqServer start(Path dataDir, String region) {
        boolean persistent = dataDir != null;
        if (persistent && !PERSISTENT_RUNNING.compareAndSet(false, true)) {
            throw new IllegalStateException("another on-disk SQS emulator runs in this JVM; ElasticMQ's"
                    + " SQL persistence allows one per JVM (use inMemory, or another JVM)");
        }
        ActorSystem actors = ActorSystem.create("elasticmq", quietPekko());
        try {
            ActorRef persistence = persistent ? startPersistence(actors, dataDir) : null;
            ActorRef queueManager = actors.actorOf(Props.create(QueueManagerActor.class,
                    () -> new QueueManagerActor(new NowProvider(), StrictSQSLimits$.MODULE$,
                            Option.apply(persistence))));
            if (persistence != null) {
                restore(persistence, queueManager);
            }
            int port = 0;
            SQSRestServer server = null;
            for (int attempt = 1; server == null; attempt++) {
                port = FreePorts.next();
                var builder = SQSRestServerBuilder.withActorSystem(actors)
                        .withQueueManagerActor(queueManager)
                        .withInterface(FreePorts.LOOPBACK)
                        .withPort(port)
                        // Queue URLs carry this address; the default would be localhost:9324.
                        .withServerAddress(new NodeAddress("http", FreePorts.LOOPBACK, port, ""))
                        .withAWSRegion(region);
                if (persistence != null) {
                    builder = builder.withQueueEventListener(persistence);
                }
                SQSRestServer candidate = builder.start();
                try {
                    candidate.waitUntilStarted();
                    server = candidate;
                } catch (Exception portTakenMeanwhile) {
                    if (attempt == BIND_ATTEMPTS) {
                        throw new IllegalStateException("ElasticMQ could not bind a loopback port",
                                portTakenMeanwhile);
                    }
                }
            }
            LOG.log(System.Logger.Level.INFO, "SQS (ElasticMQ) on port {0}, {1}", Integer.toString(port),
                    persistent ? "data in " + dataDir : "in memory");
            return new ElasticMqServer(actors, server, port, persistent);
        } catch (RuntimeException | Error e) {
            terminate(actors);
            if (persistent) {
                closePool();
                PERSISTENT_RUNNING.set(false);
            }
            throw e;
        }
    }

    URI endpoint() {
        return URI.create("http://" + FreePorts.LOOPBACK + ":" + port);
    }

    private static ActorRef startPersistence(ActorSystem actors, Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("elasticmq");
        var config = new SqlQueuePersistenceConfig(true, "org.h2.Driver", url, "sa", "", false);
        // ElasticMQ sets the pool up only once per JVM; set it ourselves so a restart in the
        // same JVM (close, then start) opens the database again.
        var pools = scalikejdbc.ConnectionPool$.MODULE$;
        var settings = pools.singleton$default$4();
        pools.singleton(url, "sa", "", settings, pools.singleton$default$5(url, "sa", "", settings));
        scala.collection.immutable.List<CreateQueueMetadata> noConfiguredQueues =
                scala.collection.immutable.List$.MODULE$.empty();
        return actors.actorOf(Props.create(SqlQueuePersistenceActor.class,
                () -> new SqlQueuePersistenceActor(config, noConfiguredQueues)));
    }

    private static void restore(ActorRef persistence, ActorRef queueManager) {
        Object result;
        try {
            result = Patterns.ask(persistence, new QueueEvent.Restore(queueManager), TIMEOUT)
                    .toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not restore persisted SQS queues", e);
        }
        if (result instanceof Either<?, ?> either && either.isLeft()) {
            throw new IllegalStateException("could not restore persisted SQS queues: " + either.left().get());
        }
    }

    private static Config quietPekko() {
        return ConfigFactory.parseString("""
                pekko.loglevel = WARNING
                pekko.stdout-loglevel = WARNING
                pekko.loggers = ["org.apache.pekko.event.slf4j.Slf4jLogger"]
                pekko.logging-filter = "org.apache.pekko.event.slf4j.Slf4jLoggingFilter"
                pekko.log-dead-letters = off
                pekko.log-dead-letters-during-shutdown = off
                pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off
                """).withFallback(ConfigFactory.load(ElasticMqServer.class.getClassLoader()));
    }

    private static void terminate(ActorSystem actors) {
        actors.terminate();
        try {
            actors.getWhenTerminated().toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "ElasticMQ actors did not stop cleanly", e);
        }
    }

    private static void closePool() {
        scalikejdbc.ConnectionPool$.MODULE$.closeAll();
    }

    @Override
    public void close() {
        try {
            // stopAndWait() also waits out every open long poll (up to 20 s); pollers are gone by
            // now, so give the server a moment and move on.
            scala.concurrent.Await.ready(server.stopAndGetFuture().apply(),
                    scala.concurrent.duration.Duration.create(2, java.util.concurrent.TimeUnit.SECONDS));
        } catch (java.util.concurrent.TimeoutException | InterruptedException e) {
            LOG.log(System.Logger.Level.INFO, "ElasticMQ still had open long polls at stop; not waiting for them");
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "ElasticMQ REST server did not stop cleanly", e);
        }
        terminate(actors);
        if (persistent) {
            closePool();
            PERSISTENT_RUNNING.set(false);
        }
    }
}
