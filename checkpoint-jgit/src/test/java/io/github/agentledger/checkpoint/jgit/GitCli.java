package io.github.agentledger.checkpoint.jgit;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@code git} command line in one directory with a fixed, hermetic environment: author
 * and committer name, email and date are set, {@code HOME} and {@code XDG_CONFIG_HOME} point into
 * a private directory and {@code GIT_CONFIG_NOSYSTEM=1}, so the user's and the system's git
 * configuration never leak into a test. Used to build repositories independently of JGit.
 *
 * <p>Immutable; {@link #at(Instant)} returns a copy with another commit date.
 */
public final class GitCli {
  public static final String AUTHOR_NAME = "Fixture Author";
  public static final String AUTHOR_EMAIL = "fixture@agentledger.test";
  private static final long TIMEOUT_SECONDS = 60;

  private final Path directory;
  private final Path home;
  private final Instant date;

  private GitCli(Path directory, Path home, Instant date) {
    this.directory = Objects.requireNonNull(directory, "directory");
    this.home = Objects.requireNonNull(home, "home");
    this.date = Objects.requireNonNull(date, "date");
  }

  /**
   * A runner for {@code directory}, with its private home in {@code home} (created if missing).
   */
  public static GitCli in(Path directory, Path home, Instant date) {
    try {
      Files.createDirectories(home);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create git home " + home, e);
    }
    return new GitCli(directory, home, date);
  }

  /** {@return a copy whose author and committer dates are {@code newDate}} */
  public GitCli at(Instant newDate) {
    return new GitCli(directory, home, newDate);
  }

  /** {@return the directory git runs in} */
  public Path directory() {
    return directory;
  }

  /** {@return whether a {@code git} executable answers {@code git --version}} */
  public static boolean isAvailable() {
    try {
      Process process = new ProcessBuilder("git", "--version").redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      return process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Runs git with no input; returns standard output decoded as UTF-8, trailing newline cut. */
  public String text(String... args) {
    return trimNewline(new String(run(new byte[0], args), UTF_8));
  }

  /** Runs git with {@code stdin}; returns standard output as UTF-8, trailing newline cut. */
  public String textWithInput(byte[] stdin, String... args) {
    return trimNewline(new String(run(stdin, args), UTF_8));
  }

  /**
   * Runs git with {@code stdin} as standard input and returns its standard output.
   *
   * @throws IllegalStateException when git exits with a non-zero status, naming the command, the
   *     directory, the status and git's standard error
   */
  public byte[] run(byte[] stdin, String... args) {
    List<String> command = new ArrayList<>();
    command.add("git");
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> name.startsWith("GIT_"));
    env.put("HOME", home.toString());
    env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    env.put("GIT_TERMINAL_PROMPT", "0");
    env.put("LC_ALL", "C");
    env.put("TZ", "UTC");
    String gitDate = date.getEpochSecond() + " +0000";
    env.put("GIT_AUTHOR_NAME", AUTHOR_NAME);
    env.put("GIT_AUTHOR_EMAIL", AUTHOR_EMAIL);
    env.put("GIT_AUTHOR_DATE", gitDate);
    env.put("GIT_COMMITTER_NAME", AUTHOR_NAME);
    env.put("GIT_COMMITTER_EMAIL", AUTHOR_EMAIL);
    env.put("GIT_COMMITTER_DATE", gitDate);
    try {
      Process process = builder.start();
      CompletableFuture<Void> feeder = CompletableFuture.runAsync(() -> write(process, stdin));
      CompletableFuture<byte[]> errors =
          CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
      byte[] out = readAll(process.getInputStream());
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(describe(command) + " did not finish in "
            + TIMEOUT_SECONDS + " s");
      }
      feeder.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      String stderr = new String(errors.get(TIMEOUT_SECONDS, TimeUnit.SECONDS), UTF_8);
      if (process.exitValue() != 0) {
        throw new IllegalStateException(describe(command) + " exited with "
            + process.exitValue() + ": " + stderr.strip());
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + describe(command), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + describe(command), e);
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("cannot talk to " + describe(command), e);
    }
  }

  private String describe(List<String> command) {
    return String.join(" ", command) + " (in " + directory + ")";
  }

  private static void write(Process process, byte[] stdin) {
    try (OutputStream in = process.getOutputStream()) {
      in.write(stdin);
    } catch (IOException e) {
      // git may exit before reading all input (e.g. on error); its status tells the story.
    }
  }

  private static byte[] readAll(InputStream stream) {
    try (stream) {
      return stream.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String trimNewline(String text) {
    return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
  }
}
