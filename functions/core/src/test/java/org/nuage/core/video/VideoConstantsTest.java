package org.nuage.core.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VideoConstantsTest {

    @Test
    void categoriesAndLicencesAreNumberedAsPeerTubeNumbersThem() {
        assertEquals(18, VideoConstants.CATEGORIES.size());
        assertEquals("Music", VideoConstants.CATEGORIES.get(1));
        assertEquals("News & Politics", VideoConstants.CATEGORIES.get(11));
        assertEquals("Food", VideoConstants.CATEGORIES.get(18));
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7), List.copyOf(VideoConstants.LICENCES.keySet()));
        assertEquals("Attribution - Share Alike", VideoConstants.LICENCES.get(2));
        assertEquals("Public Domain Dedication", VideoConstants.LICENCES.get(7));
        assertEquals("Password protected", VideoConstants.PRIVACIES.get(5));
        assertEquals("Transcoding failed", VideoConstants.STATES.get(7));
        assertEquals("Requires approval", VideoConstants.COMMENTS_POLICIES.get(3));
        assertEquals("Accepted", VideoConstants.ABUSE_STATES.get(3));
    }

    /** Labels as PeerTube's {@code GET /api/v1/videos/languages} gives them, overrides included. */
    @Test
    void languagesCarryPeerTubesLabelsAndOverrides() {
        assertEquals("English", VideoConstants.LANGUAGES.get("en"));
        assertEquals("French", VideoConstants.LANGUAGES.get("fr"));
        assertEquals("Portuguese (Brazilian)", VideoConstants.LANGUAGES.get("pt"));
        assertEquals("Portuguese (Portugal)", VideoConstants.LANGUAGES.get("pt-PT"));
        assertEquals("Spanish (Latin America)", VideoConstants.LANGUAGES.get("es-419"));
        assertEquals("Occitan", VideoConstants.LANGUAGES.get("oc"));
        assertEquals("Esperanto", VideoConstants.LANGUAGES.get("eo"));
        assertEquals("American Sign Language", VideoConstants.LANGUAGES.get("ase"));
        assertEquals("Simplified Chinese", VideoConstants.LANGUAGES.get("zh-Hans"));
        assertEquals("aa", VideoConstants.LANGUAGES.keySet().iterator().next());
        assertEquals(204, VideoConstants.LANGUAGES.size());
    }

    @Test
    void anAbsentOrUnknownIdIsLabelledUnknownWithANullId() {
        Map<String, Object> none = VideoConstants.constant(VideoConstants.CATEGORIES, Optional.empty());
        assertNull(none.get("id"));
        assertEquals("Unknown", none.get("label"));
        assertEquals("Unknown", VideoConstants.constant(VideoConstants.LICENCES, Optional.of(99)).get("label"));
        assertEquals(Map.of("id", 4, "label", "Art"), VideoConstants.constant(VideoConstants.CATEGORIES, Optional.of(4)));
        Map<String, Object> noLanguage = VideoConstants.language(Optional.empty());
        assertNull(noLanguage.get("id"));
        assertEquals("Unknown", noLanguage.get("label"));
        assertEquals(Map.of("id", "fr", "label", "French"), VideoConstants.language(Optional.of("fr")));
    }
}
