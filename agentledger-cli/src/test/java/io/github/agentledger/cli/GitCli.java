package io.github.agentledger.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Runs the {@code git} command line in one repository, so that test repositories are laid out by
 * git itself, independently of the JGit code under test. Not thread-safe.
 */
final class GitCli {
  private final Path dir;

  GitCli(Path dir) {
    this.dir = dir;
  }

  /** {@return whether a {@code git} executable answers on the PATH} */
  static boolean available() {
    try {
      Process process = new ProcessBuilder("git", "--version").redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      return process.waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Runs git with {@code input} on its standard input; returns its trimmed standard output. */
  String run(byte[] input, String... args) {
    List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> env = builder.environment();
    env.put("GIT_AUTHOR_NAME", "Entire Fixture");
    env.put("GIT_AUTHOR_EMAIL", "fixture@example.com");
    env.put("GIT_COMMITTER_NAME", "Entire Fixture");
    env.put("GIT_COMMITTER_EMAIL", "fixture@example.com");
    env.put("GIT_AUTHOR_DATE", "2026-01-02T03:04:05Z");
    env.put("GIT_COMMITTER_DATE", "2026-01-02T03:04:05Z");
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    env.put("HOME", dir.toString());
    try {
      Process process = builder.start();
      CompletableFuture<byte[]> stderr = CompletableFuture.supplyAsync(() -> readAll(
          process.getErrorStream()));
      try (OutputStream stdin = process.getOutputStream()) {
        stdin.write(input);
      }
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int status = process.waitFor();
      if (status != 0) {
        throw new IllegalStateException("git " + String.join(" ", args) + " exited " + status
            + ": " + new String(stderr.join(), StandardCharsets.UTF_8));
      }
      return out.trim();
    } catch (IOException e) {
      throw new IllegalStateException("cannot run git " + String.join(" ", args), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running git " + String.join(" ", args), e);
    }
  }

  String run(String... args) {
    return run(new byte[0], args);
  }

  private static byte[] readAll(InputStream in) {
    try {
      return in.readAllBytes();
    } catch (IOException e) {
      return new byte[0];
    }
  }
}
