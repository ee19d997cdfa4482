package org.vaelab.experiments.eval;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Locale;
import org.vaelab.experiments.model.Pictures;

/** PNG plots of evaluation results: a labelled 2-D latent scatter and a histogram. */
final class Plots {
  private static final int SIZE = 520;
  private static final int MARGIN = 40;

  private Plots() {}

  /** Points {@code [n][2]} coloured by label (null: one colour), with axis titles and a legend. */
  static byte[] scatter(double[][] points, int[] labels, String xTitle, String yTitle) {
    double[] range = {Double.MAX_VALUE, -Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE};
    for (double[] p : points) {
      range[0] = Math.min(range[0], p[0]);
      range[1] = Math.max(range[1], p[0]);
      range[2] = Math.min(range[2], p[1]);
      range[3] = Math.max(range[3], p[1]);
    }
    BufferedImage img = canvas();
    Graphics2D g = graphics(img);
    int plot = SIZE - 2 * MARGIN;
    for (int i = 0; i < points.length; i++) {
      int label = labels == null ? 0 : labels[i];
      g.setColor(colour(label, 160));
      int px = MARGIN + (int) (scale(points[i][0], range[0], range[1]) * plot);
      int py = SIZE - MARGIN - (int) (scale(points[i][1], range[2], range[3]) * plot);
      g.fillOval(px - 2, py - 2, 4, 4);
    }
    g.setColor(Color.BLACK);
    g.drawRect(MARGIN, MARGIN, plot, plot);
    g.drawString(xTitle + String.format(Locale.ROOT, "  [%.2f, %.2f]", range[0], range[1]), MARGIN, SIZE - 12);
    g.drawString(yTitle + String.format(Locale.ROOT, "  [%.2f, %.2f]", range[2], range[3]), MARGIN, 24);
    if (labels != null) {
      int max = 0;
      for (int l : labels) max = Math.max(max, l);
      for (int l = 0; l <= Math.min(max, 19); l++) {
        g.setColor(colour(l, 255));
        g.fillRect(SIZE - MARGIN + 6, MARGIN + 14 * l, 8, 8);
        g.setColor(Color.BLACK);
        g.drawString(Integer.toString(l), SIZE - MARGIN + 18, MARGIN + 14 * l + 9);
      }
    }
    g.dispose();
    return Pictures.png(img);
  }

  /** A histogram of {@code values} in {@code bins} bins, titled. */
  static byte[] histogram(double[] values, int bins, String title) {
    double lo = Double.MAX_VALUE;
    double hi = -Double.MAX_VALUE;
    for (double v : values) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    if (hi <= lo) hi = lo + 1e-9;
    int[] counts = new int[bins];
    for (double v : values) counts[Math.min(bins - 1, (int) ((v - lo) / (hi - lo) * bins))]++;
    int top = 1;
    for (int c : counts) top = Math.max(top, c);
    BufferedImage img = canvas();
    Graphics2D g = graphics(img);
    int plot = SIZE - 2 * MARGIN;
    g.setColor(new Color(70, 110, 180));
    for (int b = 0; b < bins; b++) {
      int h = (int) ((double) counts[b] / top * plot);
      g.fillRect(MARGIN + b * plot / bins, SIZE - MARGIN - h, Math.max(1, plot / bins - 1), h);
    }
    g.setColor(Color.BLACK);
    g.drawRect(MARGIN, MARGIN, plot, plot);
    g.drawString(title, MARGIN, 24);
    g.drawString(String.format(Locale.ROOT, "%.3f", lo), MARGIN, SIZE - 12);
    g.drawString(String.format(Locale.ROOT, "%.3f   (max count %d)", hi, top), SIZE - MARGIN - 150, SIZE - 12);
    g.dispose();
    return Pictures.png(img);
  }

  private static double scale(double v, double lo, double hi) {
    return hi > lo ? (v - lo) / (hi - lo) : 0.5;
  }

  private static BufferedImage canvas() {
    return new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
  }

  private static Graphics2D graphics(BufferedImage img) {
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, SIZE, SIZE);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    return g;
  }

  private static Color colour(int label, int alpha) {
    Color c = Color.getHSBColor((label % 10) / 10f, label < 10 ? 0.85f : 0.45f, 0.85f);
    return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
  }
}
