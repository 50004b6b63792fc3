package io.github.agentledger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the command as a process whose {@code PATH} starts with a {@code git} that records how it
 * was called and then runs the real one, and checks which commands make JGit look for git's
 * system-wide configuration.
 */
class SystemConfigSkipTest {
  @TempDir Path dir;
  private Path repo;
  private Path calls;
  private Path bin;

  @BeforeEach
  void setUp() throws Exception {
    assumeTrue(GitCli.available(), "needs git on the PATH");
    repo = dir.resolve("repo");
    try (Git git = Git.init().setDirectory(repo.toFile()).call()) {
      // an empty repository: the commands still open it and read its configuration
    }
    calls = dir.resolve("git-calls.txt");
    Files.createFile(calls);
    bin = dir.resolve("bin");
    Files.createDirectories(bin);
    Path script = bin.resolve("git");
    Files.writeString(script, "#!/bin/sh\necho \"$*\" >> '" + calls + "'\n"
        + "PATH=\"$REAL_PATH\" exec git \"$@\"\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @Test
  void listAndShowDoNotRunGitToFindTheSystemConfiguration() throws Exception {
    run("checkpoints", "list", "--repo", repo.toString());
    run("checkpoints", "show", "0123456789ab", "--repo", repo.toString());

    assertThat(Files.readAllLines(calls)).isEmpty();
  }

  @Test
  void otherCommandsStillReadIt() throws Exception {
    run("checkpoints", "verify", "--repo", repo.toString());

    assertThat(Files.readAllLines(calls)).anyMatch(line -> line.contains("--system"));
  }

  @Test
  void onlyListAndShowApply() {
    assertThat(SystemConfigSkip.applies(new String[] {"checkpoints", "list"})).isTrue();
    assertThat(SystemConfigSkip.applies(new String[] {"checkpoints", "show", "x"})).isTrue();
    assertThat(SystemConfigSkip.applies(new String[] {"checkpoints", "verify"})).isFalse();
    assertThat(SystemConfigSkip.applies(new String[] {"sync", "push"})).isFalse();
    assertThat(SystemConfigSkip.applies(new String[] {"checkpoints"})).isFalse();
    assertThat(SystemConfigSkip.applies(new String[] {"list", "checkpoints"})).isFalse();
  }

  private void run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve("out.txt").toFile());
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    builder.environment().put("REAL_PATH", path);
    builder.environment().put("PATH", bin + ":" + path);
    builder.environment().remove("GIT_CONFIG_NOSYSTEM");
    builder.environment().put("HOME", dir.toString());
    Process process = builder.start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the command finished").isTrue();
  }
}
