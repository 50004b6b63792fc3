package io.github.agentledger.checkpoint.jgit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code git} command line in a repository, isolated from the user's and the
 * system's configuration, for interoperability tests.
 */
public final class GitProcess {
  /** The outcome of one git command. */
  public record Result(int exitCode, String stdout, String stderr) {}

  private GitProcess() {}

  public static Result run(Path workDir, String... args) {
    List<String> command = new ArrayList<>();
    command.add("git");
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
    Map<String, String> env = builder.environment();
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    env.put("GIT_CONFIG_GLOBAL", "/dev/null");
    env.put("HOME", workDir.toString());
    env.put("GIT_AUTHOR_NAME", "Git Cli");
    env.put("GIT_AUTHOR_EMAIL", "cli@example.com");
    env.put("GIT_COMMITTER_NAME", "Git Cli");
    env.put("GIT_COMMITTER_EMAIL", "cli@example.com");
    env.put("GIT_AUTHOR_DATE", "2026-05-01T10:00:00Z");
    env.put("GIT_COMMITTER_DATE", "2026-05-01T10:00:00Z");
    try {
      Process process = builder.start();
      process.getOutputStream().close();
      byte[] out = process.getInputStream().readAllBytes();
      byte[] err = process.getErrorStream().readAllBytes();
      if (!process.waitFor(2, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException("git " + String.join(" ", args) + " timed out");
      }
      return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8),
          new String(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Runs git and returns its standard output, failing on a non-zero exit. */
  public static String ok(Path workDir, String... args) {
    Result result = run(workDir, args);
    if (result.exitCode() != 0) {
      throw new AssertionError("git " + String.join(" ", args) + " exited " + result.exitCode()
          + ": " + result.stderr());
    }
    return result.stdout();
  }
}
