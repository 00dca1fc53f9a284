package org.nuage.api.account;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.nuage.core.Refusal;
import org.nuage.core.account.ActorImage;
import org.nuage.core.media.AvatarImages;

/**
 * What PeerTube's avatar endpoints of users and channels share: the picture from the multipart
 * field {@value #FIELD}, refusals logged with whose avatar it was, and the answer's shape.
 */
final class AvatarUploads {

    private static final Logger LOG = Logger.getLogger(AvatarUploads.class);

    /** PeerTube's form field for the picture. */
    static final String FIELD = "avatarfile";

    private AvatarUploads() {
    }

    /** The uploaded picture's bytes, refused unread when over PeerTube's cap. */
    static byte[] read(FileUpload file) {
        if (file == null || file.uploadedFile() == null) {
            throw Refusal.badRequest("a multipart/form-data body with the picture in its '" + FIELD + "' field is required");
        }
        if (file.size() > AvatarImages.MAX_BYTES) {
            throw Refusal.badRequest("the avatar file is " + file.size() + " bytes; at most " + AvatarImages.MAX_BYTES
                    + " (4 MB) are accepted");
        }
        try {
            return Files.readAllBytes(file.uploadedFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code change} of {@code whose} avatar, logging a refusal before it becomes the 4xx answer. */
    static <T> T logged(String whose, Supplier<T> change) {
        try {
            return change.get();
        } catch (Refusal e) {
            LOG.infof("avatar of %s refused (%d): %s", whose, e.status(), e.getMessage());
            throw e;
        }
    }

    /** Tells followers, but a queue that fails now does not undo a stored avatar: they see it on their next fetch. */
    static void federate(String whose, Runnable send) {
        try {
            send.run();
        } catch (RuntimeException e) {
            LOG.warnf(e, "the Update of %s could not be queued", whose);
        }
    }

    /** PeerTube's answer to a pick: the new sizes. */
    static Map<String, Object> answer(Representations representations, List<ActorImage> images) {
        return Map.of("avatars", representations.avatars(images));
    }
}
