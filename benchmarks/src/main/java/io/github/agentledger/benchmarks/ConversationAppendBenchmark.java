package io.github.agentledger.benchmarks;

import io.github.agentledger.segment.Conversation;
import io.github.agentledger.segment.ConversationKey;
import io.github.agentledger.segment.ConversationOptions;
import io.github.agentledger.segment.HistoryItem;
import io.github.agentledger.segment.IdGenerator;
import io.github.agentledger.segment.InvokeTrigger;
import io.github.agentledger.segment.LogEntry;
import io.github.agentledger.segment.Role;
import io.github.agentledger.segment.RunResult;
import io.github.agentledger.segment.SegmentRef;
import io.github.agentledger.segment.SegmentWriter;
import io.github.agentledger.segment.UserSegment;
import io.github.agentledger.segment.jsonl.Durability;
import io.github.agentledger.segment.jsonl.JsonlSegmentStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One turn (a user message, an assistant message, the end of the turn: three appends, five
 * entries) through {@link Conversation}, on a conversation already holding {@code existingEntries}
 * entries: the cost must be flat in the conversation's length, since the state is kept live.
 *
 * <ul>
 *   <li>{@code conversationTurn}: through {@link Conversation} (turn bookkeeping, live state);
 *   <li>{@code baselineWriterTurn}: the same five entries in the same three appends through a bare
 *       {@link SegmentWriter} of the same store, with the caller counting turns.
 * </ul>
 *
 * <p>Durability {@code NONE}, so the figure is the library's cost, not the disk's. Each iteration
 * starts from fresh conversations filled to {@code existingEntries}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class ConversationAppendBenchmark {
  @Param({"10", "1000", "100000"})
  public int existingEntries;

  private final IdGenerator ids = IdGenerator.create(Clock.systemUTC(), new SplittableRandom(8));
  private Path dir;
  private JsonlSegmentStore store;
  private Conversation conversation;
  private SegmentWriter writer;
  private long baselineTurns;
  private int iteration;

  /** Creates the store directory. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("agentledger-conversation");
    store = JsonlSegmentStore.open(dir, Durability.NONE);
  }

  /** Fills a conversation and a bare segment to {@code existingEntries} entries. */
  @Setup(Level.Iteration)
  public void fill() {
    iteration++;
    ConversationOptions options = ConversationOptions.defaults()
        .withTime(Clock.systemUTC(), ids).withSystemPrompt("You are a benchmark.");
    conversation = Conversation.open(store, ConversationKey.of("bench-" + iteration), options);
    // A turn is five entries after the segment_start; state() would copy the history each time.
    for (long entries = 1; entries + 5 <= existingEntries; entries += 5) {
      conversationTurn();
    }
    Conversation bare =
        Conversation.open(store, ConversationKey.of("baseline-" + iteration), options);
    SegmentRef at = bare.segment();
    bare.close();
    writer = store.openWriter(at.sessionId(), at.segmentId());
    baselineTurns = 0;
    while (writer.entryCount() + 5 <= existingEntries) {
      baselineWriterTurn();
    }
  }

  /** Closes the iteration's writers. */
  @TearDown(Level.Iteration)
  public void close() {
    conversation.close();
    writer.close();
  }

  /** Removes the directory. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  /** {@return the turn count} after one turn through {@link Conversation}. */
  @Benchmark
  public long conversationTurn() {
    conversation.appendUserMessage("What does this function do?");
    conversation.appendAssistantMessage("It parses the configuration and validates each key.");
    return conversation.endTurn();
  }

  /** {@return the entry count} after the same entries through a bare writer. */
  @Benchmark
  public long baselineWriterTurn() {
    long ts = System.currentTimeMillis();
    writer.append(List.of(
        new LogEntry.Invoke(ts, InvokeTrigger.USER_SEND),
        new LogEntry.UserInput(ts, List.of(new UserSegment.Text("What does this function do?")),
            List.of())));
    writer.append(List.of(new LogEntry.AssistantItem(ts, HistoryItem.Message.text(
        Role.ASSISTANT, "It parses the configuration and validates each key."))));
    baselineTurns++;
    return writer.append(List.of(
        new LogEntry.TurnEnd(ts, baselineTurns),
        new LogEntry.RunCompleted(ts, false, RunResult.FINISHED)));
  }
}
