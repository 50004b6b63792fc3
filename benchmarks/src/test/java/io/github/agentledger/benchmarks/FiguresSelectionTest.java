package io.github.agentledger.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class FiguresSelectionTest {
  private static final String PACKAGE = "io.github.agentledger.benchmarks.";

  @Test
  void aClassNameStillPicksEveryPairOfThatClass() {
    List<Figures.Pair> pairs = Figures.select("RedactionShareBenchmark");

    assertThat(pairs).isNotEmpty()
        .allMatch(pair -> pair.benchmarkClass().equals("RedactionShareBenchmark"));
    assertThat(pairs).hasSize((int) Figures.PAIRS.stream()
        .filter(pair -> pair.benchmarkClass().equals("RedactionShareBenchmark")).count());
  }

  @Test
  void aPairNamePicksThatPairOnly() {
    List<Figures.Pair> pairs =
        Figures.select("CheckpointWriteBenchmark\\.store/minimalJGitLevel1$");

    assertThat(pairs).singleElement().satisfies(pair -> {
      assertThat(pair.ours()).isEqualTo("store");
      assertThat(pair.baseline()).isEqualTo("minimalJGitLevel1");
    });
  }

  @Test
  void theIncludeMatchesExactlyTheTwoMethodsOfEachPair() {
    Pattern include = Pattern.compile(
        Figures.include(Figures.select("CheckpointWriteBenchmark\\.store/minimalJGitLevel1$")));

    assertThat(include.matcher(PACKAGE + "CheckpointWriteBenchmark.store").find()).isTrue();
    assertThat(include.matcher(PACKAGE + "CheckpointWriteBenchmark.minimalJGitLevel1").find())
        .isTrue();
    assertThat(include.matcher(PACKAGE + "CheckpointWriteBenchmark.storeV2").find()).isFalse();
    assertThat(include.matcher(PACKAGE + "CheckpointWriteBenchmark.storeWithDefaultRedactor")
        .find()).isFalse();
    assertThat(include.matcher(PACKAGE + "CheckpointWriteBenchmark.minimalJGit").find())
        .isFalse();
  }

  @Test
  void noMatchSelectsNothing() {
    assertThat(Figures.select("NoSuchBenchmark")).isEmpty();
  }
}
