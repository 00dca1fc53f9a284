package org.nuage.core.torrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PieceLengthRuleTest {

    private static final long KIB = 1024;
    private static final long MIB = 1024 * KIB;
    private static final long GIB = 1024 * MIB;

    private static int pieceLength(long fileLength) {
        return TorrentBuilder.pieceLengthFor(fileLength);
    }

    @Test
    void smallFilesGetTheSmallestPiece() {
        assertEquals(16 * KIB, pieceLength(0));
        assertEquals(16 * KIB, pieceLength(1));
        assertEquals(16 * KIB, pieceLength(16 * KIB));
    }

    @Test
    void pieceDoublesExactlyWhenTheFileWouldPassAThousandAndTwentyFourPieces() {
        // 1,024 pieces of 16 KiB is 16 MiB; one byte more would be a 1,025th piece.
        assertEquals(16 * KIB, pieceLength(16 * MIB));
        assertEquals(32 * KIB, pieceLength(16 * MIB + 1));
        assertEquals(512 * KIB, pieceLength(512 * MIB));
        assertEquals(1 * MIB, pieceLength(512 * MIB + 1));
        assertEquals(1 * MIB, pieceLength(1 * GIB));
        assertEquals(2 * MIB, pieceLength(1 * GIB + 1));
        assertEquals(8 * MIB, pieceLength(8 * GIB));
        assertEquals(16 * MIB, pieceLength(8 * GIB + 1));
    }

    @Test
    void hugeFilesStopAtTheLargestPieceAndGetMorePieces() {
        assertEquals(16 * MIB, pieceLength(16 * GIB));
        assertEquals(16 * MIB, pieceLength(16 * GIB + 1));
        assertEquals(16 * MIB, pieceLength(1024 * GIB));
        assertEquals(16 * MIB, pieceLength(Long.MAX_VALUE));
    }

    @Test
    void everyLengthGetsAPowerOfTwoInRangeWithinTheTargetCount() {
        for (long length = 1; length < 64 * GIB; length = length * 3 + 7) {
            int piece = pieceLength(length);
            assertEquals(1, Integer.bitCount(piece), "power of two for " + length);
            assertTrue(piece >= TorrentBuilder.MIN_PIECE_LENGTH && piece <= TorrentBuilder.MAX_PIECE_LENGTH);
            long pieces = (length + piece - 1) / piece;
            assertTrue(pieces <= TorrentBuilder.TARGET_MAX_PIECES || piece == TorrentBuilder.MAX_PIECE_LENGTH,
                    length + " bytes in " + pieces + " pieces");
            if (piece > TorrentBuilder.MIN_PIECE_LENGTH) {
                long withHalf = (length + piece / 2 - 1) / (piece / 2);
                assertTrue(withHalf > TorrentBuilder.TARGET_MAX_PIECES, "the smallest that fits, for " + length);
            }
        }
    }

    @Test
    void refusesANegativeLength() {
        assertThrows(IllegalArgumentException.class, () -> pieceLength(-1));
    }
}
