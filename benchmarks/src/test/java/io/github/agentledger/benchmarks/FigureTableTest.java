package io.github.agentledger.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;

/** The figures table has the README's shape, and every pair names real benchmark methods. */
class FigureTableTest {
  private static final FigureTable.Run RUN = new FigureTable.Run(
      Instant.parse("2026-12-06T15:40:00Z"), "Linux 6.1 amd64, 2 cores, Java 17", "quick",
      "19.0 before, 21.5 after");

  @Test
  void rendersOneRowPerClaimWithItsParameterRunsJoinedInEveryColumn() {
    FigureTable.Row write = new FigureTable.Row("checkpoint write, 200 KB transcript",
        "minimal JGit at zlib level 1", List.of("existing"), List.of(
            new FigureTable.Measured("100", 6.04, 5.8, "ms/op", false),
            new FigureTable.Measured("1000", 6.4, 5.91, "ms/op", false)));
    FigureTable.Row append = new FigureTable.Row("segment append, `NONE`",
        "gson + `FileChannel.write`", List.of(), List.of(
            new FigureTable.Measured("", 130_412, 123_000, "ops/s", true)));
    FigureTable.Row notRun = new FigureTable.Row("not run", "", List.of(), List.of());

    String table = FigureTable.render(RUN, List.of(write, append, notRun));

    assertThat(table).isEqualTo("Figures quick, 2026-12-06 15:40 UTC, Linux 6.1 amd64, 2 cores,"
        + " Java 17, load average 19.0 before, 21.5 after (speed ratio = how many times faster"
        + " than the baseline; below 1 = slower):\n\n"
        + "| what | ours | baseline | ratio |\n"
        + "|---|---|---|---|\n"
        + "| checkpoint write, 200 KB transcript, existing = 100 / 1000 | 6.04 / 6.40 ms"
        + " | minimal JGit at zlib level 1, 5.80 / 5.91 ms | 0.96 / 0.92 |\n"
        + "| segment append, `NONE` | 130 000/s | gson + `FileChannel.write`, 123 000/s"
        + " | 1.06 |\n");
  }

  @Test
  void aPipeInAClaimIsEscapedSoTheRowKeepsFourCells() {
    FigureTable.Row row = new FigureTable.Row("a | b", "c", List.of(), List.of(
        new FigureTable.Measured("", 2, 1, "ms/op", false)));

    String line = FigureTable.render(RUN, List.of(row)).lines().reduce((a, b) -> b)
        .orElseThrow();

    assertThat(line).isEqualTo("| a \\| b | 2.00 ms | c, 1.00 ms | 0.50 |");
  }

  @Test
  void numbersHaveThreeSignificantDigitsAndGroupedThousands() {
    assertThat(FigureTable.number(0.07942)).isEqualTo("0.0794");
    assertThat(FigureTable.number(12.03)).isEqualTo("12.0");
    assertThat(FigureTable.number(758.4)).isEqualTo("758");
    assertThat(FigureTable.number(1727.4)).isEqualTo("1 730");
    assertThat(FigureTable.number(16_452)).isEqualTo("16 500");
    assertThat(FigureTable.number(1_234_567)).isEqualTo("1 230 000");
    assertThat(FigureTable.unit("ms/op")).isEqualTo(" ms");
    assertThat(FigureTable.unit("ops/s")).isEqualTo("/s");
  }

  @Test
  void theColumnsAreTheReadmesFiguresTableColumns() throws IOException {
    List<String> readme = Files.readAllLines(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    String columns = FigureTable.COLUMNS.lines().findFirst().orElseThrow();

    int benchmarks = readme.indexOf("## Benchmarks");
    assertThat(benchmarks).isNotNegative();
    assertThat(readme.subList(benchmarks, readme.size())).contains(columns);
  }

  @Test
  void everyPairNamesTwoBenchmarkMethodsOfItsClass() throws ClassNotFoundException {
    for (Figures.Pair pair : Figures.PAIRS) {
      Class<?> benchmark = Class.forName(
          Figures.class.getPackageName() + "." + pair.benchmarkClass());
      for (String method : List.of(pair.ours(), pair.baseline())) {
        assertThat(List.of(benchmark.getMethods()))
            .as("%s.%s", pair.benchmarkClass(), method)
            .anyMatch(m -> m.getName().equals(method) && m.isAnnotationPresent(Benchmark.class));
      }
    }
  }

  @Test
  void theLevelOneFloorPairsAreInTheTable() {
    assertThat(Figures.PAIRS).filteredOn(pair -> pair.baseline().equals("minimalJGitLevel1"))
        .extracting(Figures.Pair::benchmarkClass)
        .contains("CheckpointWriteBenchmark", "GitRefsScaleBenchmark",
            "V2WriteAcrossRotationsBenchmark");
  }
}
