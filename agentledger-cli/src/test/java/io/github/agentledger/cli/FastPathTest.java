package io.github.agentledger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.agentledger.checkpoint.jgit.CheckpointLayout;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fast path for the hot read commands prints exactly what picocli's path prints, with the
 * same status, for every command line it takes; and hands every other command line (help, usage
 * errors, argument files, repeated or unknown options, an ambiguous id prefix) to picocli. Each
 * command line runs both ways on repositories in several layouts, laid out by the library and by
 * git plumbing as the Entire CLI leaves them.
 */
class FastPathTest {
  @TempDir
  static Path dir;

  private static String dual;
  private static String v2;
  private static String gitRefs;
  private static String notRepo;

  @BeforeAll
  static void repositories() throws Exception {
    assumeTrue(GitCli.available(), "git is on the PATH");
    dual = dir.resolve("dual").toString();
    LibraryRepository.write(dir.resolve("dual"), CheckpointLayout.DUAL_WRITE,
        CheckpointCommandsTest.IDS, "agent", 2);
    v2 = dir.resolve("v2").toString();
    Files.createDirectories(dir.resolve("v2"));
    EntireV2Fixture.write(dir.resolve("v2"));
    gitRefs = dir.resolve("git-refs").toString();
    EntireGitRefsFixture.write(dir.resolve("git-refs"), false);
    notRepo = Files.createDirectories(dir.resolve("not-a-repo")).toString();
  }

  /** Command lines the fast path runs itself. */
  private static List<String[]> plain() {
    List<String[]> lines = new ArrayList<>();
    lines.add(new String[] {"--version"});
    lines.add(new String[] {"-V"});
    for (String repo : List.of(dual, v2, gitRefs)) {
      lines.add(new String[] {"checkpoints", "list", "--repo", repo});
      lines.add(new String[] {"checkpoints", "list", "--json", "--repo", repo});
      lines.add(new String[] {"checkpoints", "list", "--repo=" + repo, "-q", "--json"});
      lines.add(new String[] {"checkpoints", "list", "--layout", "V1", "--repo", repo});
      lines.add(new String[] {"checkpoints", "list", "--layout=V2", "--quiet", "--repo", repo});
      lines.add(new String[] {"checkpoints", "show", "ffffffffffff", "--repo", repo});
      lines.add(new String[] {"checkpoints", "show", "zz", "--json", "--repo", repo});
    }
    lines.add(new String[] {"checkpoints", "show", "bb0000000003", "--repo", dual});
    lines.add(new String[] {"checkpoints", "show", "--repo", dual, "BB", "--json"});
    lines.add(new String[] {"checkpoints", "show", "aa0000000002", "--transcript-lines", "0",
        "--sessions=1", "--layout", "V1", "--repo", dual});
    lines.add(new String[] {"checkpoints", "show", EntireV2Fixture.ARCHIVED, "--repo", v2});
    lines.add(new String[] {"checkpoints", "show", "c0ff", "--json", "--repo", v2});
    lines.add(new String[] {"checkpoints", "show", EntireGitRefsFixture.ULID, "--repo", gitRefs});
    lines.add(new String[] {"checkpoints", "list", "--repo", notRepo});
    lines.add(new String[] {"checkpoints", "list", "--repo", dir.resolve("missing").toString()});
    lines.add(new String[] {"checkpoints", "show", "aa", "--repo", notRepo});
    return lines;
  }

