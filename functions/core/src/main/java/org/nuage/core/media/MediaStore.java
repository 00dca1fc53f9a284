package org.nuage.core.media;

import java.net.URI;
import java.time.Duration;

/** Port: the object store holding originals and published media. */
public interface MediaStore {

    /** A URL that lets a reader (such as ffprobe) GET one private object for a short while. */
    URI presignedGet(String bucket, String key, Duration validity);
}
