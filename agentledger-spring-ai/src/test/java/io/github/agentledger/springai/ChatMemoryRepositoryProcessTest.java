package io.github.agentledger.springai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.memory.MessageWindowChatMemory;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.UserMessage;

/**
 * Threads and processes sharing one conversation id through the repository: threads of one
 * repository all keep their messages; a second repository, in another JVM or this one, gets the
 * typed lock error and writes nothing until the holder closes; a JVM killed while it adds
 * messages leaves every acknowledged one in the log.
 */
class ChatMemoryRepositoryProcessTest {
  private static final int RUNS = Integer.getInteger("agentledger.stress.crashRuns", 5);

  @TempDir Path dir;

  private JsonlSegmentStore jsonl() {
    return JsonlSegmentStore.open(dir.resolve("log"), Durability.FSYNC_EACH);
  }

  private static List<String> texts(List<Message> messages) {
    return messages.stream().map(Message::getText).toList();
  }

  @Test
  void twoThreadsAddingToOneConversationBothKeepEveryMessageInTheLog() throws Exception {
    int perThread = 25;
    try (SegmentChatMemoryRepository repository = SegmentChatMemoryRepository.over(jsonl())) {
      ChatMemory memory = MessageWindowChatMemory.builder()
          .chatMemoryRepository(repository).maxMessages(10).build();
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
          int thread = t;
          done.add(pool.submit(() -> {
            start.await();
            for (int i = 0; i < perThread; i++) {
              memory.add("shared", new UserMessage("t" + thread + " m" + i));
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
      assertThat(repository.findByConversationId("shared")).hasSizeLessThanOrEqualTo(10);
    }

    List<String> texts = ProcessUnderTest.historyTexts(jsonl(), "shared");
    for (int t = 0; t < 2; t++) {
      for (int i = 0; i < perThread; i++) {
        assertThat(texts).contains("t" + t + " m" + i);
      }
    }
  }

  @Test
  void aSecondRepositoryInThisJvmGetsTheLockErrorWritesNothingAndSucceedsAfterTheHolderCloses() {
    SegmentChatMemoryRepository holder = SegmentChatMemoryRepository.over(jsonl());
    holder.saveAll("busy", List.of(new UserMessage("first")));
    try (SegmentChatMemoryRepository other = SegmentChatMemoryRepository.over(jsonl())) {
      assertThatThrownBy(() -> other.saveAll("busy", List.of(new UserMessage("second"))))
          .isInstanceOf(SegmentLockedException.class);

      holder.close();
      List<Message> next = new ArrayList<>(other.findByConversationId("busy"));
      assertThat(texts(next)).containsExactly("first");
      next.add(new UserMessage("second"));
      other.saveAll("busy", next);
    }
    assertThat(ProcessUnderTest.historyTexts(jsonl(), "busy")).containsExactly("first", "second");
  }

  @Test
  void anotherJvmHoldingTheConversationMakesThisOneFailTypedUntilItCloses() {
    try (ProcessUnderTest child = ProcessUnderTest.launch(RepositoryChildMain.class,
            dir.resolve("hold.err"), dir.resolve("log").toString(), "held-id", "hold");
        SegmentChatMemoryRepository repository = SegmentChatMemoryRepository.over(jsonl())) {
      assertThat(child.awaitLine()).isEqualTo("held");

      assertThatThrownBy(() -> repository.saveAll("held-id", List.of(new UserMessage("mine"))))
          .isInstanceOf(SegmentLockedException.class);

      child.tell("release");
      assertThat(child.awaitLine()).isEqualTo("closed");
      List<Message> messages = new ArrayList<>(repository.findByConversationId("held-id"));
      assertThat(texts(messages)).containsExactly("held by the child");
      messages.add(new UserMessage("mine"));
      repository.saveAll("held-id", messages);
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
      try (ProcessUnderTest child = ProcessUnderTest.launch(RepositoryChildMain.class,
          dir.resolve(id + ".err"), dir.resolve("log").toString(), id, "append")) {
        acked = child.sigkillAfter(killAfter).size() - 1;
      }
      String context = "run " + run + ", killed after " + killAfter + " acknowledged messages";

      List<String> texts = ProcessUnderTest.historyTexts(jsonl(), id);
      for (int i = 0; i <= acked; i++) {
        assertThat(texts).as(context).contains(RepositoryChildMain.text(i));
      }
      assertThat(texts).as(context).doesNotHaveDuplicates();
      try (SegmentChatMemoryRepository repository = SegmentChatMemoryRepository.over(jsonl())) {
        ChatMemory memory = MessageWindowChatMemory.builder()
            .chatMemoryRepository(repository).maxMessages(20).build();
        memory.add(id, new UserMessage("after the crash"));
        assertThat(texts(memory.get(id))).last().isEqualTo("after the crash");
      }
    }
  }
}
