package io.github.agentledger.segment.jsonl;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A child JVM running a main class from the test class path, talked to through its stdin and
 * stdout (stderr goes to a file, shown when something fails).
 */
final class ChildJvm implements AutoCloseable {
  private final Process process;
  private final BufferedReader out;
  private final Writer in;
  private final Path errFile;

  private ChildJvm(Process process, Path errFile) {
    this.process = process;
    this.errFile = errFile;
    this.out = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    this.in = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
  }

  static ChildJvm start(Class<?> mainClass, Path errFile, String... args) {
    return start(mainClass, errFile, List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"), args);
  }

  /** Starts {@code mainClass} with the given JVM options (heap size, GC) before the class path. */
  static ChildJvm start(Class<?> mainClass, Path errFile, List<String> jvmOptions,
      String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass.getName());
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command)
          .redirectError(errFile.toFile())
          .start();
      return new ChildJvm(process, errFile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@return the next stdout line, or empty at end of stream} */
  Optional<String> readLine() {
    try {
      return Optional.ofNullable(out.readLine());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@return the next stdout line; fails, showing stderr, at end of stream} */
  String expectLine() {
    return readLine().orElseThrow(() -> new AssertionError(
        "child ended without output; stderr:\n" + stderr()));
  }

  void send(String line) {
    try {
      in.write(line + "\n");
      in.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void closeStdin() {
    try {
      in.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Sends SIGKILL (on Linux) and waits for the process to be gone. Goes through the process
   * handle because {@code Process.destroyForcibly()} also closes our end of the child's stdout,
   * and the lines it printed just before dying must still be read.
   */
  void kill() {
    process.toHandle().destroyForcibly();
    waitFor();
  }

  int waitFor() {
    try {
      return process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  String stderr() {
    try {
      return Files.exists(errFile) ? Files.readString(errFile) : "";
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      kill();
    }
  }
}
