package org.nuage.core.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MessageBatchesTest {

    @Test
    void aThousandSmallMessagesMakeAHundredBatchesOfTenInOrder() {
        List<String> bodies = IntStream.range(0, 1000).mapToObj(i -> "{\"n\":" + i + "}").toList();

        List<List<String>> batches = MessageBatches.split(bodies);

        assertEquals(100, batches.size());
        assertTrue(batches.stream().allMatch(batch -> batch.size() == 10));
        assertEquals(bodies, batches.stream().flatMap(List::stream).toList());
    }

    @Test
    void aBatchNeverExceedsTheQueuesPayloadLimit() {
        String hundredKiB = "x".repeat(100 * 1024);
        List<String> bodies = List.of(hundredKiB, hundredKiB, hundredKiB, "small");

        List<List<String>> batches = MessageBatches.split(bodies);

        // Two fit in 256 KiB, a third does not; the small one joins the third.
        assertEquals(List.of(2, 2), batches.stream().map(List::size).toList());
    }

    @Test
    void aMessageOverTheLimitGoesAloneForTheQueueToRefuse() {
        String tooLarge = "y".repeat(MessageBatches.MAX_BYTES + 1);

        List<List<String>> batches = MessageBatches.split(List.of("a", tooLarge, "b"));

        assertEquals(List.of(List.of("a"), List.of(tooLarge), List.of("b")), batches);
    }

    @Test
    void nothingToSendIsNoBatch() {
        assertEquals(List.of(), MessageBatches.split(new ArrayList<>()));
    }
}
