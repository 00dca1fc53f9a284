package org.nuage.core.federation.signature;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.PublicKey;
import java.util.Arrays;

/**
 * How long one RsaSignature2017 check takes: Mastodon's signed Create{Note} of the fixtures,
 * verified once cold (the first check in a process, contexts parsed and classes loaded), then
 * warmed up and timed in a loop. Printed, not asserted: it is a measurement, run by hand:
 *
 * <pre>
 * mvn -o -q test-compile dependency:build-classpath -pl functions/core -Dmdep.outputFile=target/cp.txt
 * java -cp functions/core/target/test-classes:functions/core/target/classes:$(cat functions/core/target/cp.txt) \
 *     org.nuage.core.federation.signature.LdSignatureTiming
 * </pre>
 */
public final class LdSignatureTiming {

    private LdSignatureTiming() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        JsonNode create = Fixtures.json(Fixtures.MASTODON + "create.json");
        PublicKey key = Fixtures.publicKey(Fixtures.MASTODON + "public-key.json");
        String actor = create.path("actor").asText();
        LdSignature ld = new LdSignature();

        long coldStart = System.nanoTime();
        ld.verify(create, actor, key);
        double coldMs = (System.nanoTime() - coldStart) / 1e6;

        for (int i = 0; i < rounds; i++) {
            ld.verify(create, actor, key);
        }
        double[] ms = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            ld.verify(create, actor, key);
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        double mean = Arrays.stream(ms).average().orElse(0);
        System.out.printf("RsaSignature2017 verification of Mastodon's Create{Note} (%d bytes): first in the process %.1f ms; "
                + "then over %d runs mean %.2f ms, p50 %.2f ms, p99 %.2f ms%n", Fixtures.bytes(Fixtures.MASTODON + "create.json").length,
                coldMs, rounds, mean, ms[rounds / 2], ms[(int) Math.ceil(rounds * 0.99) - 1]);
    }
}
