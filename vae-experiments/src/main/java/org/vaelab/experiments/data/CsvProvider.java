package org.vaelab.experiments.data;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tribuo.data.columnar.ColumnarIterator;
import org.tribuo.data.csv.CSVIterator;
import org.vaelab.api.config.ConfigException;
import org.vaelab.api.data.Binarization;
import org.vaelab.api.data.Dataset;
import org.vaelab.api.spi.DatasetProvider;

/**
 * The {@code "csv"} dataset: numeric columns of a CSV table, parsed with Tribuo's {@link CSVIterator},
 * standardised with the training split's statistics (recorded in the dataset's source).
 */
public final class CsvProvider implements DatasetProvider<CsvConfig> {
  /** Tribuo logs progress through java.util.logging; keep a reference so the level sticks. */
  private static final Logger TRIBUO = Logger.getLogger("org.tribuo");

  static {
    TRIBUO.setLevel(Level.WARNING);
  }

  /** Rows read from one file: values {@code [rows][columns]} and raw labels. */
  private record Table(List<String> columns, List<double[]> rows, List<String> labels) {}

  @Override public String id() { return "csv"; }

  @Override public String description() { return "numeric CSV table with a header (Tribuo), standardised per column"; }

  @Override public Class<CsvConfig> configType() { return CsvConfig.class; }

  @Override public CsvConfig defaultConfig() { return new CsvConfig("data.csv", "", 0.2, List.of(), "", true, 0); }

  @Override
  public Dataset load(CsvConfig c) {
    Table train = read(Path.of(c.trainFile()), c, null, "dataset.trainFile");
    Table test;
    if (c.testFile().isBlank()) {
      Table[] split = split(train, c);
      train = split[0];
      test = split[1];
    } else {
      test = read(Path.of(c.testFile()), c, train.columns(), "dataset.testFile");
    }
    int width = train.columns().size();
    double[] mean = new double[width];
    double[] std = new double[width];
    java.util.Arrays.fill(std, 1);
    if (c.standardize()) statistics(train.rows(), mean, std);
    Map<String, Integer> classes = new TreeMap<>();
    if (!c.labelColumn().isBlank()) {
      train.labels().forEach(l -> classes.putIfAbsent(l, 0));
      test.labels().forEach(l -> classes.putIfAbsent(l, 0));
      int i = 0;
      for (Map.Entry<String, Integer> e : classes.entrySet()) e.setValue(i++);
    }
    StringBuilder source = new StringBuilder(c.trainFile());
    source.append(c.testFile().isBlank() ? String.format(Locale.ROOT, " (test: %.0f%% held out, seed %d)",
        100 * c.testFraction(), c.seed()) : " (test: " + c.testFile() + ")");
    if (c.standardize()) {
      source.append("; standardised by train mean/std:");
      for (int j = 0; j < width; j++) {
        source.append(' ').append(train.columns().get(j)).append('=').append(sixDigits(mean[j])).append('/')
            .append(sixDigits(std[j]));
      }
    }
    String name = Path.of(c.trainFile()).getFileName().toString().replaceFirst("\\.csv$", "");
    return new Dataset(name, source.toString(), matrix(train.rows(), mean, std), labels(train, classes),
        matrix(test.rows(), mean, std), labels(test, classes), null, Binarization.NONE);
  }

  private static String sixDigits(double v) {
    return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
  }

