package io.github.agentledger.checkpoint.jgit.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PushQueueTest {
  private static final String A = "refs/entire/checkpoints/ZN/01KVBJCWYA4YW6J5M9GP655HZN";
  private static final String B = "refs/entire/checkpoints/f7/a3b2c4d5e6f7";

  @TempDir
  Path dir;

  @Test
  void queuedRefsReadBackOnceEachInFirstQueuedOrder() {
    PushQueue queue = PushQueue.in(dir);
    assertThat(queue.refs()).isEmpty();

    queue.enqueue(List.of(A, B));
    queue.enqueue(List.of(A));

    assertThat(queue.refs()).containsExactly(A, B);
    assertThat(PushQueue.in(dir).refs()).containsExactly(A, B);
  }

  @Test
  void removeIfDropsEveryEntryOfTheAcceptedRefsOnly() {
    PushQueue queue = PushQueue.in(dir);
    queue.enqueue(List.of(A, B, A));

    assertThat(queue.removeIf(A::equals)).containsExactly(A);

    assertThat(queue.refs()).containsExactly(B);
    assertThat(queue.removeIf(ref -> false)).isEmpty();
    assertThat(queue.refs()).containsExactly(B);
  }

  @Test
  void aTornLastLineIsSkippedAndFencedOffByTheNextAppend() throws Exception {
    PushQueue queue = PushQueue.in(dir);
    queue.enqueue(List.of(A));
    Files.writeString(queue.file(), "{\"ref\":\"refs/entire/checkpoints/ZZ/tor", UTF_8,
        StandardOpenOption.APPEND);

    assertThat(queue.refs()).containsExactly(A);
    queue.enqueue(List.of(B));

    assertThat(queue.refs()).containsExactly(A, B);
    assertThat(Files.readString(queue.file(), UTF_8)).endsWith("tor\n{\"ref\":\"" + B + "\"}\n");
  }

  @Test
  void linesThatAreNoRecordAreSkipped() throws Exception {
    Files.writeString(dir.resolve(PushQueue.FILE_NAME), "garbage\n{\"ref\":\"" + A + "\"}\n{}\n",
        UTF_8);

    assertThat(PushQueue.in(dir).refs()).containsExactly(A);
  }

  @Test
  void refNamesThatCannotBeStoredAreRejected() {
    assertThatThrownBy(() -> PushQueue.in(dir).enqueue(List.of("refs/x\"y")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("refs/x\"y");
    assertThat(Files.exists(dir.resolve(PushQueue.FILE_NAME))).isFalse();
  }

  @Test
  void aWriterKilledWithSigkillLosesNoAcknowledgedEntry() throws Exception {
    int runs = Integer.getInteger("agentledger.stress.crashRuns", 3);
    List<String> acknowledged = new ArrayList<>();
    for (int run = 0; run < runs; run++) {
      Process child = writer("k" + run, 1_000_000);
      try {
        BufferedReader out = reader(child);
        assertThat(out.readLine()).isEqualTo("ready");
        go(child);
        for (int i = 0; i < 20 + run * 7; i++) {
          acknowledged.add(out.readLine());
        }
      } finally {
        child.destroyForcibly(); // SIGKILL on Linux
        assertThat(child.waitFor(1, TimeUnit.MINUTES)).isTrue();
      }
      assertThat(PushQueue.in(dir).refs()).containsAll(acknowledged);
    }
    PushQueue.in(dir).enqueue(List.of(A));
    assertThat(PushQueue.in(dir).refs()).containsAll(acknowledged).contains(A);
  }

  @Test
  void concurrentWritersInTwoProcessesAndThisOneLoseNoEntry() throws Exception {
    int count = 200 * Integer.getInteger("agentledger.stress.scale", 1);
    Process first = writer("p1", count);
    Process second = writer("p2", count);
    try {
      BufferedReader out1 = reader(first);
      BufferedReader out2 = reader(second);
      assertThat(out1.readLine()).isEqualTo("ready");
      assertThat(out2.readLine()).isEqualTo("ready");
      go(first);
      go(second);
      PushQueue queue = PushQueue.in(dir);
      List<String> mine = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String ref = "refs/entire/checkpoints/me/me" + i;
        queue.enqueue(List.of(ref));
        mine.add(ref);
        if (i % 50 == 0) {
          queue.removeIf(ref::equals); // a confirmed push racing the writers
          mine.remove(ref);
        }
      }
      assertThat(first.waitFor(2, TimeUnit.MINUTES)).isTrue();
      assertThat(second.waitFor(2, TimeUnit.MINUTES)).isTrue();
      List<String> refs = queue.refs();
      assertThat(refs).containsAll(mine).hasSize(mine.size() + 2 * count);
      for (int i = 0; i < count; i++) {
        assertThat(refs).contains("refs/entire/checkpoints/p1/p1" + i,
            "refs/entire/checkpoints/p2/p2" + i);
      }
    } finally {
      first.destroyForcibly();
      second.destroyForcibly();
    }
  }

  private Process writer(String tag, int count) throws Exception {
    return new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), PushQueueWriterProcess.class.getName(),
        dir.toString(), tag, Integer.toString(count))
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
  }

  private static BufferedReader reader(Process child) {
    return new BufferedReader(new InputStreamReader(child.getInputStream(), UTF_8));
  }

  private static void go(Process child) throws Exception {
    child.getOutputStream().write('\n');
    child.getOutputStream().flush();
  }
}
