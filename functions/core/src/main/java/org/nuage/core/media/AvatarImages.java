package org.nuage.core.media;

import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.nuage.core.Refusal;

/**
 * Turns an uploaded picture into the square avatar sizes PeerTube makes. Only what the bytes say
 * counts (never the file name or the declared type); the size is read from the header before
 * anything is decoded, and every size is encoded anew, so no metadata or hostile payload of the
 * upload survives.
 */
public final class AvatarImages {

    static {
        // AWT picks headless on Linux without a DISPLAY, but a developer's desktop has one; Lambda has
        // no display either way, so say it before anything of AWT loads.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** PeerTube's cap on an actor image (CONSTRAINTS_FIELDS.ACTORS.IMAGE): 4 MiB, which base64 keeps under Lambda's 6 MB request. */
    public static final int MAX_BYTES = 4 * 1024 * 1024;

    /**
     * The widest side accepted: a 4096×4096 picture decodes to 64 MB of pixels, the most we let a
     * request of the api function (512 MB) hold; a "decompression bomb" declares far more.
     */
    public static final int MAX_SIDE = 4096;

    /**
     * PeerTube's avatar sizes (ACTOR_IMAGES_SIZE) but its 1,500 px one, largest first as its actors
     * list them: no page here shows more than 600 px, and a 1,500 px copy would triple the bytes.
     */
    public static final List<Integer> SIZES = List.of(600, 120, 48);

    /** JPEG quality of the photos' sizes: no visible loss at avatar sizes, about a third of quality 1. */
    static final float JPEG_QUALITY = 0.88f;

    /** A type of picture the bytes can be. */
    enum Format {
        PNG("png"), JPEG("jpeg"), GIF("gif"), WEBP("webp");

        final String imageIoName;

        Format(String imageIoName) {
            this.imageIoName = imageIoName;
        }
    }

    /** One size, encoded. */
    public record Encoded(int width, String mediaType, String extension, byte[] bytes) {
    }

    private AvatarImages() {
    }

    /**
     * The avatar sizes of {@link #SIZES} cut from the middle square of {@code upload}: PNG when the
     * picture has transparency, JPEG otherwise.
     *
     * @throws Refusal 400 naming what is wrong: too large, not a picture, unreadable, too many pixels
     */
    public static List<Encoded> process(byte[] upload) {
        if (upload == null || upload.length == 0) {
            throw Refusal.badRequest("the avatar file is empty");
        }
        if (upload.length > MAX_BYTES) {
            throw Refusal.badRequest("the avatar file is " + upload.length + " bytes; at most " + MAX_BYTES
                    + " (4 MB) are accepted");
        }
        Format format = sniff(upload);
        BufferedImage square = decodeSquare(upload, format);
        boolean alpha = square.getColorModel().hasAlpha();
        List<Encoded> sizes = new ArrayList<>();
        BufferedImage source = square;
        for (int size : SIZES) {
            // Each size from the one before: fewer pixels to read, and halving steps keep the detail.
            source = scale(source, size, alpha);
            sizes.add(alpha ? encode(source, "png", "image/png", ".png", size)
                    : encode(source, "jpeg", "image/jpeg", ".jpg", size));
        }
        return sizes;
    }

    /** The format the first bytes announce (their magic numbers), whatever the upload was called. */
    static Format sniff(byte[] bytes) {
        if (startsWith(bytes, 0, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'})) {
            return Format.PNG;
        }
        if (startsWith(bytes, 0, new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff})) {
            return Format.JPEG;
        }
        if (startsWith(bytes, 0, ascii("GIF87a")) || startsWith(bytes, 0, ascii("GIF89a"))) {
            return Format.GIF;
        }
        if (startsWith(bytes, 0, ascii("RIFF")) && startsWith(bytes, 8, ascii("WEBP"))) {
            return Format.WEBP;
        }
        throw Refusal.badRequest("the avatar file is not a PNG, JPEG, GIF or WebP picture");
    }

    private static BufferedImage decodeSquare(byte[] upload, Format format) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.imageIoName);
        if (!readers.hasNext()) {
            throw Refusal.badRequest(format + " pictures cannot be read here; send a PNG or JPEG");
        }
        ImageReader reader = readers.next();
        try (ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(upload))) {
            // Ignoring metadata also skips reading it: a picture's comments and profiles are never parsed.
            reader.setInput(input, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if (width < 1 || height < 1) {
                throw Refusal.badRequest("the avatar picture has no pixels");
            }
            if (width > MAX_SIDE || height > MAX_SIDE) {
                throw Refusal.badRequest("the avatar picture is " + width + "×" + height + " pixels; at most "
                        + MAX_SIDE + "×" + MAX_SIDE + " are accepted");
            }
            int side = Math.min(width, height);
            ImageReadParam param = reader.getDefaultReadParam();
            param.setSourceRegion(new Rectangle((width - side) / 2, (height - side) / 2, side, side));
            // Decoding every other (or third) pixel of a big picture costs a fraction of the memory and
            // still leaves twice the largest size to scale down from.
            int step = Math.max(1, side / (2 * SIZES.getFirst()));
            param.setSourceSubsampling(step, step, 0, 0);
            BufferedImage image = reader.read(0, param);
            if (image == null || image.getWidth() < 1 || image.getHeight() < 1) {
                throw Refusal.badRequest("the avatar picture could not be decoded");
            }
            return image;
        } catch (Refusal e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // ImageIO's decoders throw IIOException, but also IllegalArgumentException or
            // IndexOutOfBounds on files crafted to confuse them: all of them mean the same here.
            throw Refusal.badRequest("the avatar file is not a readable " + format + " picture: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } finally {
            reader.dispose();
        }
    }

    /** {@code source} as a {@code size}×{@code size} picture with 8-bit RGB(A) pixels. */
    static BufferedImage scale(BufferedImage source, int size, boolean alpha) {
        BufferedImage current = source;
        int side = Math.min(source.getWidth(), source.getHeight());
        while (side / 2 >= size) {
            side /= 2;
            current = draw(current, side, alpha, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        }
        return current.getWidth() == size && current.getHeight() == size && current != source
                ? current : draw(current, size, alpha, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
    }

    private static BufferedImage draw(BufferedImage source, int size, boolean alpha, Object interpolation) {
        BufferedImage target = new BufferedImage(size, size, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = target.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, interpolation);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            if (!alpha) {
                // A JPEG has no transparency: what was see-through in a GIF becomes white, not black.
                g.setColor(java.awt.Color.WHITE);
                g.fillRect(0, 0, size, size);
            }
            g.drawImage(source, 0, 0, size, size, null);
        } finally {
            g.dispose();
        }
        return target;
    }

    private static Encoded encode(BufferedImage image, String format, String mediaType, String extension, int size) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream output = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(output);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (format.equals("jpeg")) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(JPEG_QUALITY);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return new Encoded(size, mediaType, extension, bytes.toByteArray());
    }

    private static boolean startsWith(byte[] bytes, int offset, byte[] prefix) {
        return bytes.length >= offset + prefix.length
                && Arrays.equals(bytes, offset, offset + prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
