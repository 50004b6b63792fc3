package io.github.agentledger.segment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A main class of the test class path run in its own JVM, for the process-level tests of modules
 * that depend on this test jar (the framework adapters): lines in through stdin, lines out through
 * stdout, stderr kept in a file for failure messages, and SIGKILL that still lets the parent read
 * what the child printed before it died.
 */
public final class ProcessUnderTest implements AutoCloseable {
  private final Process process;
  private final BufferedReader lines;
  private final OutputStream stdin;
  private final Path stderr;

  private ProcessUnderTest(Process process, Path stderr) {
    this.process = process;
    this.stderr = stderr;
    this.lines =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    this.stdin = process.getOutputStream();
  }

  /**
   * Starts {@code main} with the test class path and a small, fast-starting JVM.
   *
   * @param main the class whose {@code main} runs
   * @param stderr where the child's standard error goes
   * @param args its arguments
   * @return the running child
   */
  public static ProcessUnderTest launch(Class<?> main, Path stderr, String... args) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m",
        "-cp", System.getProperty("java.class.path"), main.getName()));
    command.addAll(List.of(args));
    try {
      return new ProcessUnderTest(
          new ProcessBuilder(command).redirectError(stderr.toFile()).start(), stderr);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@return the child's next line of output; empty once it ended} */
  public Optional<String> nextLine() {
    try {
      return Optional.ofNullable(lines.readLine());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@return the child's next line of output; an assertion error with its stderr if it ended} */
  public String awaitLine() {
    return nextLine().orElseThrow(
        () -> new AssertionError("the child ended; its stderr:\n" + errors()));
  }

  /** Sends one line to the child's stdin. */
  public void tell(String line) {
    try {
      stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      stdin.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Kills the child with SIGKILL through its handle (its stdout stays readable) and waits. */
  public void sigkill() {
    process.toHandle().destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for the killed child", e);
    }
  }

  /**
   * Reads {@code count} lines, each a write the child acknowledged, then kills the child and reads
   * the lines it printed before it died (acknowledged too).
   *
   * @param count the lines to read before the kill
   * @return every line read, in order
   */
  public List<String> sigkillAfter(int count) {
    List<String> acknowledged = new ArrayList<>();
    while (acknowledged.size() < count) {
      acknowledged.add(awaitLine());
    }
    sigkill();
    for (Optional<String> line = nextLine(); line.isPresent(); line = nextLine()) {
      acknowledged.add(line.get());
    }
    return acknowledged;
  }

  /**
   * {@return the text of every message in the history of the conversation a key names, in order}
   *
   * @param store the store
   * @param key the conversation's key
   */
  public static List<String> historyTexts(SegmentStore store, String key) {
    try (Conversation log = Conversation.open(store, ConversationKey.of(key))) {
      List<String> texts = new ArrayList<>();
      for (HistoryItem item : log.history()) {
        if (item instanceof HistoryItem.Message m) {
          texts.add(m.text());
        }
      }
      return texts;
    }
  }

  /** {@return what the child wrote to stderr so far} */
  public String errors() {
    try {
      return Files.readString(stderr);
    } catch (IOException e) {
      return "(stderr unreadable: " + e + ")";
    }
  }

  /** Kills the child if it still runs. */
  @Override
  public void close() {
    if (process.isAlive()) {
      sigkill();
    }
  }
}
