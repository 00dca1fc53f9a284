package org.nuage.core.torrent;

import java.util.Arrays;
import java.util.Objects;

/**
 * A built torrent: the {@code .torrent} (metainfo) file to publish, and what a page or a feed needs
 * to point at it without reading it.
 *
 * @param metainfo the bytes of the {@code .torrent} file
 * @param infoHash the BitTorrent v1 info hash, 40 lowercase hex digits
 * @param pieceLength bytes per piece; the last piece may be shorter
 * @param pieceCount how many pieces the file has
 * @param magnetUri a magnet link with the info hash, the name, the web seed and any trackers
 */
public record Torrent(byte[] metainfo, String infoHash, int pieceLength, int pieceCount, String magnetUri) {

    public Torrent {
        metainfo = metainfo.clone();
        Objects.requireNonNull(infoHash);
        Objects.requireNonNull(magnetUri);
    }

    /** A copy, so that the record stays a value. */
    @Override
    public byte[] metainfo() {
        return metainfo.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Torrent that
                && Arrays.equals(metainfo, that.metainfo)
                && infoHash.equals(that.infoHash)
                && pieceLength == that.pieceLength
                && pieceCount == that.pieceCount
                && magnetUri.equals(that.magnetUri);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(metainfo), infoHash, pieceLength, pieceCount, magnetUri);
    }

    @Override
    public String toString() {
        return "Torrent[infoHash=" + infoHash + ", pieceLength=" + pieceLength + ", pieceCount=" + pieceCount
                + ", metainfo=" + metainfo.length + " bytes]";
    }
}
