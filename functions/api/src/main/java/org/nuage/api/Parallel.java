package org.nuage.api;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs a page's independent storage reads at the same time on virtual threads: a list of twelve
 * cards is two dozen small DynamoDB reads, which one after the other cost most of a page's time.
 */
public final class Parallel {

    private static final ExecutorService THREADS = Executors.newVirtualThreadPerTaskExecutor();

    private Parallel() {
    }

    /** {@code fn} applied to every item, concurrently, in the items' order. */
    public static <T, R> List<R> map(List<T> items, Function<T, R> fn) {
        if (items.size() < 2) {
            return items.stream().map(fn).toList();
        }
        List<CompletableFuture<R>> futures = items.stream()
                .map(item -> CompletableFuture.supplyAsync(() -> fn.apply(item), THREADS)).toList();
        return futures.stream().map(Parallel::join).toList();
    }

    public static <R> CompletableFuture<R> submit(Supplier<R> work) {
        return CompletableFuture.supplyAsync(work, THREADS);
    }

    /** The result, with the work's own exception rethrown (a Refusal stays a Refusal). */
    public static <R> R join(CompletableFuture<R> future) {
        try {
            return future.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }
}
