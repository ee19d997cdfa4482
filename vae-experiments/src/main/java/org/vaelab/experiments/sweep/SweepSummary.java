package org.vaelab.experiments.sweep;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.vaelab.experiments.model.Pictures;

/**
 * The sweep parent's picture: the sweep metric of every finished trial against each swept
 * parameter, one panel a parameter. Trials that share a value (other seeds, other values of the
 * other parameters) are drawn as points side by side, with their mean as a bar, so the spread shows.
 */
final class SweepSummary {
  private static final int PANEL_W = 320;
  private static final int PANEL_H = 240;
  private static final int MARGIN = 48;

  /** One finished trial: its swept values by key, and the metric it ended with. */
  record Point(Map<String, Object> values, double metric) {}

  private SweepSummary() {}

  static byte[] png(String metric, List<SweepParameter> parameters, List<Point> points) {
    int panels = Math.max(1, parameters.size());
    BufferedImage img = new BufferedImage(panels * PANEL_W, PANEL_H, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, img.getWidth(), img.getHeight());
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    double lo = points.stream().mapToDouble(Point::metric).min().orElse(0);
    double hi = points.stream().mapToDouble(Point::metric).max().orElse(1);
    if (hi - lo < 1e-12) { lo -= 0.5; hi += 0.5; }
    for (int p = 0; p < parameters.size(); p++) {
      panel(g, p * PANEL_W, parameters.get(p).key(), metric, points, lo, hi);
    }
    g.dispose();
    return Pictures.png(img);
  }

  /** One parameter's panel: its distinct values as categories along x, in sorted order. */
  private static void panel(Graphics2D g, int x0, String key, String metric, List<Point> points, double lo, double hi) {
    TreeMap<String, List<Double>> byValue = new TreeMap<>(SweepSummary::compareValues);
    for (Point pt : points) byValue.computeIfAbsent(label(pt.values().get(key)), v -> new ArrayList<>()).add(pt.metric());
    int left = x0 + MARGIN;
    int right = x0 + PANEL_W - 12;
    int top = 24;
    int bottom = PANEL_H - 36;
    g.setColor(Color.BLACK);
    g.drawString(key, x0 + MARGIN, 14);
    g.drawLine(left, bottom, right, bottom);
    g.drawLine(left, top, left, bottom);
    g.drawString(String.format(Locale.ROOT, "%.4g", hi), x0 + 2, top + 4);
    g.drawString(String.format(Locale.ROOT, "%.4g", lo), x0 + 2, bottom);
    g.drawString(metric, x0 + 2, PANEL_H - 6);
    int n = byValue.size();
    int i = 0;
    for (var e : byValue.entrySet()) {
      int cx = left + (int) ((i + 0.5) * (right - left) / Math.max(1, n));
      List<Double> ys = e.getValue();
      g.setColor(Color.BLACK);
      g.drawString(e.getKey(), cx - g.getFontMetrics().stringWidth(e.getKey()) / 2, bottom + 14);
      g.setColor(new Color(31, 119, 180));
      for (int j = 0; j < ys.size(); j++) {
        int px = cx + (int) ((j - (ys.size() - 1) / 2.0) * 6);
        int py = y(ys.get(j), lo, hi, top, bottom);
        g.fillOval(px - 3, py - 3, 6, 6);
      }
      double mean = ys.stream().mapToDouble(Double::doubleValue).average().orElse(0);
      g.setColor(new Color(214, 39, 40));
      g.setStroke(new BasicStroke(2));
      int my = y(mean, lo, hi, top, bottom);
      g.drawLine(cx - 10, my, cx + 10, my);
      g.setStroke(new BasicStroke(1));
      i++;
    }
  }

  private static int y(double v, double lo, double hi, int top, int bottom) {
    return bottom - (int) Math.round((v - lo) / (hi - lo) * (bottom - top));
  }

  static String label(Object v) {
    if (v instanceof Double d) return String.format(Locale.ROOT, "%.3g", d);
    return String.valueOf(v);
  }

  /** Numbers in numeric order, anything else as text. */
  private static int compareValues(String a, String b) {
    try {
      return Double.compare(Double.parseDouble(a), Double.parseDouble(b));
    } catch (NumberFormatException e) {
      return a.compareTo(b);
    }
  }
}
