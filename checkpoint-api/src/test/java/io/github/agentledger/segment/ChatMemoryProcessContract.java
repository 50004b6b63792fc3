package io.github.agentledger.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Threads and processes sharing one memory id through a framework adapter, run for each adapter
 * by subclassing (with the framework's own window memory): threads of one adapter all keep their
 * messages in the log; a second adapter, in this JVM or another, gets {@link
 * SegmentLockedException} and writes nothing until the holder closes; a JVM killed while it adds
 * messages leaves every acknowledged one in the log, and the memory reopens.
 */
public abstract class ChatMemoryProcessContract {
  private static final int RUNS = Integer.getInteger("agentledger.stress.crashRuns", 5);

  /** A framework's chat memory over a store, as these tests drive it. */
  protected interface FrameworkMemory extends AutoCloseable {
    /**
     * Adds a user message through the framework's window memory of 10 messages.
     *
     * @param memoryId the memory id
     * @param text the message's text
     */
    void add(String memoryId, String text);

    /**
     * {@return the texts of the messages the adapter gives the framework for a memory id}
     *
     * @param memoryId the memory id
     */
    List<String> visibleTexts(String memoryId);

    /** Closes the adapter, releasing its conversations. */
    @Override
    void close();
  }

  /**
   * {@return the framework's adapter over a store}
   *
   * @param store the store
   */
  protected abstract FrameworkMemory open(SegmentStore store);

  /**
   * {@return the child main: arguments store directory, memory id, and {@code hold} (add the
   * message {@code "held by the child"}, print {@code held}, wait for a stdin line, close, print
   * {@code closed}) or {@code append} (add the messages {@link #text(int)} for i = 0, 1, … through
   * a window memory of 20, printing i once each {@code add} returned)}
   */
  protected abstract Class<?> childMain();

  /** The directory of the test's store. */
  @TempDir protected Path dir;

  /**
   * {@return the {@code i}th message text a child in {@code append} mode adds: a question when
   * {@code i} is even, an answer when odd}
   *
   * @param i the index
   */
  public static String text(int i) {
    return (i % 2 == 0 ? "question " : "answer ") + i;
  }

  /** {@return a store on the test's directory; an application would open one per process} */
  protected abstract SegmentStore newStore(Path directory);

  private SegmentStore store() {
    return newStore(dir.resolve("log"));
  }

  @Test
  void twoThreadsAddingToOneMemoryIdBothKeepEveryMessageInTheLog() throws Exception {
    int perThread = 25;
    try (FrameworkMemory memory = open(store())) {
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
          int thread = t;
          done.add(pool.submit(() -> {
            start.await();
            for (int i = 0; i < perThread; i++) {
              memory.add("shared", "t" + thread + " m" + i);
            }
            return null;
          }));
        }
        start.countDown();
        for (Future<?> f : done) {
          f.get(120, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(memory.visibleTexts("shared")).hasSizeLessThanOrEqualTo(10);
    }

    List<String> texts = ProcessUnderTest.historyTexts(store(), "shared");
    for (int t = 0; t < 2; t++) {
      for (int i = 0; i < perThread; i++) {
        assertThat(texts).contains("t" + t + " m" + i);
      }
    }
  }

  @Test
  void aSecondAdapterInThisJvmGetsTheLockErrorWritesNothingAndSucceedsAfterTheHolderCloses() {
    FrameworkMemory holder = open(store());
    holder.add("busy", "first");
    try (FrameworkMemory other = open(store())) {
      assertThatThrownBy(() -> other.add("busy", "second"))
          .isInstanceOf(SegmentLockedException.class);

      holder.close();
      assertThat(other.visibleTexts("busy")).containsExactly("first");
      other.add("busy", "second");
    }
    assertThat(ProcessUnderTest.historyTexts(store(), "busy")).containsExactly("first", "second");
  }

  @Test
  void anotherJvmHoldingTheMemoryIdMakesThisOneFailTypedUntilItCloses() {
    try (ProcessUnderTest child = ProcessUnderTest.launch(childMain(), dir.resolve("hold.err"),
            dir.resolve("log").toString(), "held-id", "hold");
        FrameworkMemory memory = open(store())) {
      assertThat(child.awaitLine()).isEqualTo("held");

      assertThatThrownBy(() -> memory.add("held-id", "mine"))
          .isInstanceOf(SegmentLockedException.class);

      child.tell("release");
      assertThat(child.awaitLine()).isEqualTo("closed");
      assertThat(memory.visibleTexts("held-id")).containsExactly("held by the child");
      memory.add("held-id", "mine");
    }
    assertThat(ProcessUnderTest.historyTexts(store(), "held-id"))
        .containsExactly("held by the child", "mine");
  }

  @Test
  void aJvmKilledWhileAddingLeavesEveryAcknowledgedMessageAndTheMemoryReopens() {
    SplittableRandom random = new SplittableRandom(16);
    for (int run = 0; run < RUNS; run++) {
      String id = "crash-" + run;
      int killAfter = random.nextInt(3, 60);
      int acked;
      try (ProcessUnderTest child = ProcessUnderTest.launch(childMain(),
          dir.resolve(id + ".err"), dir.resolve("log").toString(), id, "append")) {
        acked = child.sigkillAfter(killAfter).size() - 1;
      }
      String context = "run " + run + ", killed after " + killAfter + " acknowledged messages";

      List<String> texts = ProcessUnderTest.historyTexts(store(), id);
      for (int i = 0; i <= acked; i++) {
        assertThat(texts).as(context).contains(text(i));
      }
      assertThat(texts).as(context).doesNotHaveDuplicates();
      try (FrameworkMemory memory = open(store())) {
        memory.add(id, "after the crash");
        assertThat(memory.visibleTexts(id)).as(context).last().isEqualTo("after the crash");
      }
    }
  }
}
