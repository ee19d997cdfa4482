package org.vaelab.experiments.data;

import java.util.List;

/**
 * Config of the {@code "csv"} dataset: a numeric table with a header row.
 *
 * @param trainFile    CSV file of the training rows
 * @param testFile     CSV file of the test rows; empty to hold out {@code testFraction} of trainFile
 * @param testFraction share of trainFile's rows held out for testing when there is no testFile; in (0, 1)
 * @param columns      the columns to model, by header name; empty for all but the label column
 * @param labelColumn  a column of class labels (any strings), for evaluation only; empty for none
 * @param standardize  whether to centre and scale each column by the training split's mean and std
 * @param seed         seed of the held-out split
 */
public record CsvConfig(String trainFile, String testFile, double testFraction, List<String> columns,
    String labelColumn, boolean standardize, long seed) {
  public CsvConfig {
    if (trainFile == null || trainFile.isBlank()) throw new IllegalArgumentException("trainFile must not be empty");
    if (!(testFraction > 0 && testFraction < 1)) {
      throw new IllegalArgumentException("testFraction must be in (0, 1), was " + testFraction);
    }
    columns = List.copyOf(columns);
    if (columns.stream().distinct().count() != columns.size()) {
      throw new IllegalArgumentException("columns must not repeat a name, was " + columns);
    }
    if (columns.contains(labelColumn)) {
      throw new IllegalArgumentException("columns must not contain the labelColumn '" + labelColumn + "'");
    }
  }
}
