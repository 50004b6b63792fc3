package io.github.agentledger.checkpoint.jgit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test helper that runs git: hermetic environment, stdin, failures that explain. */
class GitCliTest {
  private static final Instant DATE = Instant.parse("2026-03-04T05:06:07Z");

  @TempDir Path temp;

  @BeforeAll
  static void needsGit() {
    Assumptions.assumeTrue(GitCli.isAvailable(),
        "the git command line is not installed: GitCli tests need it");
  }

  private GitCli initialised() throws Exception {
    Path repo = Files.createDirectories(temp.resolve("repo"));
    GitCli git = GitCli.in(repo, temp.resolve("home"), DATE);
    git.text("init", "-q", "-b", "main");
    return git;
  }

  @Test
  void feedsStandardInputAndReturnsStandardOutput() throws Exception {
    GitCli git = initialised();

    String blob = git.textWithInput("hello\n".getBytes(UTF_8), "hash-object", "-w", "--stdin");

    assertThat(blob).isEqualTo("ce013625030ba8dba906f756967f9e9ca394464a");
    assertThat(git.run(new byte[0], "cat-file", "blob", blob)).isEqualTo("hello\n".getBytes(UTF_8));
  }

  @Test
  void commitsWithTheFixedIdentityAndDateAndNoUserConfiguration() throws Exception {
    GitCli git = initialised();
    String tree = git.textWithInput(new byte[0], "mktree");

    String commit = git.textWithInput("msg".getBytes(UTF_8), "commit-tree", tree);

    assertThat(git.text("log", "-1", "--format=%an <%ae> %at|%cn <%ce> %ct", commit))
        .isEqualTo("Fixture Author <fixture@agentledger.test> " + DATE.getEpochSecond()
            + "|Fixture Author <fixture@agentledger.test> " + DATE.getEpochSecond());
    assertThat(git.at(DATE.plusSeconds(1)).textWithInput("m".getBytes(UTF_8), "commit-tree", tree))
        .isNotEqualTo(commit);
    assertThat(git.text("config", "--list", "--show-origin")).doesNotContain("global")
        .doesNotContain("system");
  }

  @Test
  void failsWithGitsOwnErrorMessageAndTheCommand() throws Exception {
    GitCli git = initialised();

    assertThatThrownBy(() -> git.text("cat-file", "-p", "no-such-object"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("git cat-file -p no-such-object")
        .hasMessageContaining("exited with")
        .hasMessageContaining("no-such-object")
        .hasMessageContaining(temp.resolve("repo").toString());
  }
}
