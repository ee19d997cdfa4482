package org.vaelab.api.track;

import java.awt.Image;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;
import javax.imageio.ImageIO;

/**
 * MLflow's layout for images logged per key and step ({@code MlflowClient.log_image} with a key, MLflow
 * 3.17): {@code images/<key, / as ~>+step+<step>+timestamp+<ms>+<uuid>.png}, a preview at most 256
 * pixels a side beside it ({@code ...+compressed.png}; the UI takes png or webp), and the run tag
 * {@code mlflow.loggedImages} that turns the UI's image view on.
 */
public final class LoggedImages {
  private static final int PREVIEW = 256;

  private LoggedImages() {}

  /** Logs {@code png} under {@code key} at {@code step} into {@code tracker}. */
  public static void log(Tracker tracker, String key, long step, byte[] png) {
    if (!key.matches("[a-zA-Z0-9_\\-./ ]+")) throw new IllegalArgumentException("image key '" + key + "' has characters MLflow refuses");
    String base = "images/" + key.replace('/', '~') + "+step+" + step + "+timestamp+" + System.currentTimeMillis() + "+"
        + UUID.randomUUID();
    tracker.logArtifact(base + ".png", png);
    tracker.logArtifact(base + "+compressed.png", preview(png));
    tracker.setTag(Tags.LOGGED_IMAGES, "True");
  }

  /** The image scaled to fit a 256-pixel square, aspect kept (MLflow's compress_image_size). */
  static byte[] preview(byte[] png) {
    try {
      BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
      int w = img.getWidth();
      int h = img.getHeight();
      int nw = w > h ? PREVIEW : Math.max(1, (int) (w * ((double) PREVIEW / h)));
      int nh = w > h ? Math.max(1, (int) (h * ((double) PREVIEW / w))) : PREVIEW;
      BufferedImage out = new BufferedImage(nw, nh, BufferedImage.TYPE_INT_RGB);
      out.getGraphics().drawImage(img.getScaledInstance(nw, nh, Image.SCALE_SMOOTH), 0, 0, null);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      ImageIO.write(out, "png", bytes);
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
