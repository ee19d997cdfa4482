package org.vaelab.experiments.model;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** PNG pictures of examples: image grids, and scatter plots for 2-D data. */
public final class Pictures {
  private Pictures() {}

  /** Rows of {@code x} ([n, h*w], values in [0, 1]) as a grid of {@code cols} columns, scaled up 2x. */
  public static byte[] grid(INDArray x, int h, int w, int cols) {
    int n = (int) x.size(0);
    int rows = (n + cols - 1) / cols;
    int scale = 2;
    int pad = 2;
    BufferedImage img = new BufferedImage(cols * (w * scale + pad) + pad, rows * (h * scale + pad) + pad,
        BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.DARK_GRAY);
    g.fillRect(0, 0, img.getWidth(), img.getHeight());
    for (int i = 0; i < n; i++) {
      int ox = pad + (i % cols) * (w * scale + pad);
      int oy = pad + (i / cols) * (h * scale + pad);
      for (int r = 0; r < h; r++) {
        for (int c = 0; c < w; c++) {
          int v = (int) Math.round(255 * Math.max(0, Math.min(1, x.getDouble(i, (long) r * w + c))));
          g.setColor(new Color(v, v, v));
          g.fillRect(ox + c * scale, oy + r * scale, scale, scale);
        }
      }
    }
    g.dispose();
    return png(img);
  }

  /**
   * Examples above their reconstructions: rows of eight originals, each followed by the row of their
   * reconstructions (a short last row is left blank), as a grid of images of {@code h} × {@code w}.
   */
  public static byte[] pairs(INDArray originals, INDArray reconstructions, int h, int w) {
    int n = (int) originals.size(0);
    INDArray both = Nd4j.zeros(originals.dataType(), 16L * ((n + 7) / 8), originals.size(1));
    for (int i = 0; i < n; i++) {
      both.putRow(16L * (i / 8) + i % 8, originals.getRow(i));
      both.putRow(16L * (i / 8) + 8 + i % 8, reconstructions.getRow(i));
    }
    return grid(both, h, w, 8);
  }

  /** Two point sets of 2-D data: {@code data} in grey, {@code model} in red. */
  public static byte[] scatter(INDArray data, INDArray model) {
    int size = 480;
    double lim = Math.max(Math.max(data.amaxNumber().doubleValue(), model.amaxNumber().doubleValue()), 1e-6) * 1.1;
    BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, size, size);
    for (Object[] set : new Object[][] {{data, Color.GRAY}, {model, Color.RED}}) {
      INDArray p = (INDArray) set[0];
      g.setColor((Color) set[1]);
      for (long i = 0; i < p.size(0); i++) {
        int px = (int) ((p.getDouble(i, 0) / lim + 1) / 2 * size);
        int py = (int) ((1 - p.getDouble(i, 1) / lim) / 2 * size);
        g.fillOval(px - 1, py - 1, 3, 3);
      }
    }
    g.dispose();
    return png(img);
  }

  public static byte[] png(BufferedImage img) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
