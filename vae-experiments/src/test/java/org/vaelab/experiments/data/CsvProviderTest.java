package org.vaelab.experiments.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vaelab.api.config.ConfigException;
import org.vaelab.api.data.Dataset;
import org.vaelab.api.testkit.DatasetContract;

class CsvProviderTest extends DatasetContract<CsvConfig, CsvProvider> {
  private static final Path TABLE = write("x,y,kind\n1,10,a\n2,20,b\n3,30,a\n4,40,b\n5,50,a\n");
  @TempDir Path tmp;

  private static Path write(String text) {
    try {
      Path p = Files.createTempFile("vaelab", ".csv");
      p.toFile().deleteOnExit();
      Files.writeString(p, text);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override protected CsvProvider provider() { return new CsvProvider(); }

  @Override protected CsvConfig smallConfig() {
    return new CsvConfig(TABLE.toString(), "", 0.4, List.of(), "kind", true, 1);
  }

  @Override protected List<Map<String, Object>> invalidConfigs() {
    return List.of(Map.of("trainFile", " "), Map.of("testFraction", 1.0), Map.of("columns", List.of("x", "x")),
        Map.of("columns", List.of("kind"), "labelColumn", "kind"));
  }

  @Test
  void columnsAreStandardisedWithTheTrainingStatisticsAndLabelsNumbered() throws IOException {
    Path test = tmp.resolve("test.csv");
    Files.writeString(test, "x,y,kind\n3,0,c\n");
    Dataset d = provider().load(new CsvConfig(TABLE.toString(), test.toString(), 0.5, List.of("y", "x"), "kind", true, 0));
    assertEquals(List.of(5L, 2L), List.of(d.trainX().size(0), d.trainX().size(1)));
    assertEquals(0.0, d.trainX().mean(0).getDouble(0), 1e-6);
    assertEquals(1.0, d.trainX().std(false, 0).getDouble(1), 1e-6);
    // train y has mean 30, std sqrt(200); x mean 3: the test row (y=0, x=3) maps to (-30/sqrt(200), 0)
    assertEquals(-30 / Math.sqrt(200), d.testX().getDouble(0, 0), 1e-5);
    assertEquals(0.0, d.testX().getDouble(0, 1), 1e-6);
    assertArrayEquals(new int[] {0, 1, 0, 1, 0}, d.trainLabels());
    assertArrayEquals(new int[] {2}, d.testLabels());
    assertTrue(d.source().contains("y=30/14.1421"), d.source());
  }

  @Test
  void theHeldOutSplitTakesTheFractionAndIsReproducible() {
    Dataset d = provider().load(smallConfig());
    assertEquals(3, d.trainX().size(0));
    assertEquals(2, d.testX().size(0));
    assertEquals(2, d.valuesPerExample(), "the label column is not modelled");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      not a number  | 'x,y\\n1,2\\n3,abc\\n'   | line 3, column 'y': 'abc' is not a finite number
      missing value | 'x,y\\n1,2\\n,4\\n'      | line 3, column 'x': missing value
      infinite      | 'x,y\\n1,Infinity\\n'    | line 2, column 'y': 'Infinity' is not a finite number
      ragged row    | 'x,y\\n1,2\\n3\\n'       | headers has 2 elements, current line has 1
      header only   | 'x,y\\n'                 | no data rows after the header
      empty file    | ''                       | the file is empty
      """)
  void badTablesNameTheFileLineAndColumn(String what, String text, String expected) throws IOException {
    Path f = tmp.resolve("bad.csv");
    Files.writeString(f, text.replace("\\n", "\n"));
    ConfigException e = assertThrows(ConfigException.class,
        () -> provider().load(new CsvConfig(f.toString(), "", 0.5, List.of(), "", true, 0)));
    assertTrue(e.getMessage().startsWith("dataset.trainFile: " + f), e.getMessage());
    assertTrue(e.getMessage().contains(expected), what + ": " + e.getMessage());
  }

  @Test
  void unknownColumnsAndMissingFilesAreNamed() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> provider().load(new CsvConfig(TABLE.toString(), "", 0.5, List.of("z"), "", true, 0)));
    assertTrue(e.getMessage().contains("no column 'z'; the header has [x, y, kind]"), e.getMessage());
    e = assertThrows(ConfigException.class,
        () -> provider().load(new CsvConfig("/no/such.csv", "", 0.5, List.of(), "", true, 0)));
    assertEquals("dataset.trainFile: /no/such.csv does not exist", e.getMessage());
  }
}
