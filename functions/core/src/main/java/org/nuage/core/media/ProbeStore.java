package org.nuage.core.media;

import java.util.Optional;

/** Port: what probing each upload found. */
public interface ProbeStore {

    /** Records the probe of upload {@code uploadId}; recording the same report twice is harmless. */
    void saveProbe(String uploadId, ProbeReport report);

    Optional<ProbeReport> findProbe(String uploadId);
}
