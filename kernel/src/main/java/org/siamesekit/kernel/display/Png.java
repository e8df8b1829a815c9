package org.siamesekit.kernel.display;

import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;

import javax.imageio.ImageIO;

/** PNG encoding in the base64 form Jupyter's image/png expects. */
final class Png {
    private Png() {}

    static String base64(RenderedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", bytes)) {
                throw new IllegalArgumentException("no PNG writer accepts a " + image.getClass().getName());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode image as PNG", e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }
}
