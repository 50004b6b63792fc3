package io.github.agentledger.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MainTest {

  @Test
  void quickstartPrintsTheVersionAndFindsEveryModule() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int status = Main.run(new String[] {"quickstart"}, print(out), print(err));

    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(status).isZero();
    assertThat(printed).startsWith("agentledger 0.1.0");
    assertThat(printed)
        .contains("module checkpoint-api: found")
        .contains("module checkpoint-jgit: found")
        .contains("module segment-log: found")
        .doesNotContain("missing");
  }

  @Test
  void unknownCommandIsAUsageError() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int status = Main.run(new String[] {"frobnicate"}, print(new ByteArrayOutputStream()), print(err));

    assertThat(status).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("frobnicate").contains("quickstart");
  }

  private static PrintStream print(ByteArrayOutputStream sink) {
    return new PrintStream(sink, true, StandardCharsets.UTF_8);
  }
}
