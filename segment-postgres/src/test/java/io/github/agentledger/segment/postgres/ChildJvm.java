package io.github.agentledger.segment.postgres;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A child JVM running a main class of the test class path; its stdout is read line by line. */
final class ChildJvm implements AutoCloseable {
  private final Process process;
  private final BufferedReader out;
  private final Path errFile;

  private ChildJvm(Process process, Path errFile) {
    this.process = process;
    this.errFile = errFile;
    this.out = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  /** Starts {@code mainClass} with {@code args}; stderr goes to {@code errFile}. */
  static ChildJvm start(Class<?> mainClass, Path errFile, String... args) {
    return start(mainClass, errFile, List.of("-Xmx64m"), args);
  }

  /** Starts {@code mainClass} with JVM options (the heap) and {@code args}. */
  static ChildJvm start(Class<?> mainClass, Path errFile, List<String> jvmOptions,
      String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
    command.addAll(List.of(args));
    try {
      return new ChildJvm(new ProcessBuilder(command).redirectError(errFile.toFile()).start(),
          errFile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@return the next stdout line, or empty at the end of the stream} */
  Optional<String> readLine() {
    try {
      return Optional.ofNullable(out.readLine());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@return the next stdout line}; fails, showing stderr, at the end of the stream */
  String expectLine() {
    return readLine().orElseThrow(() -> new AssertionError(
        "child ended without output; stderr:\n" + stderr()));
  }

  /**
   * Sends SIGKILL and waits until the process is gone; through the process handle, so that our
   * end of its stdout stays open for the lines it printed before dying.
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
