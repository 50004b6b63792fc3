package io.github.agentledger.benchmarks;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.store.memory.chat.InMemoryChatMemoryStore;
import io.github.agentledger.langchain4j.SegmentChatMemoryStore;
import io.github.agentledger.segment.jsonl.Durability;
import io.github.agentledger.segment.jsonl.JsonlSegmentStore;
import io.github.agentledger.springai.SegmentChatMemoryRepository;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
import org.springframework.ai.chat.memory.ChatMemoryRepository;
import org.springframework.ai.chat.memory.repository.jdbc.H2ChatMemoryRepositoryDialect;
import org.springframework.ai.chat.memory.repository.jdbc.JdbcChatMemoryRepository;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * "Append one message to a conversation of {@code messages} messages" through each framework's
 * store, the way their window memories call it: the store receives the whole window (the last
 * {@code messages} messages, the new one included) and must persist it.
 *
 * <ul>
 *   <li>{@code langchain4jSegment}: {@link SegmentChatMemoryStore#updateMessages} (appends one
 *       message and moves the window);
 *   <li>{@code langchain4jInMemory}: LangChain4j's {@link InMemoryChatMemoryStore}, the floor
 *       (nothing persisted);
 *   <li>{@code springAiSegment}: {@link SegmentChatMemoryRepository#saveAll};
 *   <li>{@code springAiJdbcH2}: Spring AI's {@link JdbcChatMemoryRepository} on an embedded H2
 *       file database (deletes and re-inserts the conversation on every save).
 * </ul>
 *
 * <p>The {@code …ViaMemory} variants go through each framework's own window memory instead
 * ({@code MessageWindowChatMemory.add}, which reads the store's messages, adds one, evicts the
 * oldest and writes the list back), which is how an application calls a store:
 *
 * <ul>
 *   <li>{@code langchain4jSegmentViaMemory} and {@code langchain4jInMemoryViaMemory};
 *   <li>{@code springAiSegmentViaMemory} and {@code springAiJdbcH2ViaMemory}.
 * </ul>
 *
 * <p>Segment stores run with durability {@code NONE} (written to the OS, not forced), which is what
 * H2's file database does on commit by default: neither figure measures the disk's fsync.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
public class ChatMemoryAdapterBenchmark {
  @Param({"10", "100", "1000", "10000"})
  public int messages;

  private static final String ID = "bench-conversation";

  private Path dir;
  private SegmentChatMemoryStore lc4jSegment;
  private InMemoryChatMemoryStore lc4jMemory;
  private SegmentChatMemoryRepository springSegment;
  private ChatMemoryRepository springJdbc;
  private SingleConnectionDataSource dataSource;
  private final ArrayDeque<ChatMessage> lc4jSegmentWindow = new ArrayDeque<>();
  private final ArrayDeque<ChatMessage> lc4jMemoryWindow = new ArrayDeque<>();
  private final ArrayDeque<Message> springSegmentWindow = new ArrayDeque<>();
  private final ArrayDeque<Message> springJdbcWindow = new ArrayDeque<>();
  private long counter;
  private dev.langchain4j.memory.ChatMemory lc4jSegmentMemory;
  private dev.langchain4j.memory.ChatMemory lc4jInMemoryMemory;
  private org.springframework.ai.chat.memory.ChatMemory springSegmentMemory;
  private org.springframework.ai.chat.memory.ChatMemory springJdbcMemory;

  /** Creates the stores and fills each conversation to {@code messages} messages. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("agentledger-adapters");
    lc4jSegment =
        SegmentChatMemoryStore.over(JsonlSegmentStore.open(dir.resolve("lc4j"), Durability.NONE));
    lc4jMemory = new InMemoryChatMemoryStore();
    springSegment =
        SegmentChatMemoryRepository.over(
            JsonlSegmentStore.open(dir.resolve("spring"), Durability.NONE));
    dataSource =
        new SingleConnectionDataSource(
            "jdbc:h2:file:" + dir.resolve("h2").resolve("memory") + ";DB_CLOSE_DELAY=-1", "sa", "",
            true);
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    try (InputStream schema =
        JdbcChatMemoryRepository.class.getResourceAsStream("schema-h2.sql")) {
      for (String statement :
          new String(schema.readAllBytes(), StandardCharsets.UTF_8).split(";")) {
        if (!statement.isBlank()) {
          jdbc.execute(statement);
        }
      }
    }
    springJdbc =
        JdbcChatMemoryRepository.builder()
            .jdbcTemplate(jdbc)
            .dialect(new H2ChatMemoryRepositoryDialect())
            .build();
    for (int i = 0; i < messages; i++) {
      lc4jSegmentWindow.add(lc4jMessage(i));
      lc4jMemoryWindow.add(lc4jMessage(i));
      springSegmentWindow.add(springMessage(i));
      springJdbcWindow.add(springMessage(i));
    }
    counter = messages;
    lc4jSegment.updateMessages(ID, new ArrayList<>(lc4jSegmentWindow));
    lc4jMemory.updateMessages(ID, new ArrayList<>(lc4jMemoryWindow));
    springSegment.saveAll(ID, new ArrayList<>(springSegmentWindow));
    springJdbc.saveAll(ID, new ArrayList<>(springJdbcWindow));
    lc4jSegmentMemory = MessageWindowChatMemory.builder()
        .id(ID).maxMessages(messages).chatMemoryStore(lc4jSegment).build();
    lc4jInMemoryMemory = MessageWindowChatMemory.builder()
        .id(ID).maxMessages(messages).chatMemoryStore(lc4jMemory).build();
    springSegmentMemory =
        org.springframework.ai.chat.memory.MessageWindowChatMemory.builder()
            .chatMemoryRepository(springSegment).maxMessages(messages).build();
    springJdbcMemory =
        org.springframework.ai.chat.memory.MessageWindowChatMemory.builder()
            .chatMemoryRepository(springJdbc).maxMessages(messages).build();
  }

  /** Closes the stores and deletes the directory. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    lc4jSegment.close();
    springSegment.close();
    dataSource.destroy();
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** {@return the window after one message is appended} */
  @Benchmark
  public List<ChatMessage> langchain4jSegment() {
    List<ChatMessage> window = slide(lc4jSegmentWindow, lc4jMessage(counter++));
    lc4jSegment.updateMessages(ID, window);
    return window;
  }

  /** {@return the window after one message is appended} */
  @Benchmark
  public List<ChatMessage> langchain4jInMemory() {
    List<ChatMessage> window = slide(lc4jMemoryWindow, lc4jMessage(counter++));
    lc4jMemory.updateMessages(ID, window);
    return window;
  }

  /** {@return the window after one message is appended} */
  @Benchmark
  public List<Message> springAiSegment() {
    List<Message> window = slide(springSegmentWindow, springMessage(counter++));
    springSegment.saveAll(ID, window);
    return window;
  }

  /** {@return the window after one message is appended} */
  @Benchmark
  public List<Message> springAiJdbcH2() {
    List<Message> window = slide(springJdbcWindow, springMessage(counter++));
    springJdbc.saveAll(ID, window);
    return window;
  }

  /** {@return the memory after one message is added through LangChain4j's window memory} */
  @Benchmark
  public dev.langchain4j.memory.ChatMemory langchain4jSegmentViaMemory() {
    lc4jSegmentMemory.add(lc4jMessage(counter++));
    return lc4jSegmentMemory;
  }

  /** {@return the memory after one message is added through LangChain4j's window memory} */
  @Benchmark
  public dev.langchain4j.memory.ChatMemory langchain4jInMemoryViaMemory() {
    lc4jInMemoryMemory.add(lc4jMessage(counter++));
    return lc4jInMemoryMemory;
  }

  /** {@return the memory after one message is added through Spring AI's window memory} */
  @Benchmark
  public org.springframework.ai.chat.memory.ChatMemory springAiSegmentViaMemory() {
    springSegmentMemory.add(ID, springMessage(counter++));
    return springSegmentMemory;
  }

  /** {@return the memory after one message is added through Spring AI's window memory} */
  @Benchmark
  public org.springframework.ai.chat.memory.ChatMemory springAiJdbcH2ViaMemory() {
    springJdbcMemory.add(ID, springMessage(counter++));
    return springJdbcMemory;
  }

  private static <T> List<T> slide(ArrayDeque<T> window, T message) {
    window.addLast(message);
    window.removeFirst();
    return new ArrayList<>(window);
  }

  private static ChatMessage lc4jMessage(long i) {
    return i % 2 == 0
        ? UserMessage.from("question " + i + ": what does the log keep?")
        : AiMessage.from("answer " + i + ": every message, appended once.");
  }

  private static Message springMessage(long i) {
    return i % 2 == 0
        ? new org.springframework.ai.chat.messages.UserMessage(
            "question " + i + ": what does the log keep?")
        : new AssistantMessage("answer " + i + ": every message, appended once.");
  }
}
