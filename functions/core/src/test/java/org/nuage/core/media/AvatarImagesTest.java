package org.nuage.core.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.nuage.core.Refusal;

class AvatarImagesTest {

    @Test
    void aPngBecomesEverySizeSquareAndCentred() throws IOException {
        // A wide picture: red on the left third, green in the middle, blue on the right third.
        BufferedImage wide = new BufferedImage(900, 300, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = wide.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 300, 300);
        g.setColor(Color.GREEN);
        g.fillRect(300, 0, 300, 300);
        g.setColor(Color.BLUE);
        g.fillRect(600, 0, 300, 300);
        g.dispose();
        List<AvatarImages.Encoded> sizes = AvatarImages.process(encode(wide, "png"));

        assertEquals(List.of(600, 120, 48), sizes.stream().map(AvatarImages.Encoded::width).toList());
        for (AvatarImages.Encoded size : sizes) {
            BufferedImage read = ImageIO.read(new ByteArrayInputStream(size.bytes()));
            assertEquals(size.width(), read.getWidth());
            assertEquals(size.width(), read.getHeight());
            assertEquals("image/jpeg", size.mediaType(), "an opaque picture becomes a JPEG");
            Color corner = new Color(read.getRGB(1, 1));
            assertTrue(corner.getGreen() > 200 && corner.getRed() < 60 && corner.getBlue() < 60,
                    "the middle square was kept: " + corner);
        }
    }

    @Test
    void aJpegIsReencodedWithoutItsMetadata() throws IOException {
        BufferedImage photo = new BufferedImage(400, 500, BufferedImage.TYPE_INT_RGB);
        byte[] jpeg = withComment(encode(photo, "jpeg"), "secret location 48.85N 2.35E");
        assertTrue(contains(jpeg, "secret location"));

        List<AvatarImages.Encoded> sizes = AvatarImages.process(jpeg);

        assertEquals(3, sizes.size());
        for (AvatarImages.Encoded size : sizes) {
            assertFalse(contains(size.bytes(), "secret location"), "the comment is not carried over");
            assertArrayEquals(new byte[] {(byte) 0xff, (byte) 0xd8}, Arrays.copyOf(size.bytes(), 2));
        }
    }

    @Test
    void aTransparentGifKeepsItsTransparencyAsPng() throws IOException {
        BufferedImage gif = new BufferedImage(64, 64, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = gif.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillOval(8, 8, 48, 48);
        g.dispose();
        List<AvatarImages.Encoded> sizes = AvatarImages.process(encode(gif, "gif"));
        assertEquals("image/png", sizes.getFirst().mediaType());
        BufferedImage read = ImageIO.read(new ByteArrayInputStream(sizes.getFirst().bytes()));
        assertEquals(600, read.getWidth());
        assertEquals(0, read.getRGB(0, 0) >>> 24, "the corner stays see-through");
    }

    @Test
    void aDecompressionBombIsRefusedBeforeItIsDecoded() throws IOException {
        // 6,000 × 6,000 one-bit pixels compress to a few kilobytes and would decode to 144 MB.
        BufferedImage huge = new BufferedImage(6000, 6000, BufferedImage.TYPE_BYTE_BINARY);
        byte[] png = encode(huge, "png");
        assertTrue(png.length < 100_000, png.length + " bytes");
        Refusal refused = assertThrows(Refusal.class, () -> AvatarImages.process(png));
        assertEquals(400, refused.status());
        assertTrue(refused.getMessage().contains("6000×6000"), refused.getMessage());
    }

    @Test
    void aHeaderClaimingBillionsOfPixelsIsRefused() {
        Refusal refused = assertThrows(Refusal.class, () -> AvatarImages.process(pngHeader(100_000, 100_000)));
        assertEquals(400, refused.status());
        assertTrue(refused.getMessage().contains("at most 4096×4096"), refused.getMessage());
    }

    @Test
    void somethingElseThanAPictureIsRefused() {
        for (byte[] bytes : new byte[][] {
                "<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>".getBytes(StandardCharsets.UTF_8),
                "%PDF-1.7".getBytes(StandardCharsets.UTF_8), new byte[0]}) {
            Refusal refused = assertThrows(Refusal.class, () -> AvatarImages.process(bytes));
            assertEquals(400, refused.status());
        }
        assertTrue(assertThrows(Refusal.class, () -> AvatarImages.process("<svg/>".getBytes(StandardCharsets.UTF_8)))
                .getMessage().contains("not a PNG, JPEG, GIF or WebP"));
    }

    @Test
    void aBrokenPictureBehindAPngSignatureIsRefused() throws IOException {
        byte[] png = encode(new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB), "png");
        byte[] truncated = Arrays.copyOf(png, 60);
        Refusal refused = assertThrows(Refusal.class, () -> AvatarImages.process(truncated));
        assertEquals(400, refused.status());
        assertTrue(refused.getMessage().contains("not a readable PNG"), refused.getMessage());
        byte[] garbage = pngHeader(50, 50);
        assertEquals(400, assertThrows(Refusal.class, () -> AvatarImages.process(garbage)).status());
    }

    @Test
    void aFileOverTheCapIsRefusedUnread() {
        byte[] big = new byte[AvatarImages.MAX_BYTES + 1];
        big[0] = (byte) 0xff;
        Refusal refused = assertThrows(Refusal.class, () -> AvatarImages.process(big));
        assertEquals(400, refused.status());
        assertTrue(refused.getMessage().contains("4 MB"), refused.getMessage());
    }

    @Test
    void webpIsReadWhereImageIoCanAndOtherwiseRefusedClearly() {
        // A RIFF/WEBP container; the JDK has no WebP decoder, a plugin on the class path would add one.
        byte[] webp = ByteBuffer.allocate(30).put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(22)
                .put("WEBPVP8 ".getBytes(StandardCharsets.US_ASCII)).array();
        assertEquals(AvatarImages.Format.WEBP, AvatarImages.sniff(webp));
        Refusal refused = assertThrows(Refusal.class, () -> AvatarImages.process(webp));
        assertEquals(400, refused.status());
        assertTrue(refused.getMessage().startsWith(ImageIO.getImageReadersByFormatName("webp").hasNext()
                ? "the avatar file is not a readable WEBP" : "WEBP pictures cannot be read here"), refused.getMessage());
    }

    static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, format, out), format);
        return out.toByteArray();
    }

    /** A PNG signature and an IHDR chunk (with its right CRC) announcing {@code width}×{@code height}, then nothing. */
    static byte[] pngHeader(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(17).put("IHDR".getBytes(StandardCharsets.US_ASCII))
                .putInt(width).putInt(height).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        return ByteBuffer.allocate(8 + 4 + 17 + 4 + 12)
                .put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'})
                .putInt(13).put(ihdr.array()).putInt((int) crc.getValue())
                .putInt(0).put("IEND".getBytes(StandardCharsets.US_ASCII)).putInt(0xAE426082).array();
    }

    /** The JPEG with a COM segment right after its SOI marker. */
    private static byte[] withComment(byte[] jpeg, String comment) {
        byte[] text = comment.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer out = ByteBuffer.allocate(jpeg.length + 4 + text.length);
        out.put(jpeg, 0, 2).put((byte) 0xff).put((byte) 0xfe).putShort((short) (text.length + 2)).put(text)
                .put(jpeg, 2, jpeg.length - 2);
        return out.array();
    }

    private static boolean contains(byte[] bytes, String text) {
        return new String(bytes, StandardCharsets.ISO_8859_1).contains(text);
    }
}
