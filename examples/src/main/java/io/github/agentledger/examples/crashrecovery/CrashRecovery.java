package io.github.agentledger.examples.crashrecovery;

import io.github.agentledger.segment.ContentPart;
import io.github.agentledger.segment.CorruptSegmentException;
import io.github.agentledger.segment.HistoryItem;
import io.github.agentledger.segment.IdGenerator;
import io.github.agentledger.segment.InvokeTrigger;
import io.github.agentledger.segment.LogEntry;
import io.github.agentledger.segment.RequestConfig;
import io.github.agentledger.segment.RestoredState;
import io.github.agentledger.segment.Role;
import io.github.agentledger.segment.SegmentId;
import io.github.agentledger.segment.SegmentStore;
import io.github.agentledger.segment.SegmentWriter;
import io.github.agentledger.segment.SessionId;
import io.github.agentledger.segment.UserSegment;
import io.github.agentledger.segment.jsonl.Durability;
import io.github.agentledger.segment.jsonl.JsonlSegmentStore;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Crash recovery: a process dies in the middle of writing a line; the half-written line (a torn
 * tail) is never read, and the next writer cuts it off before it appends.
 *
 * <p>The crash is simulated by appending half a JSON line to the segment file with plain file
 * I/O, which is exactly what a process killed mid-write leaves behind. The example then shows the
 * difference between a torn tail (repaired silently: it was never committed) and a complete line
 * that does not parse (corruption: reported with file, line and byte offset, never skipped).
 *
 * <p>Run it with {@code java -jar examples/target/agentledger-examples.jar crash-recovery}. Not
 * thread-safe: one run at a time per working directory.
 */
public final class CrashRecovery {
  static final String TORN_TAIL = "{\"kind\":\"user_input\",\"ts\":17000,\"segments\":[{\"ty";

  private CrashRecovery() {}

  /**
   * Runs the example in a new temporary directory and prints what it does.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    try {
      run(Files.createTempDirectory("agentledger-crash-recovery-"), System.out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory", e);
    }
  }

  /**
   * Runs the example with its segment store in {@code workDir}.
   *
   * @param workDir an empty directory, kept afterwards
   * @param out where the example says what it does
   * @return the state restored after the repair and one more append
   * @throws UncheckedIOException if a file cannot be read or written
   */
  public static RestoredState run(Path workDir, PrintStream out) {
    Objects.requireNonNull(workDir, "workDir");
    Objects.requireNonNull(out, "out");
    try {
      return runIn(workDir, out);
    } catch (IOException e) {
      throw new UncheckedIOException("crash recovery example failed in " + workDir, e);
    }
  }

  private static RestoredState runIn(Path workDir, PrintStream out) throws IOException {
    Clock clock = Clock.systemUTC();
    SegmentStore store = JsonlSegmentStore.open(workDir, Durability.FSYNC_EACH);
    IdGenerator ids = IdGenerator.system();
    SessionId sessionId = ids.newSessionId();
    SegmentId segmentId = ids.newSegmentId();
    Path file = workDir.resolve(sessionId.toString()).resolve(segmentId + ".jsonl");

    store.create(sessionId, segmentId, List.of(LogEntry.SegmentStart.fresh(
        clock.millis(), sessionId, Optional.empty(), RequestConfig.defaults(), List.of())));
    long ts = clock.millis();
    store.append(sessionId, segmentId, List.of(
        new LogEntry.Invoke(ts, InvokeTrigger.USER_SEND),
        new LogEntry.UserInput(ts, List.of(new UserSegment.Text("What is 2 + 2?")), List.of()),
        new LogEntry.AssistantItem(ts, HistoryItem.Message.text(Role.ASSISTANT, "4")),
        new LogEntry.TurnEnd(ts, 1)));
    long committedBytes = Files.size(file);
    out.println("1. committed " + store.entryCount(sessionId, segmentId) + " entries, "
        + committedBytes + " bytes: " + file);

    // The process "dies" halfway through its next line: bytes without a closing newline.
    Files.writeString(file, TORN_TAIL, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    out.println("2. crash: a torn tail of " + (Files.size(file) - committedBytes)
        + " bytes follows the last newline");

    // Readers never see it: a line is committed only once its newline is on disk.
    RestoredState beforeRepair = store.restore(sessionId, segmentId);
    out.println("3. readers ignore it: " + beforeRepair.entryCount() + " entries, "
        + beforeRepair.turnCount() + " turn");

    // Reopening a writer cuts the torn tail off, then appends after the last committed line.
    try (SegmentWriter writer = store.openWriter(sessionId, segmentId)) {
      out.println("4. reopened writer repaired the tail: file back to " + Files.size(file)
          + " bytes, " + writer.entryCount() + " entries");
      writer.append(writer.entryCount(), List.of(
          new LogEntry.Invoke(ts, InvokeTrigger.USER_SEND),
          new LogEntry.UserInput(ts, List.of(new UserSegment.Text("And 3 + 3?")), List.of()),
          new LogEntry.AssistantItem(ts, HistoryItem.Message.text(Role.ASSISTANT, "6")),
          new LogEntry.TurnEnd(ts, 2)));
    }
    RestoredState restored = store.restore(sessionId, segmentId);
    out.println("5. after one more turn: " + restored.entryCount() + " entries, "
        + restored.turnCount() + " turns, last answer \""
        + lastText(restored.history()) + "\"");

    // A complete line that does not parse is corruption: reported, never skipped. Shown on a copy.
    Path copyRoot = workDir.resolve("corrupted-copy");
    Path copy = copyRoot.resolve(sessionId.toString()).resolve(segmentId + ".jsonl");
    Files.createDirectories(copy.getParent());
    Files.copy(file, copy);
    Files.writeString(copy, "not json\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    try {
      JsonlSegmentStore.open(copyRoot, Durability.FSYNC_EACH).restore(sessionId, segmentId);
      out.println("6. unexpected: a corrupt line was accepted");
    } catch (CorruptSegmentException e) {
      out.println("6. a complete line that is not JSON is corruption, reported and never skipped:"
          + " line " + e.lineNumber() + ", byte " + e.byteOffset());
    }
    return restored;
  }

  private static String lastText(List<HistoryItem> history) {
    for (int i = history.size() - 1; i >= 0; i--) {
      if (history.get(i) instanceof HistoryItem.Message message
          && !message.content().isEmpty()
          && message.content().get(0) instanceof ContentPart.Text t) {
        return t.text();
      }
    }
    return "";
  }
}