  /** Command lines the fast path hands to picocli. */
  private static List<String[]> handedOver() {
    List<String[]> lines = new ArrayList<>();
    lines.add(new String[] {});
    lines.add(new String[] {"--version", "extra"});
    lines.add(new String[] {"--help"});
    lines.add(new String[] {"checkpoints"});
    lines.add(new String[] {"checkpoints", "generations", "--repo", v2});
    lines.add(new String[] {"checkpoints", "list", "--help"});
    lines.add(new String[] {"checkpoints", "list", "-h"});
    lines.add(new String[] {"checkpoints", "list", "--version"});
    lines.add(new String[] {"checkpoints", "list", "--bogus", "--repo", dual});
    lines.add(new String[] {"checkpoints", "list", "extra", "--repo", dual});
    lines.add(new String[] {"checkpoints", "list", "--repo", dual, "--repo", dual});
    lines.add(new String[] {"checkpoints", "list", "-q", "--quiet", "--repo", dual});
    lines.add(new String[] {"checkpoints", "list", "--json", "--json", "--repo", dual});
    lines.add(new String[] {"checkpoints", "list", "--json=true", "--repo", dual});
    lines.add(new String[] {"checkpoints", "list", "--layout", "v1", "--repo", dual});
    lines.add(new String[] {"checkpoints", "list", "--layout", "NOPE", "--repo", dual});
    lines.add(new String[] {"checkpoints", "list", "--repo"});
    lines.add(new String[] {"checkpoints", "list", "--repo", "--json"});
    lines.add(new String[] {"checkpoints", "list", "--repo="});
    lines.add(new String[] {"checkpoints", "list", "--", "--repo", dual});
    lines.add(new String[] {"checkpoints", "list", "@" + dir.resolve("no-such-args-file")});
    lines.add(new String[] {"checkpoints", "list", "-qj", "--repo", dual});
    lines.add(new String[] {"checkpoints", "show", "--repo", dual});
    lines.add(new String[] {"checkpoints", "show", "aa", "--repo", dual});
    lines.add(new String[] {"checkpoints", "show", "a-b", "--repo", dual});
    lines.add(new String[] {"checkpoints", "show", "aa0000000001", "bb0000000003", "--repo",
        dual});
    lines.add(new String[] {"checkpoints", "show", "bb", "--sessions", "x", "--repo", dual});
    lines.add(new String[] {"checkpoints", "show", "bb", "--sessions", "-1", "--repo", dual});
    lines.add(new String[] {"checkpoints", "show", "bb", "--sessions", "010", "--repo", dual});
    lines.add(new String[] {"checkpoints", "list", "--sessions", "1", "--repo", dual});
    lines.add(new String[] {"checkpoints", "show", "-x", "--repo", dual});
    return lines;
  }

  @Test
  void everyPlainCommandLinePrintsWhatPicocliPrintsWithItsStatus() {
    for (String[] args : plain()) {
      assertThat(FastPath.run(args, sink(), sink())).as(String.join(" ", args)).isPresent();
      assertSameBothWays(args);
    }
  }

  @Test
  void everyOtherCommandLineIsHandedToPicocliUnchanged() {
    for (String[] args : handedOver()) {
      ByteArrayOutputStream printed = new ByteArrayOutputStream();
      PrintWriter writer = new PrintWriter(printed, true, StandardCharsets.UTF_8);
      assertThat(FastPath.run(args, writer, writer)).as(String.join(" ", args)).isEmpty();
      assertThat(printed.size()).as("printed before handing over").isZero();
      assertSameBothWays(args);
    }
  }

  @Test
  void theHotCommandsKeepTheirStatuses() {
    assertThat(Cli.run("checkpoints", "list", "--repo", dual).status()).isEqualTo(0);
    assertThat(Cli.run("checkpoints", "show", "ffffffffffff", "--repo", dual).status())
        .isEqualTo(1);
    assertThat(Cli.run("checkpoints", "show", "aa", "--repo", dual).status()).isEqualTo(2);
    assertThat(Cli.run("checkpoints", "list", "--repo", dir.resolve("missing").toString())
        .status()).isEqualTo(3);
  }

  private static void assertSameBothWays(String[] args) {
    Cli fast = Cli.run(args);
    Cli picocli = Cli.runPicocli(args);
    assertThat(fast).as(String.join(" ", args)).isEqualTo(picocli);
  }

  private static PrintWriter sink() {
    return new PrintWriter(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
  }
}
