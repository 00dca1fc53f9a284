package org.nuage.api.web;

import static org.nuage.api.web.Html.esc;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.nuage.core.account.ActorImage;
import org.nuage.core.media.ObjectStore;

/**
 * Avatars on pages: the size that fills {@code px} CSS pixels (and a twice larger one for sharp
 * screens), or, for an account or channel without one, its initial on a neutral disc.
 */
@ApplicationScoped
public class Avatars {

    private final ObjectStore media;

    public Avatars(ObjectStore media) {
        this.media = media;
    }

    /** The avatar of {@code name} shown {@code px} wide; {@code id}, when given, names the element. */
    public String of(List<ActorImage> images, String name, int px, String id) {
        String idAttribute = id == null ? "" : " id=\"" + esc(id) + "\"";
        Optional<ActorImage> one = fitting(images, px);
        if (one.isEmpty()) {
            String initial = name == null || name.isBlank() ? "?"
                    : new String(Character.toChars(name.strip().codePointAt(0))).toUpperCase(Locale.ROOT);
            return "<span class=\"avatar avatar-none\"" + idAttribute + " role=\"img\" aria-label=\"" + esc(name)
                    + " has no avatar\" style=\"--size:" + px + "px\">" + esc(initial) + "</span>";
        }
        String src = media.publicUrl(one.get().key()).toString();
        String twice = fitting(images, 2 * px).filter(i -> i.width() > one.get().width())
                .map(i -> " srcset=\"" + esc(src) + " 1x, " + esc(media.publicUrl(i.key()).toString()) + " 2x\"").orElse("");
        return "<img class=\"avatar\"" + idAttribute + " src=\"" + esc(src) + "\"" + twice + " alt=\"Avatar of " + esc(name)
                + "\" width=\"" + px + "\" height=\"" + px + "\" style=\"--size:" + px + "px\" loading=\"lazy\">";
    }

    /** The smallest size at least {@code px} wide, or the largest there is. */
    static Optional<ActorImage> fitting(List<ActorImage> images, int px) {
        return images.stream().filter(i -> i.width() >= px).min(Comparator.comparingInt(ActorImage::width))
                .or(() -> images.stream().max(Comparator.comparingInt(ActorImage::width)));
    }
}
