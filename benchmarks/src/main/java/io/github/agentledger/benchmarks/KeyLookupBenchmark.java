package io.github.agentledger.benchmarks;

import io.github.agentledger.segment.Conversation;
import io.github.agentledger.segment.ConversationKey;
import io.github.agentledger.segment.ConversationOptions;
import io.github.agentledger.segment.ExtensionPayload;
import io.github.agentledger.segment.IdGenerator;
import io.github.agentledger.segment.JsonText;
import io.github.agentledger.segment.LogEntry;
import io.github.agentledger.segment.RestoredState;
import io.github.agentledger.segment.SegmentId;
import io.github.agentledger.segment.SessionId;
import io.github.agentledger.segment.jsonl.Durability;
import io.github.agentledger.segment.jsonl.JsonlSegmentStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Finding a conversation by its key among {@value #CONVERSATIONS} conversations (each created
 * through {@link Conversation}, with two turns).
 *
 * <ul>
 *   <li>{@code lookupKey}: {@link JsonlSegmentStore#lookupKey}, one index file;
 *   <li>{@code baselineReplaySessions}: what an adapter without keys does, the key kept as an
 *       {@code extension} entry of its conversation: list the sessions and replay each until the
 *       one holding the key is found.
 * </ul>
 *
 * <p>The store lives in {@code /dev/shm} when there is one (a RAM disk: creating 10 000 sessions
 * on a real disk forces each, and the set-up would take minutes), so the figures compare the
 * work, not the disk. Keys are drawn at random.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class KeyLookupBenchmark {
  static final int CONVERSATIONS = 10_000;
  private static final String DOMAIN = "adapter.memory_id";

  private final SplittableRandom random = new SplittableRandom(17);
  private Path dir;
  private JsonlSegmentStore store;

  /** Creates the conversations. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    Path shm = Path.of("/dev/shm");
    dir = Files.isDirectory(shm) && Files.isWritable(shm)
        ? Files.createTempDirectory(shm, "agentledger-keys")
        : Files.createTempDirectory("agentledger-keys");
    store = JsonlSegmentStore.open(dir, Durability.NONE);
    Clock clock = Clock.systemUTC();
    ConversationOptions options = ConversationOptions.defaults()
        .withTime(clock, IdGenerator.create(clock, new SplittableRandom(2)));
    for (int i = 0; i < CONVERSATIONS; i++) {
      String key = "user-" + i + "/chat";
      try (Conversation conversation = Conversation.open(store, ConversationKey.of(key), options)) {
        conversation.appendUserMessage("hello " + i);
        conversation.appendAssistantMessage("hi");
        conversation.endTurn();
        SessionId session = conversation.segment().sessionId();
        SegmentId segment = conversation.segment().segmentId();
        conversation.close();
        store.append(session, segment, List.of(new LogEntry.Extension(0,
            new ExtensionPayload(DOMAIN, JsonText.of("\"" + key + "\"")))));
      }
    }
  }

  /** Removes the store. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  private String randomKey() {
    return "user-" + random.nextInt(CONVERSATIONS) + "/chat";
  }

  /** {@return the session of a random key}, through the store's index. */
  @Benchmark
  public Optional<SessionId> lookupKey() {
    return store.lookupKey(ConversationKey.of(randomKey()));
  }

  /** {@return the session of a random key}, by replaying sessions until one holds it. */
  @Benchmark
  public Optional<SessionId> baselineReplaySessions() {
    JsonText wanted = JsonText.of("\"" + randomKey() + "\"");
    for (SessionId session : store.listSessions()) {
      for (SegmentId segment : store.listSegments(session)) {
        RestoredState state = store.restore(session, segment);
        if (wanted.equals(state.latestExtensions().get(DOMAIN))) {
          return Optional.of(session);
        }
      }
    }
    return Optional.empty();
  }
}
