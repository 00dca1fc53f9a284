package org.nuage.localstack.runner;

import java.lang.management.ManagementFactory;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./local-stack/run}: starts one Nuage instance configured from the environment and keeps it
 * up until Ctrl-C or SIGTERM, which stop every process it started.
 */
public final class LocalRunner {

    /**
     * ElasticMQ logs every queue it creates at INFO; a person running Nuage wants the functions'
     * logs. Held in a field because the logging framework keeps loggers only weakly.
     */
    private static final java.util.logging.Logger ELASTICMQ_LOG = java.util.logging.Logger.getLogger("org.elasticmq");

    private LocalRunner() {
    }

    public static void main(String[] args) throws InterruptedException {
        ELASTICMQ_LOG.setLevel(java.util.logging.Level.WARNING);
        LocalNuage.Settings settings = LocalNuage.Settings.fromEnvironment(System.getenv());
        LocalNuage nuage = LocalNuage.start(settings, System.out::println);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("nuage-stop").unstarted(() -> {
            System.out.println("[runner] stopping");
            nuage.close();
            stopped.countDown();
        }));
        // From the JVM's start: what a person waits for after typing the command, build excluded.
        long readyMs = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.println("[runner] data in " + (settings.inMemory() ? "memory" : settings.dataDir()));
        System.out.println("[runner] WebTorrent tracker: " + nuage.trackerUrls());
        settings.externalS3().ifPresent(s3 -> System.out.println("[runner] objects in " + s3.endpoint().url()
                + " (buckets " + settings.stack().originals().name() + " and " + settings.stack().media().name() + ")"));
        System.out.println("[runner] Nuage is ready at " + settings.publicUrl() + " (listening on " + nuage.url()
                + ", started in " + readyMs + " ms)");
        stopped.await();
    }
}