  private static Table read(Path file, CsvConfig c, List<String> expectColumns, String field) {
    String where = field + ": " + file;
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8); CSVIterator it = new CSVIterator(r, ',', '"')) {
      List<String> header = it.getFields();  // Tribuo reports an empty file as one field "\uFFFF"
      if (header == null || header.isEmpty() || header.size() == 1 && header.get(0).replace("\uFFFF", "").isBlank()) {
        throw new ConfigException(where + ": the file is empty (a header row is needed)");
      }
      List<String> columns = new ArrayList<>(c.columns().isEmpty() ? header : c.columns());
      if (c.columns().isEmpty()) columns.remove(c.labelColumn());
      if (expectColumns != null && !expectColumns.equals(columns)) columns = expectColumns;
      for (String col : columns) {
        if (!header.contains(col)) throw new ConfigException(where + ": no column '" + col + "'; the header has " + header);
      }
      if (!c.labelColumn().isBlank() && !header.contains(c.labelColumn())) {
        throw new ConfigException(where + ": no label column '" + c.labelColumn() + "'; the header has " + header);
      }
      List<double[]> rows = new ArrayList<>();
      List<String> labels = new ArrayList<>();
      while (it.hasNext()) {
        ColumnarIterator.Row row = it.next();
        long line = row.getIndex() + 2;  // the header is line 1
        double[] values = new double[columns.size()];
        for (int j = 0; j < values.length; j++) values[j] = number(row.getRowData().get(columns.get(j)), where, line, columns.get(j));
        rows.add(values);
        if (!c.labelColumn().isBlank()) labels.add(row.getRowData().get(c.labelColumn()).trim());
      }
      if (rows.isEmpty()) throw new ConfigException(where + ": no data rows after the header");
      return new Table(columns, rows, labels);
    } catch (NoSuchFileException e) {
      throw new ConfigException(where + " does not exist");
    } catch (IOException e) {
      throw new ConfigException(where + ": cannot read: " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(where + ": " + e.getMessage());  // Tribuo: ragged row or malformed quoting
    }
  }

  private static double number(String cell, String where, long line, String column) {
    String s = cell == null ? "" : cell.trim();
    if (s.isEmpty()) throw new ConfigException(where + ": line " + line + ", column '" + column + "': missing value");
    try {
      double v = Double.parseDouble(s);
      if (Double.isFinite(v)) return v;
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigException(where + ": line " + line + ", column '" + column + "': '" + s + "' is not a finite number");
  }

  private static Table[] split(Table t, CsvConfig c) {
    int n = t.rows().size();
    int testRows = (int) Math.round(n * c.testFraction());
    if (testRows < 1 || testRows >= n) {
      throw new ConfigException("dataset.testFraction: " + c.testFraction() + " of " + n + " rows leaves an empty split");
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < n; i++) order.add(i);
    java.util.Collections.shuffle(order, new java.util.Random(c.seed()));
    Table[] out = new Table[2];
    for (int part = 0; part < 2; part++) {
      List<Integer> idx = part == 0 ? order.subList(testRows, n) : order.subList(0, testRows);
      List<double[]> rows = new ArrayList<>();
      List<String> labels = new ArrayList<>();
      for (int i : idx.stream().sorted().toList()) {
        rows.add(t.rows().get(i));
        if (!t.labels().isEmpty()) labels.add(t.labels().get(i));
      }
      out[part] = new Table(t.columns(), rows, labels);
    }
    return out;
  }

  private static void statistics(List<double[]> rows, double[] mean, double[] std) {
    for (double[] r : rows) for (int j = 0; j < r.length; j++) mean[j] += r[j] / rows.size();
    for (int j = 0; j < mean.length; j++) {
      double ss = 0;
      for (double[] r : rows) ss += (r[j] - mean[j]) * (r[j] - mean[j]);
      double sd = Math.sqrt(ss / rows.size());
      std[j] = sd > 1e-12 ? sd : 1;  // a constant column is only centred
    }
  }

  private static INDArray matrix(List<double[]> rows, double[] mean, double[] std) {
    float[] v = new float[rows.size() * mean.length];
    for (int i = 0; i < rows.size(); i++) {
      for (int j = 0; j < mean.length; j++) v[i * mean.length + j] = (float) ((rows.get(i)[j] - mean[j]) / std[j]);
    }
    return Nd4j.create(v, new long[] {rows.size(), mean.length}, 'c');
  }

  private static int[] labels(Table t, Map<String, Integer> classes) {
    if (classes.isEmpty()) return null;
    return t.labels().stream().mapToInt(classes::get).toArray();
  }
}
