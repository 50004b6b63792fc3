package io.github.agentledger.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void quickstartRunsEndToEndInATemporaryDirectoryItNames() throws IOException {
    int status = run("quickstart");

    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(status).isZero();
    assertThat(printed).startsWith("agentledger 0.1.0").contains("Done. Look around: git -C ");
    Path workDir = printedDirectory(printed, "agentledger quickstart in (\\S+)");
    try {
      assertThat(workDir.resolve("repo/.git")).isDirectory();
      assertThat(workDir.resolve("segments")).isDirectory();
    } finally {
      deleteRecursively(workDir);
    }
  }

  @Test
  void crashRecoveryRuns() throws IOException {
    int status = run("crash-recovery");

    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(status).isZero();
    assertThat(printed).contains("4. reopened writer repaired the tail");
    deleteRecursively(printedDirectory(printed, "working in (\\S+)"));
  }

  @Test
  void forkRuns() throws IOException {
    int status = run("fork");

    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(status).isZero();
    assertThat(printed).contains("4. origin of the fork: FORK").contains("FORKED_AFTER_APPEND");
    deleteRecursively(printedDirectory(printed, "working in (\\S+)"));
  }

  @Test
  void rotationRuns() throws IOException {
    int status = run("rotation");

    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(status).isZero();
    assertThat(printed).contains("2. archived generation 2: 3 checkpoints");
    deleteRecursively(printedDirectory(printed, "working in (\\S+)"));
  }

  @Test
  void syncRuns() throws IOException {
    int status = run("sync");

    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(status).isZero();
    assertThat(printed).contains("RECOVERED");
    deleteRecursively(printedDirectory(printed, "working in (\\S+)"));
  }

  @Test
  void inspectIsDispatchedWithItsArguments() {
    assertThat(run("inspect")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: inspect <repo>");
    assertThat(run("inspect", "/nonexistent/agentledger-repo")).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("/nonexistent/agentledger-repo is not a directory");
  }

  @Test
  void helpListsEveryCommand() {
    assertThat(run("help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("quickstart", "crash-recovery",
        "rotation", "conversation", "fork", "sync", "inspect <repo>", "inspect segment");
  }

  @Test
  void noCommandPrintsUsage() {
    assertThat(run()).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage:").contains("quickstart");
  }

  @Test
  void unknownCommandIsAUsageError() {
    int status = run("frobnicate");

    assertThat(status).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("frobnicate").contains("quickstart");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  private int run(String... args) {
    return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private static Path printedDirectory(String printed, String regex) {
    Matcher matcher = Pattern.compile(regex).matcher(printed);
    assertThat(matcher.find()).as("printed %s", regex).isTrue();
    return Path.of(matcher.group(1));
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
