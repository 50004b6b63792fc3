package io.github.agentledger.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.memory.ChatMemory;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import io.github.agentledger.segment.ProcessUnderTest;
import io.github.agentledger.segment.SegmentLockedException;
import io.github.agentledger.segment.jsonl.Durability;
import io.github.agentledger.segment.jsonl.JsonlSegmentStore;
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
 * Threads and processes sharing one memory id through the adapter: threads of one store all keep
 * their messages; a second store, in another JVM or this one, gets the typed lock error and
 * writes nothing until the holder closes; a JVM killed while it adds messages leaves every
 * acknowledged one in the log.
 */
class ChatMemoryProcessTest {
  private static final int RUNS = Integer.getInteger("agentledger.stress.crashRuns", 5);

  @TempDir Path dir;

  private JsonlSegmentStore jsonl() {
    return JsonlSegmentStore.open(dir.resolve("log"), Durability.FSYNC_EACH);
  }

  @Test
  void twoThreadsAddingToOneMemoryIdBothKeepEveryMessageInTheLog() throws Exception {
    int perThread = 25;
    try (SegmentChatMemoryStore store = SegmentChatMemoryStore.over(jsonl())) {
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
          int thread = t;
          done.add(pool.submit(() -> {
            ChatMemory memory = MessageWindowChatMemory.builder()
                .id("shared").maxMessages(10).chatMemoryStore(store).build();
            start.await();
            for (int i = 0; i < perThread; i++) {
              memory.add(UserMessage.from("t" + thread + " m" + i));
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
      assertThat(store.getMessages("shared")).hasSizeLessThanOrEqualTo(10);
    }

    List<String> texts = ProcessUnderTest.historyTexts(jsonl(), "shared");
    for (int t = 0; t < 2; t++) {
      for (int i = 0; i < perThread; i++) {
        assertThat(texts).contains("t" + t + " m" + i);
      }
    }
  }

  @Test
  void aSecondStoreInThisJvmGetsTheLockErrorWritesNothingAndSucceedsAfterTheHolderCloses() {
    SegmentChatMemoryStore holder = SegmentChatMemoryStore.over(jsonl());
    holder.updateMessages("busy", List.of(UserMessage.from("first")));
    JsonlSegmentStore otherLog = jsonl();
    try (SegmentChatMemoryStore other = SegmentChatMemoryStore.over(otherLog)) {
      assertThatThrownBy(
              () -> other.updateMessages("busy", List.of(UserMessage.from("second"))))
          .isInstanceOf(SegmentLockedException.class);

      holder.close();
      assertThat(other.getMessages("busy")).containsExactly(UserMessage.from("first"));
      List<ChatMessage> next = new ArrayList<>(other.getMessages("busy"));
      next.add(UserMessage.from("second"));
      other.updateMessages("busy", next);
    }
    assertThat(ProcessUnderTest.historyTexts(jsonl(), "busy")).containsExactly("first", "second");
  }

  @Test
  void anotherJvmHoldingTheMemoryIdMakesThisOneFailTypedUntilItCloses() {
    try (ProcessUnderTest child = ProcessUnderTest.launch(MemoryChildMain.class,
            dir.resolve("hold.err"), dir.resolve("log").toString(), "held-id", "hold");
        SegmentChatMemoryStore store = SegmentChatMemoryStore.over(jsonl())) {
      assertThat(child.awaitLine()).isEqualTo("held");

      assertThatThrownBy(
              () -> store.updateMessages("held-id", List.of(UserMessage.from("mine"))))
          .isInstanceOf(SegmentLockedException.class);

      child.tell("release");
      assertThat(child.awaitLine()).isEqualTo("closed");
      List<ChatMessage> messages = new ArrayList<>(store.getMessages("held-id"));
      assertThat(messages).containsExactly(UserMessage.from("held by the child"));
      messages.add(UserMessage.from("mine"));
      store.updateMessages("held-id", messages);
    }
    assertThat(ProcessUnderTest.historyTexts(jsonl(), "held-id")).containsExactly("held by the child", "mine");
  }

  @Test
  void aJvmKilledWhileAddingLeavesEveryAcknowledgedMessageAndTheMemoryReopens() {
    SplittableRandom random = new SplittableRandom(16);
    for (int run = 0; run < RUNS; run++) {
      String id = "crash-" + run;
      int killAfter = random.nextInt(3, 60);
      int acked;
      try (ProcessUnderTest child = ProcessUnderTest.launch(MemoryChildMain.class,
          dir.resolve(id + ".err"), dir.resolve("log").toString(), id, "append")) {
        acked = child.sigkillAfter(killAfter).size() - 1;
      }
      String context = "run " + run + ", killed after " + killAfter + " acknowledged messages";

      List<String> texts = ProcessUnderTest.historyTexts(jsonl(), id);
      for (int i = 0; i <= acked; i++) {
        assertThat(texts).as(context).contains(MemoryChildMain.text(i));
      }
      assertThat(texts).as(context).doesNotHaveDuplicates();
      try (SegmentChatMemoryStore store = SegmentChatMemoryStore.over(jsonl())) {
        ChatMemory memory = MessageWindowChatMemory.builder()
            .id(id).maxMessages(20).chatMemoryStore(store).build();
        memory.add(UserMessage.from("after the crash"));
        assertThat(memory.messages()).last().isEqualTo(UserMessage.from("after the crash"));
      }
    }
  }
}
