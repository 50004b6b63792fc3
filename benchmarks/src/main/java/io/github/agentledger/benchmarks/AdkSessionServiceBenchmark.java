package io.github.agentledger.benchmarks;

import com.google.adk.events.Event;
import com.google.adk.events.EventActions;
import com.google.adk.sessions.BaseSessionService;
import com.google.adk.sessions.InMemorySessionService;
import com.google.adk.sessions.Session;
import com.google.genai.types.Content;
import com.google.genai.types.Part;
import io.github.agentledger.adk.SegmentSessionService;
import io.github.agentledger.segment.jsonl.Durability;
import io.github.agentledger.segment.jsonl.JsonlSegmentStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
 * "Append one event to an ADK session of {@code events} events" through {@code appendEvent}, the
 * call ADK's {@code Runner} makes for every event of a run: the agentledger adapter ({@code
 * adkSegment}, a JSONL store with durability {@code NONE}: written to the OS, not forced) against
 * ADK's {@link InMemorySessionService} ({@code adkInMemory}, nothing persisted: the floor).
 *
 * <p>A session cannot shrink, so each measured iteration starts on a fresh session filled to
 * {@code events} events and appends a batch of {@value #BATCH} events to it (single-shot batches):
 * the session holds {@code events} to {@code events + }{@value #BATCH} events while measured.
 * Divide a score by {@value #BATCH} for one append. Each event carries a text part and a
 * session-scoped state change.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 20, batchSize = AdkSessionServiceBenchmark.BATCH)
@Measurement(iterations = 10, batchSize = AdkSessionServiceBenchmark.BATCH)
public class AdkSessionServiceBenchmark {
  /** The appends of one measured batch. */
  static final int BATCH = 100;

  private static final String APP = "bench-app";
  private static final String USER = "bench-user";

  @Param({"10", "100", "1000", "10000"})
  public int events;

  private Path dir;
  private SegmentSessionService segment;
  private InMemorySessionService memory;
  private Session segmentSession;
  private Session memorySession;
  private long counter;

  /** Opens the services. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("agentledger-adk");
    segment = SegmentSessionService.over(JsonlSegmentStore.open(dir, Durability.NONE));
    memory = new InMemorySessionService();
  }

  /** Creates a fresh session in each service and fills it to {@code events} events. */
  @Setup(Level.Iteration)
  public void fill() {
    segmentSession = fresh(segment);
    memorySession = fresh(memory);
  }

  private Session fresh(BaseSessionService service) {
    Session session =
        service.createSession(APP, USER, null, "s-" + counter++).blockingGet();
    for (int i = 0; i < events; i++) {
      var unused = service.appendEvent(session, event()).blockingGet();
    }
    return session;
  }

  /** Closes the services and deletes the directory. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    segment.close();
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** {@return the appended event} */
  @Benchmark
  public Event adkSegment() {
    return segment.appendEvent(segmentSession, event()).blockingGet();
  }

  /** {@return the appended event} */
  @Benchmark
  public Event adkInMemory() {
    return memory.appendEvent(memorySession, event()).blockingGet();
  }

  private Event event() {
    long i = counter++;
    return Event.builder()
        .id("e-" + i)
        .invocationId("inv-" + i / 4)
        .author(i % 2 == 0 ? "user" : "assistant")
        .timestamp(1_765_000_000_000L + i)
        .content(
            Content.builder()
                .role(i % 2 == 0 ? "user" : "model")
                .parts(Part.fromText("message " + i + ": what does the session log keep?"))
                .build())
        .actions(
            EventActions.builder()
                .stateDelta(new ConcurrentHashMap<>(Map.of("turn", i)))
                .build())
        .build();
  }
}
